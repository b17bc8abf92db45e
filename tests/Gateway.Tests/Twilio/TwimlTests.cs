using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>Each intent built with our writer must equal, byte for byte, what Twilio's Node library wrote for it.</summary>
public sealed class TwimlTests
{
    private const string Cb = "https://gw.example.com/twilio/voice";

    private static readonly Dictionary<string, Func<TwimlResponse>> Intents = new()
    {
        ["empty"] = () => new TwimlResponse(),
        ["say-escaped"] = () => new TwimlResponse().Say("Tom & Jerry <say> \"quotes\" 'apostrophes' > done\r\nnext", "Polly.Joanna", "en-US"),
        ["outbound-recorded"] = () =>
        {
            var r = new TwimlResponse().Say("This call may be recorded for quality and training purposes.", "Polly.Joanna");
            r.Add("Dial", ("callerId", "+16305550100"), ("record", "record-from-answer-dual"), ("action", $"{Cb}/dial-status?callId=call_1&tenant=demo"),
                    ("method", "POST"), ("recordingStatusCallback", $"{Cb}/recording?callId=call_1"), ("recordingStatusCallbackMethod", "POST"),
                    ("recordingStatusCallbackEvent", "completed"), ("answerOnBridge", true), ("timeout", 30))
                .Add("Number", "+13125550142", ("statusCallback", $"{Cb}/status?callId=call_1"),
                    ("statusCallbackEvent", new[] { "initiated", "ringing", "answered", "completed" }), ("statusCallbackMethod", "POST"));
            return r;
        },
        ["inbound-client"] = () =>
        {
            var r = new TwimlResponse();
            var client = r.Add("Dial", ("timeout", 20), ("action", $"{Cb}/dial-status?tenant=demo"), ("callerId", "+13125550142")).Add("Client");
            client.Add("Identity", "boss");
            client.Add("Parameter", ("name", "callerName"), ("value", "Pat \"PL\" Lee & Co"));
            return r;
        },
        ["inbound-forward"] = () =>
        {
            var r = new TwimlResponse();
            r.Add("Dial", "+16305559999", ("timeout", 25), ("action", $"{Cb}/dial-status"), ("answerOnBridge", true));
            return r;
        },
        ["voicemail"] = () =>
        {
            var r = new TwimlResponse().Say("Sorry, nobody can take your call. Please leave a message after the beep.");
            r.Add("Record", ("action", $"{Cb}/recording?final=1"), ("method", "POST"), ("maxLength", 120), ("timeout", 5), ("playBeep", true),
                ("transcribe", true), ("transcribeCallback", $"{Cb}/transcription"), ("recordingStatusCallback", $"{Cb}/recording"),
                ("recordingStatusCallbackEvent", new[] { "completed" }));
            return r.Hangup();
        },
        ["reject-busy"] = () => { var r = new TwimlResponse(); r.Add("Reject", ("reason", "busy")); return r; },
        ["redirect-pause"] = () =>
        {
            var r = new TwimlResponse();
            r.Add("Pause", ("length", 2));
            r.Add("Redirect", $"{Cb}/inbound?retry=1&x=a b", ("method", "POST"));
            return r;
        },
        ["connect-stream"] = () =>
        {
            var r = new TwimlResponse();
            r.Add("Connect", ("action", $"{Cb}/status"))
                .Add("Stream", ("url", "wss://gw.example.com/media"), ("name", "agent-assist"), ("track", "both_tracks"))
                .Add("Parameter", ("name", "callId"), ("value", "call_1"));
            return r;
        },
        ["attr-escaping"] = () => new TwimlResponse().Say("x", "a\tb\nc\"d&e<f>g'h"),
        ["unicode"] = () => new TwimlResponse().Say("Ça coûte 5 € — merci 😀", language: "fr-FR"),
        ["spoken-error"] = () => new TwimlResponse().Say("We are sorry, this number cannot be dialed.").Hangup(),
        ["sms-empty"] = () => new TwimlResponse(),
        ["sms-message"] = () => { var r = new TwimlResponse(); r.Add("Message", "Reply STOP to opt out & HELP for help"); return r; },
    };

    public static TheoryData<string> CaseIds => GoldenData.Ids("twiml.json", "cases");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Writer_MatchesTwilioNodeSdk(string id)
    {
        var expected = GoldenData.Case("twiml.json", "cases", id).GetProperty("xml").GetString();
        Assert.True(Intents.ContainsKey(id), $"no intent written for golden case {id}");
        Assert.Equal(expected, Intents[id]().ToString());
    }

    [Fact]
    public void Writer_DropsCharactersXmlForbids_SoTheAnswerStaysWellFormed()
    {
        var xml = new TwimlResponse().Say("bell\u0007 and lone \uD800 surrogate").ToString();
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>bell and lone  surrogate</Say></Response>", xml);
        System.Xml.Linq.XDocument.Parse(xml);
    }
}
