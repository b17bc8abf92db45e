using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Voice;

/// <summary>Server-placed calls with live Twilio settings against the loopback fake Twilio (the real REST client).</summary>
public sealed class BridgeCallTests : IAsyncLifetime
{
    private const string Account = LiveTwilio.Account;
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private Dictionary<string, string?> Live()
    {
        var settings = LiveTwilio.Bridge(_twilio);
        settings["Tenants:demo:Agents:boss:ForwardTo"] = "+16305559999";
        return settings;
    }

    [Fact]
    public async Task Press_ServerPlaced_RingsTheAgentPhoneThenTheLead_AndAnswersTheCallSid()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Calls.json", 201, """{"sid":"CAbridge","status":"queued"}""");
        await using var world = await TestWorld.StartAsync(Live(), startAgent: false);

        var call = await world.PressJsonAsync(new { leadId = "lead-b", to = "+13125550142", leadState = "IL" });

        Assert.Equal("twilio", call.GetProperty("route").GetString());
        Assert.Equal(("bridge", "CAbridge"), (call.GetProperty("twilio").GetProperty("mode").GetString(), call.GetProperty("twilio").GetProperty("callSid").GetString()));
        Assert.Equal(JsonValueKind.Null, call.GetProperty("twilio").GetProperty("token").ValueKind);
        var sent = Assert.Single(_twilio.Requests);
        Assert.Equal("+16305559999", sent.Field("To"));
        Assert.Equal("+16305550100", sent.Field("From"));
        Assert.StartsWith("https://gateway.example.com/twilio/voice/status?tenant=demo", sent.Field("StatusCallback"));
        var dial = XDocument.Parse(sent.Field("Twiml")!).Root!.Element("Dial")!;
        Assert.Equal("+13125550142", dial.Element("Number")!.Value);
        Assert.Equal("+16305550100", (string?)dial.Attribute("callerId"));
    }

    [Fact]
    public async Task Press_ServerPlaced_TwilioRefuses_503WithTwilioReason()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Calls.json", 400, """{"code":21215,"message":"Geo permission","status":400}""");
        await using var world = await TestWorld.StartAsync(Live(), startAgent: false);

        using var response = await world.PressAsync(new { leadId = "lead-b", to = "+13125550142" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("twilio-error", problem.GetProperty("reason").GetString());
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task Webhooks_WithLiveSettings_AreCheckedAgainstThePublicUrl()
    {
        await using var world = await TestWorld.StartAsync(Live(), startAgent: false);
        var url = "https://gateway.example.com/twilio/voice/inbound";
        (string, string)[] form = [("CallSid", "CA" + new string('1', 32)), ("From", "+13125550142"), ("To", "+16305550100")];
        var signature = Softphone.Gateway.Twilio.TwilioSignature.Compute("live-auth-token", url,
            form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Item1, [f.Item2])));

        using var right = await new TwilioWebhooks(world.Gateway, "live-auth-token").PostAsync("/twilio/voice/inbound", form, signature);
        using var local = await new TwilioWebhooks(world.Gateway, "live-auth-token").PostAsync("/twilio/voice/inbound", form);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, local.StatusCode); // signed for the loopback URL, not the public one
    }
}
