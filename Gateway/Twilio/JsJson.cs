using System.Globalization;
using System.Text;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// JSON string quoting exactly as JavaScript's <c>JSON.stringify</c> does it (what Twilio's Node SDK
/// signs): only <c>"</c>, <c>\</c> and control characters are escaped, lone surrogates as <c>\udxxx</c>,
/// everything else as is. System.Text.Json's encoders escape more, which would change token bytes.
/// </summary>
internal static class JsJson
{
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(value, i))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            text.Append(value[++i]);
                        }
                    }
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    private static bool IsLoneSurrogate(string value, int i) =>
        (char.IsHighSurrogate(value[i]) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
        || (char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1])));
}
