using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Voice;

/// <summary>The whole loop offline: a press goes to Twilio, the simulated Twilio plays the browser and the callbacks.</summary>
public sealed class SimulatedTwilioLoopTests
{
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Twilio:SimulatedCallbackDelay"] = "00:00:00.020",
        ["Twilio:SimulatedCallDuration"] = "00:00:00.100",
    };

    [Fact]
    public async Task Press_NodeDown_TwilioRoute_SimulatedCallbacks_CallCompletedOnTheLeadsTimeline()
    {
        await using var world = await TestWorld.StartAsync(Fast, startAgent: false);
        using var client = world.Gateway.Client();

        var call = await world.PressJsonAsync(new { leadId = "lead-sim", to = "+13125550142", leadName = "Pat Lee", leadState = "IL" });
        Assert.Equal(("twilio", "node-down"), (call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
        var twilio = call.GetProperty("twilio");
        Assert.Equal("browser", twilio.GetProperty("mode").GetString());
        Assert.Equal("demo_boss", twilio.GetProperty("identity").GetString());
        Assert.Equal(3, twilio.GetProperty("token").GetString()!.Split('.').Length);
        var callId = call.GetProperty("callId").GetString();

        await Eventually.WaitAsync(async () =>
        {
            var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-sim/timeline");
            var entries = timeline.GetProperty("entries").EnumerateArray().ToList();
            return entries.Any(e => e.GetProperty("type").GetString() == "call" && e.GetProperty("summary").GetString()!.Contains("completed (", StringComparison.Ordinal)
                && e.GetProperty("details").TryGetProperty("recordingUrl", out _));
        }, "the simulated call to complete, with its recording, on the lead's timeline");

        // Status and recording callbacks updated the press's own entry: one entry for the call, not one per callback.
        var entries = (await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-sim/timeline")).GetProperty("entries").EnumerateArray().ToList();
        var completed = Assert.Single(entries, e => e.GetProperty("type").GetString() == "call");
        Assert.Equal(callId, completed.GetProperty("callId").GetString());
        Assert.Equal("completed", completed.GetProperty("details").GetProperty("twilioStatus").GetString());
        Assert.Equal("twilio", completed.GetProperty("details").GetProperty("route").GetString());
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");
        Assert.StartsWith("CA", stored.GetProperty("twilio").GetProperty("callSid").GetString());
        Assert.Equal("completed", stored.GetProperty("twilio").GetProperty("status").GetString());
        Assert.True(stored.GetProperty("twilio").GetProperty("durationSeconds").GetInt32() >= 1);
    }

    [Fact]
    public async Task Readyz_SaysTwilioIsSimulated()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client(apiKey: null);
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.StartsWith("simulated", ready.GetProperty("checks").GetProperty("twilio").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Token_ForTheAgent_VoiceGrantWithIdentityAndIncoming()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();

        using var response = await client.PostAsync("/api/token", null);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        var payload = answer.GetProperty("token").GetString()!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='))));
        var grants = claims.RootElement.GetProperty("grants");
        Assert.Equal("demo_boss", grants.GetProperty("identity").GetString());
        Assert.True(grants.GetProperty("voice").GetProperty("incoming").GetProperty("allow").GetBoolean());
        Assert.Equal(3600, claims.RootElement.GetProperty("exp").GetInt64() - claims.RootElement.GetProperty("iat").GetInt64());
        Assert.True(answer.GetProperty("simulated").GetBoolean());
    }

    [Fact]
    public async Task Numbers_SearchPurchaseConfigureRelease_Simulated()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();

        var available = await client.GetFromJsonAsync<JsonElement>("/api/numbers/available?areaCode=312");
        var pick = available[0].GetProperty("phoneNumber").GetString();
        using var bought = await client.PostAsJsonAsync("/api/numbers/purchase", new { phoneNumber = pick });
        var number = await bought.Content.ReadFromJsonAsync<JsonElement>();
        var sid = number.GetProperty("sid").GetString();
        using var configured = await client.PostAsync($"/api/numbers/{sid}/configure-webhooks", null);
        using var setDefault = await client.PutAsJsonAsync("/api/numbers/default", new { number = pick });
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/numbers");
        using var released = await client.PostAsync($"/api/numbers/{sid}/release", null);
        using var again = await client.PostAsync($"/api/numbers/{sid}/release", null);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/numbers");

        Assert.StartsWith("PN", sid);
        Assert.Equal("IL", number.GetProperty("state").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, configured.StatusCode);
        Assert.Contains("/twilio/voice/inbound", await configured.Content.ReadAsStringAsync());
        Assert.Single(listed.EnumerateArray(), n => n.GetProperty("isDefault").GetBoolean() && n.GetProperty("e164").GetString() == pick);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, released.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain(after.EnumerateArray(), n => n.GetProperty("e164").GetString() == pick);
    }

    [Theory]
    [InlineData("/api/numbers/available?areaCode=31", "invalid-area-code")]
    [InlineData("/api/numbers/available?contains=%24%24", "invalid-contains")]
    public async Task Numbers_BadSearch_400(string url, string reason)
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        using var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }
}
