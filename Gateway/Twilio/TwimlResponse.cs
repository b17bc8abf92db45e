using System.Text;

namespace Softphone.Gateway.Twilio;

/// <summary>A TwiML document: <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;&lt;Response&gt;…&lt;/Response&gt;</c>.</summary>
internal sealed class TwimlResponse
{
    public const string ContentType = "text/xml; charset=utf-8";

    public TwimlNode Root { get; } = new("Response");

    public TwimlNode Add(string verb, params (string Name, object? Value)[] attributes) => Root.Add(verb, attributes);

    public TwimlNode Add(string verb, string text, params (string Name, object? Value)[] attributes) => Root.Add(verb, text, attributes);

    public TwimlResponse Say(string text, string? voice = null, string? language = null)
    {
        Root.Add("Say", text, ("voice", voice), ("language", language));
        return this;
    }

    public TwimlResponse Hangup()
    {
        Root.Add("Hangup");
        return this;
    }

    public override string ToString()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Root.WriteTo(xml);
        return xml.ToString();
    }

    public IResult ToResult() => Results.Text(ToString(), ContentType, Encoding.UTF8);
}
