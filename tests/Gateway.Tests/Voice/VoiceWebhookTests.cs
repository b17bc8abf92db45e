using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Voice;

/// <summary>Every voice webhook through the real HTTP pipeline: signatures, TwiML, idempotency, monotonic status.</summary>
/// <remarks>
/// One gateway for the class (<see cref="SharedWorld"/>; Twilio-routed presses are played by hand, so the simulated
/// Twilio adds no callbacks of its own). Each test calls from its own number with its own CallSids and checks what it
/// changed by difference; the one that makes the agent's browser present has a gateway of its own.
/// </remarks>
public sealed class VoiceWebhookTests(GatewayWithoutCallbacks shared) : IClassFixture<GatewayWithoutCallbacks>
{
    private const string Caller = "+13125550142";
    private readonly TestWorld _world = shared.World;
    private readonly TwilioWebhooks _twilio = new(shared.World.Gateway);

    public static TheoryData<string> Routes => new()
    {
        "/twilio/voice/outbound", "/twilio/voice/inbound", "/twilio/voice/dial-status", "/twilio/voice/status", "/twilio/voice/recording", "/twilio/voice/transcription",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Webhook_MissingOrForgedSignature_403_AndNothingStored(string route)
    {
        (string, string)[] form = [("CallSid", "CA" + new string('1', 32)), ("From", Caller), ("To", "+16305550100"), ("CallStatus", "completed")];
        var before = (await _world.CountAsync("webhook_receipts"), await _world.CountAsync("voice_calls"), await _world.CountAsync("timeline"));
        using var missing = await _twilio.PostAsync(route, form, signature: "");
        using var forged = await _twilio.PostAsync(route, form, signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        using var wrongToken = await new TwilioWebhooks(_world.Gateway, "another-auth-token").PostAsync(route, form);

        Assert.All(new[] { missing, forged, wrongToken }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(before, (await _world.CountAsync("webhook_receipts"), await _world.CountAsync("voice_calls"), await _world.CountAsync("timeline")));
    }

    [Fact]
    public async Task Webhook_SignedForAnotherUrl_403()
    {
        // Signed for /twilio/voice/status, sent to /twilio/voice/status?tenant=demo: a different URL.
        var url = _world.Gateway.Address.ToString().TrimEnd('/') + "/twilio/voice/status";
        var signature = Softphone.Gateway.Twilio.TwilioSignature.Compute("dev-twilio-auth-token", url, []);
        using var response = await _twilio.PostAsync("/twilio/voice/status?tenant=demo", [], signature);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Outbound_DialsTheLead_WithDisclosureRecordingAndTheChosenCallerId()
    {
        var xml = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/outbound",
            ("CallSid", "CA" + new string('2', 32)), ("From", "client:demo_boss"), ("To", "(213) 555-0199"), ("LeadId", "lead-o")));

        var say = xml.Root!.Element("Say")!;
        Assert.Contains("recorded", say.Value);
        var dial = xml.Root.Element("Dial")!;
        Assert.Equal("+13235550102", (string?)dial.Attribute("callerId"));
        Assert.Equal("record-from-answer-dual", (string?)dial.Attribute("record"));
        Assert.Contains("/twilio/voice/dial-status?tenant=demo", (string?)dial.Attribute("action"));
        Assert.Contains("/twilio/voice/recording?tenant=demo", (string?)dial.Attribute("recordingStatusCallback"));
        var number = dial.Element("Number")!;
        Assert.Equal("+12135550199", number.Value);
        Assert.Equal("initiated ringing answered completed", (string?)number.Attribute("statusCallbackEvent"));
        Assert.True(say.IsBefore(dial));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("911")]
    [InlineData("not a number")]
    public async Task Outbound_MissingOrUndialableTo_SpokenErrorAndNoDial(string? to)
    {
        var sid = "CA" + new string('3', 31) + (to?.Length ?? 0) % 10;
        (string, string)[] form = to is null
            ? [("CallSid", sid), ("From", "client:demo_boss")]
            : [("CallSid", sid), ("From", "client:demo_boss"), ("To", to)];
        var xml = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/outbound", form));
        Assert.Null(xml.Root!.Element("Dial"));
        Assert.NotNull(xml.Root.Element("Say"));
        Assert.NotNull(xml.Root.Element("Hangup"));
    }

    [Fact]
    public async Task Outbound_UnknownClient_ApologyNoDial()
    {
        var xml = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/outbound", ("CallSid", "CA" + new string('4', 32)), ("From", "client:ghost_nobody"), ("To", Caller)));
        Assert.Null(xml.Root!.Element("Dial"));
    }

    [Fact]
    public async Task Inbound_UnknownCalledNumber_PoliteMessageAndHangup()
    {
        var xml = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", "CA" + new string('5', 32)), ("From", Caller), ("To", "+19995550100")));
        Assert.Contains("not in service", xml.Root!.Element("Say")!.Value);
        Assert.NotNull(xml.Root.Element("Hangup"));
        Assert.Null(xml.Root.Element("Dial"));
    }

    [Fact]
    public async Task Inbound_BrowserPresent_RingsTheClient_WithTheCallerName()
    {
        // The agent's browser stays present for a while: a gateway of its own, so no other test's call rings it.
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
        var twilio = new TwilioWebhooks(world.Gateway);
        using var client = world.Gateway.Client();
        using var press = await client.PostAsJsonAsync("/api/calls", new { leadId = "lead-in", to = Caller, leadName = "Pat Lee", mode = "twilio-only" });
        using var heartbeat = await client.PostAsync("/api/presence/heartbeat", null);
        Assert.Equal(HttpStatusCode.NoContent, heartbeat.StatusCode);

        var xml = XDocument.Parse(await twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", "CA" + new string('6', 32)), ("From", Caller), ("To", "+16305550100")));

        var dial = xml.Root!.Element("Dial")!;
        Assert.Equal("demo_boss", dial.Element("Client")!.Element("Identity")!.Value);
        Assert.Contains(dial.Element("Client")!.Elements("Parameter"), p => (string?)p.Attribute("value") == "Pat Lee");
        Assert.Contains("leg=inbound", (string?)dial.Attribute("action"));
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-in/timeline");
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "call"
            && e.GetProperty("details").GetProperty("direction").GetString() == "inbound" && e.GetProperty("details").GetProperty("ringing").GetString() == "browser");
    }

    [Fact]
    public async Task Inbound_NoBrowserNoForwarding_Voicemail_ThenRecordingAndTranscriptionOnTheTimeline()
    {
        const string Caller = "+13125550143";
        var sid = "CA" + new string('7', 32);
        var xml = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", sid), ("From", Caller), ("To", "+16305550100")));
        var record = xml.Root!.Element("Record")!;
        Assert.Equal("true", (string?)record.Attribute("transcribe"));
        Assert.Contains("/twilio/voice/transcription?tenant=demo", (string?)record.Attribute("transcribeCallback"));

        await _twilio.PostTwimlAsync("/twilio/voice/recording?tenant=demo&voicemail=1", ("CallSid", sid), ("RecordingSid", "RE" + new string('1', 32)),
            ("RecordingUrl", "https://api.twilio.com/r/1"), ("RecordingDuration", "12"), ("RecordingStatus", "completed"));
        // The Record action reports the same recording again: no second entry.
        var final = await _twilio.PostTwimlAsync("/twilio/voice/recording?tenant=demo&voicemail=1&final=1", ("CallSid", sid), ("RecordingSid", "RE" + new string('1', 32)),
            ("RecordingUrl", "https://api.twilio.com/r/1"), ("RecordingDuration", "12"));
        await _twilio.PostTwimlAsync("/twilio/voice/transcription?tenant=demo", ("CallSid", sid), ("RecordingSid", "RE" + new string('1', 32)),
            ("TranscriptionText", "Hi, call me back about the house."), ("TranscriptionStatus", "completed"));

        Assert.NotNull(XDocument.Parse(final).Root!.Element("Hangup"));
        using var client = _world.Gateway.Client();
        var entries = (await client.GetFromJsonAsync<JsonElement>($"/api/leads/{Uri.EscapeDataString(Caller)}/timeline")).GetProperty("entries").EnumerateArray().ToList();
        // One voicemail entry: the recording status callback and the Record action report it twice, the transcription completes it.
        var voicemail = Assert.Single(entries, e => e.GetProperty("type").GetString() == "voicemail");
        Assert.Equal("Hi, call me back about the house.", voicemail.GetProperty("details").GetProperty("transcription").GetString());
        Assert.Equal("https://api.twilio.com/r/1", voicemail.GetProperty("details").GetProperty("recordingUrl").GetString());
        Assert.Contains("call me back", voicemail.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task DialStatus_InboundNotAnswered_Voicemail_Answered_Hangup()
    {
        const string Caller = "+13125550144";
        var sid = "CA" + new string('8', 32);
        await _twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", sid), ("From", Caller), ("To", "+16305550100"));

        var missed = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/dial-status?tenant=demo&leg=inbound", ("CallSid", sid), ("DialCallStatus", "no-answer")));
        var answered = XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/dial-status?tenant=demo&leg=inbound", ("CallSid", sid), ("DialCallStatus", "completed")));

        Assert.NotNull(missed.Root!.Element("Record"));
        Assert.Null(answered.Root!.Element("Record"));
        Assert.NotNull(answered.Root.Element("Hangup"));
    }

    [Fact]
    public async Task Status_DuplicatedAndReordered_NeverDoubleLogsOrMovesBackwards()
    {
        const string Caller = "+13125550145";
        var sid = "CA" + new string('9', 32);
        await _twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", sid), ("From", Caller), ("To", "+16305550100"));
        (string, string)[] Status(string status, int sequence) => [("CallSid", sid), ("CallStatus", status), ("SequenceNumber", sequence.ToString()), ("CallDuration", "42")];

        using (await _twilio.PostAsync("/twilio/voice/status?tenant=demo", Status("in-progress", 2), idempotencyToken: "tok-2")) { }
        using (await _twilio.PostAsync("/twilio/voice/status?tenant=demo", Status("completed", 3), idempotencyToken: "tok-3")) { }
        using (await _twilio.PostAsync("/twilio/voice/status?tenant=demo", Status("completed", 3), idempotencyToken: "tok-3")) { }   // Twilio's retry
        using (await _twilio.PostAsync("/twilio/voice/status?tenant=demo", Status("completed", 3))) { }                            // same, no token
        using (await _twilio.PostAsync("/twilio/voice/status?tenant=demo", Status("ringing", 1), idempotencyToken: "tok-1")) { }   // late

        using var client = _world.Gateway.Client();
        var entries = (await client.GetFromJsonAsync<JsonElement>($"/api/leads/{Uri.EscapeDataString(Caller)}/timeline")).GetProperty("entries").EnumerateArray().ToList();
        var call = Assert.Single(entries, e => e.GetProperty("type").GetString() == "call");
        Assert.Contains("completed (42 s)", call.GetProperty("summary").GetString());
        Assert.Equal("completed", call.GetProperty("details").GetProperty("twilioStatus").GetString());
        await using var connection = await _world.Gateway.Services.GetRequiredService<Softphone.Gateway.Storage.Database>().OpenAsync();
        Assert.Equal("completed", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT status FROM voice_calls WHERE call_sid = @sid", new { sid }));
    }

    [Fact]
    public async Task Status_UnknownCallAndTenant_EmptyTwiml()
    {
        var xml = await _twilio.PostTwimlAsync("/twilio/voice/status", ("CallSid", "CA" + new string('0', 32)), ("CallStatus", "completed"));
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", xml);
    }
}
