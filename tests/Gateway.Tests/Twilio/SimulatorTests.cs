using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>
/// The simulated caller and the simulated browser phone behind the console's offline mode: everything they do goes
/// through the real signed webhooks, so the timeline, voicemail and recordings are the ones live Twilio produces.
/// </summary>
public sealed class SimulatorTests
{
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Twilio:SimulatedCallbackDelay"] = "00:00:00.020",
        ["Twilio:SimulatedCallDuration"] = "00:00:01",
    };

    [Fact]
    public async Task IncomingCall_WithTheBrowserOpen_RingsIt_AndADeclineGoesToVoicemailWithATranscriptionAndARecording()
    {
        await using var world = await TestWorld.StartAsync(Fast, startAgent: false);
        using var client = world.Gateway.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/presence/heartbeat", null)).StatusCode);

        using var started = await client.PostAsJsonAsync("/api/simulator/incoming-call", new { from = "(312) 555-0142" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var call = await started.Content.ReadFromJsonAsync<JsonElement>();
        var sid = call.GetProperty("callSid").GetString()!;
        Assert.Equal(("+13125550142", "+16305550100"), (call.GetProperty("from").GetString(), call.GetProperty("to").GetString()));

        // It rings the browser (the inbound webhook answered <Dial><Client>), until the browser declines.
        await Eventually.WaitAsync(async () => (await client.PostAsync($"/api/simulator/calls/{sid}/decline", null)).StatusCode == HttpStatusCode.NoContent, "the call rings");
        JsonElement voicemail = default;
        await Eventually.WaitAsync(async () =>
        {
            var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/%2B13125550142/timeline");
            voicemail = timeline.GetProperty("entries").EnumerateArray().FirstOrDefault(e => e.GetProperty("type").GetString() == "voicemail");
            return voicemail.ValueKind == JsonValueKind.Object && voicemail.GetProperty("details").TryGetProperty("transcription", out _);
        }, "a transcribed voicemail");
        Assert.Equal(Softphone.Gateway.Twilio.SimulatedTwilio.SimulatedVoicemail, voicemail.GetProperty("details").GetProperty("transcription").GetString());

        var recordingSid = voicemail.GetProperty("details").GetProperty("recordingSid").GetString();
        using var audio = await client.GetAsync($"/api/recordings/{recordingSid}");
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        var bytes = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(44 + 8000 * 2, bytes.Length); // one second of 8 kHz 16-bit mono

        // Another tenant sees neither the recording nor the call.
        using var acme = world.Gateway.Client(GatewayFactory.AcmeKey);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.GetAsync($"/api/recordings/{recordingSid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.PostAsync($"/api/simulator/calls/{sid}/hangup", null)).StatusCode);
    }

    [Fact]
    public async Task AnsweredCall_IsCompleted_WithNoVoicemail()
    {
        await using var world = await TestWorld.StartAsync(Fast, startAgent: false);
        using var client = world.Gateway.Client();
        await client.PostAsync("/api/presence/heartbeat", null);
        var call = await (await client.PostAsJsonAsync("/api/simulator/incoming-call", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var sid = call.GetProperty("callSid").GetString()!;

        await Eventually.WaitAsync(async () => (await client.PostAsync($"/api/simulator/calls/{sid}/answer", null)).StatusCode == HttpStatusCode.NoContent, "the call rings");
        await Eventually.WaitAsync(async () =>
        {
            var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/%2B13125550142/timeline");
            var entry = timeline.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "call");
            return entry.GetProperty("details").TryGetProperty("twilioStatus", out var status) && status.GetString() == "completed";
        }, "the answered call completes");
        Assert.Equal(0, await world.CountAsync("voice_calls WHERE voicemail = 1"));
        // Once it is over there is nothing left to control.
        using var late = await client.PostAsync($"/api/simulator/calls/{sid}/hangup", null);
        Assert.Equal("call-not-active", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task BadSimulatorInput_Is4xx_AndLiveTwilioHasNoSimulator()
    {
        await using (var world = await TestWorld.StartAsync(Fast, startAgent: false))
        {
            using var client = world.Gateway.Client();
            using var badFrom = await client.PostAsJsonAsync("/api/simulator/incoming-call", new { from = "12" });
            using var notOurs = await client.PostAsJsonAsync("/api/simulator/incoming-call", new { to = "+12145550177" }); // acme's number
            using var badAction = await client.PostAsync("/api/simulator/calls/CA00000000000000000000000000000000/explode", null);
            Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (badFrom.StatusCode, notOurs.StatusCode, badAction.StatusCode));
            Assert.Equal("number-not-owned", (await notOurs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
            Assert.Equal(0, await world.CountAsync("voice_calls"));
        }

        await using var fake = await FakeTwilioServer.StartAsync();
        await using var live = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC" + new string('5', 32), ["Twilio:AuthToken"] = "live-auth-token", ["Twilio:ApiBaseUrl"] = fake.BaseUrl,
        }, startAgent: false);
        using var liveClient = live.Gateway.Client();
        using var refused = await liveClient.PostAsJsonAsync("/api/simulator/incoming-call", new { });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("not-simulated", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RecentLeads_AreNewestActivityFirst_AndTenantScoped()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        await world.PressAsync(new { leadId = "old", to = "+13125550101", leadState = "IL", leadName = "Old Lead" });
        await world.PressAsync(new { leadId = "new", to = "+13125550102", leadState = "IL", leadName = "New Lead" });

        var leads = await client.GetFromJsonAsync<JsonElement>("/api/leads?limit=5");
        Assert.Equal(new[] { "new", "old" }, leads.EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToArray());
        using var acme = world.Gateway.Client(GatewayFactory.AcmeKey);
        Assert.Empty((await acme.GetFromJsonAsync<JsonElement>("/api/leads")).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/leads?limit=0")).StatusCode);
        var lead = await client.GetFromJsonAsync<JsonElement>("/api/leads/old");
        Assert.Equal(("America/Chicago", "lead-state"), (lead.GetProperty("timeZone").GetString(), lead.GetProperty("zoneSource").GetString()));
    }
}
