using System.Globalization;
using System.Text;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// One TwiML element. Serialises as Twilio's Node helper library does (xmlbuilder, no whitespace,
/// attributes in the order given, empty elements self-closed, list values joined with a space):
/// text escapes <c>&amp; &lt; &gt;</c> and CR; attribute values escape <c>&amp; &lt; "</c>, TAB, LF and CR.
/// Characters that XML 1.0 forbids are dropped, so a webhook answer is always well-formed.
/// </summary>
internal sealed class TwimlNode(string name)
{
    private readonly List<KeyValuePair<string, string>> _attributes = [];
    private readonly List<TwimlNode> _children = [];
    private string? _text;

    public string Name { get; } = name;

    /// <summary>Adds a child element with attributes (nulls are left out) and returns it.</summary>
    public TwimlNode Add(string verb, params (string Name, object? Value)[] attributes)
    {
        var child = new TwimlNode(verb);
        foreach (var (attribute, value) in attributes)
        {
            if (Format(value) is { } text)
            {
                child._attributes.Add(new(attribute, text));
            }
        }
        _children.Add(child);
        return child;
    }

    /// <summary>Adds a child element with text content and returns it.</summary>
    public TwimlNode Add(string verb, string text, params (string Name, object? Value)[] attributes)
    {
        var child = Add(verb, attributes);
        child._text = text;
        return child;
    }

    public void WriteTo(StringBuilder xml)
    {
        xml.Append('<').Append(Name);
        foreach (var (attribute, value) in _attributes)
        {
            xml.Append(' ').Append(attribute).Append("=\"");
            Escape(xml, value, attribute: true);
            xml.Append('"');
        }
        if (_text is null && _children.Count == 0)
        {
            xml.Append("/>");
            return;
        }
        xml.Append('>');
        if (_text is not null)
        {
            Escape(xml, _text, attribute: false);
        }
        foreach (var child in _children)
        {
            child.WriteTo(xml);
        }
        xml.Append("</").Append(Name).Append('>');
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IEnumerable<string> list => string.Join(' ', list),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void Escape(StringBuilder xml, string value, bool attribute)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>' when !attribute: xml.Append("&gt;"); break;
                case '"' when attribute: xml.Append("&quot;"); break;
                case '\r': xml.Append("&#xD;"); break;
                case '\n' when attribute: xml.Append("&#xA;"); break;
                case '\t' when attribute: xml.Append("&#x9;"); break;
                default:
                    if (char.IsSurrogatePair(value, i))
                    {
                        xml.Append(c).Append(value[++i]);
                    }
                    else if (IsXmlChar(c))
                    {
                        xml.Append(c);
                    }
                    break;
            }
        }
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
