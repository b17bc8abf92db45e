using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Routing;

/// <summary>
/// Press call through the real gateway and a real Mac node agent on loopback. Tests that only press share one world
/// (<see cref="WorldWithAgent"/>), each with its own number and call ids, counting what it dialed and stored by that
/// number; a test that stops, black-holes or reconfigures the agent or the tenant starts a world of its own.
/// </summary>
[Slow]
public sealed class PressCallTests(WorldWithAgent shared) : IClassFixture<WorldWithAgent>
{
    private static object Lead(string to = "+13125550142", string? callId = null, string? mode = null, string leadId = "lead-1", string? state = null) =>
        new { leadId, to, leadName = "Pat Lee", leadState = state, callId, mode };

    [Fact]
    public async Task Route_NodeUp_GoesToTheIphone_ConfirmedAndDialedExactlyOnce()
    {
        var world = shared.World;

        using var response = await world.PressAsync(Lead("+13125550161"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var call = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("iphone", call.GetProperty("route").GetString());
        Assert.True(call.GetProperty("confirmed").GetBoolean());
        Assert.Equal("placed", call.GetProperty("status").GetString());
        Assert.Equal("dialed", call.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("twilio").ValueKind);
        Assert.Equal(1, world.Dialer.CountFor("+13125550161"));
        Assert.Equal($"/api/calls/{call.GetProperty("callId").GetString()}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Route_AgentStopped_FallsBackToTwilioWithAReason_AndNothingDialed()
    {
        await using var world = await TestWorld.StartAsync();
        await world.StopAgentAsync();

        var call = await world.PressJsonAsync(Lead(state: "IL"));

        Assert.Equal("twilio", call.GetProperty("route").GetString());
        // Refused at connect (the dial certainly did not happen), or the breaker had opened first.
        Assert.Contains(call.GetProperty("reason").GetString(), new[] { "node-unreachable", "node-down", "circuit-open" });
        Assert.Equal("+16305550100", call.GetProperty("callerId").GetString());
        Assert.Equal("lead-state", call.GetProperty("callerIdRule").GetString());
        var parameters = call.GetProperty("twilio").GetProperty("params");
        Assert.Equal("+13125550142", parameters.GetProperty("To").GetString());
        Assert.Equal("+16305550100", parameters.GetProperty("CallerId").GetString());
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Route_AgentStopped_NodeGoesDown_AndPressesGoStraightToTwilio()
    {
        await using var world = await TestWorld.StartAsync();
        await world.StopAgentAsync();
        await world.WaitForNodeAsync("down");

        var call = await world.PressJsonAsync(Lead());

        Assert.Equal(("twilio", "node-down"), (call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
        Assert.Equal(0, call.GetProperty("dialAttempts").GetInt32());
    }

    [Fact]
    public async Task Route_BlackHoledAgent_ReturnsWithinItsBudget_WithAnHonestOutcome()
    {
        await using var world = await TestWorld.StartAsync();
        await world.BlackHoleAsync();

        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var call = await world.PressJsonAsync(Lead());
        var elapsed = clock.GetElapsedTime(started);

        // Either the press reached the hung agent (unknown: never repeated elsewhere), or the breaker had
        // already opened (certainly not sent: Twilio). Both are honest; a twilio answer after a send is not.
        var route = call.GetProperty("route").GetString();
        if (route == "iphone")
        {
            Assert.False(call.GetProperty("confirmed").GetBoolean());
            Assert.Equal("unconfirmed", call.GetProperty("status").GetString());
            Assert.Equal("node-unconfirmed", call.GetProperty("reason").GetString());
            Assert.StartsWith("/api/calls/", call.GetProperty("fallbackUrl").GetString());
        }
        else
        {
            Assert.Equal("twilio", route);
            Assert.Contains(call.GetProperty("reason").GetString(), new[] { "node-down", "circuit-open" });
        }
        // The budget is 2.5 s here; generous slack for a loaded 2-core machine, far below an HTTP client timeout.
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"press took {elapsed}");
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Route_BlackHoledAgent_NodeGoesDown_ThenTwilio()
    {
        await using var world = await TestWorld.StartAsync();
        await world.BlackHoleAsync();
        await world.WaitForNodeAsync("down");

        var call = await world.PressJsonAsync(Lead());

        Assert.Equal(("twilio", "node-down"), (call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Route_AgentRestarted_IsUsedAgain()
    {
        await using var world = await TestWorld.StartAsync();
        await world.StopAgentAsync();
        await world.WaitForNodeAsync("down");

        await world.StartAgentAsync();
        await world.WaitForNodeAsync("up");
        var call = await world.PressJsonAsync(Lead());

        Assert.Equal("iphone", call.GetProperty("route").GetString());
        Assert.True(call.GetProperty("confirmed").GetBoolean());
        Assert.Equal(1, world.Dialer.CountFor("+13125550142"));
    }

    [Fact]
    public async Task Route_IphoneOnlyWithNodeDown_503AndNothingPlaced()
    {
        await using var world = await TestWorld.StartAsync();
        await world.StopAgentAsync();
        await world.WaitForNodeAsync("down");

        using var response = await world.PressAsync(Lead(mode: "iphone-only"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("node-down", problem.GetProperty("reason").GetString());
        var callId = problem.GetProperty("callId").GetString();
        using var client = world.Gateway.Client();
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");
        Assert.Equal("not-placed", stored.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("route").ValueKind);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("twilio").ValueKind);
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Route_IphoneOnlyWithNodeUp_DialsTheIphone()
    {
        var world = shared.World;
        var call = await world.PressJsonAsync(Lead("+13125550162", mode: "iphone-only"));
        Assert.Equal("iphone", call.GetProperty("route").GetString());
        Assert.Equal(1, world.Dialer.CountFor("+13125550162"));
    }

    [Fact]
    public async Task Route_TwilioOnly_GoesToTwilio_WithoutAskingTheNode()
    {
        var world = shared.World;

        var call = await world.PressJsonAsync(Lead("+13125550163", mode: "twilio-only"));

        Assert.Equal(("twilio", "mode-twilio-only"), (call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
        Assert.Equal(0, world.Dialer.CountFor("+13125550163"));
    }

    [Fact]
    public async Task Route_TenantCallModeSetToTwilioOnly_AppliesToPressesWithoutOverride()
    {
        await using var world = await TestWorld.StartAsync();
        using var client = world.Gateway.Client();
        using var put = await client.PutAsJsonAsync("/api/settings/call-mode", new { mode = "twilio-only" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("twilio-only", (await client.GetFromJsonAsync<JsonElement>("/api/settings/call-mode")).GetProperty("mode").GetString());

        var call = await world.PressJsonAsync(Lead());

        Assert.Equal("twilio", call.GetProperty("route").GetString());
        Assert.Equal("twilio-only", call.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Route_DialerNotReady_NodeIsDown_AndThePressGoesToTwilio()
    {
        await using var world = await TestWorld.StartAsync();
        world.Dialer.IsReady = false;
        // (On a loaded machine a probe can also time out meanwhile, and the node is "circuit-open" for a moment.)
        await world.WaitForNodeAsync("down", "dialer-not-ready");

        var call = await world.PressJsonAsync(Lead());

        Assert.Equal("twilio", call.GetProperty("route").GetString());
        Assert.Equal("dialer-not-ready", call.GetProperty("reasonDetail").GetString());
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Retry_SameCallId_NeverDialsTwice_AndAnswersTheFirstOutcome()
    {
        var world = shared.World;

        using var first = await world.PressAsync(Lead("+13125550164", callId: "crm-press-1"));
        using var second = await world.PressAsync(Lead("+13125550164", callId: "crm-press-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await second.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(a.GetProperty("callId").GetString(), b.GetProperty("callId").GetString());
        Assert.Equal(a.GetProperty("route").GetString(), b.GetProperty("route").GetString());
        Assert.Equal(1, world.Dialer.CountFor("+13125550164"));
        Assert.Equal(1, await world.CountCallsToAsync("+13125550164"));
    }

    [Fact]
    public async Task Retry_SameCallIdConcurrently_DialsOnce_AndEveryAnswerIsConsistent()
    {
        var world = shared.World;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => world.PressAsync(Lead("+13125550165", callId: "crm-press-race"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, world.Dialer.CountFor("+13125550165"));
        Assert.Equal(1, await world.CountCallsToAsync("+13125550165"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Retry_SameCallIdForAnotherNumber_409AndNothingDialed()
    {
        var world = shared.World;
        using (await world.PressAsync(Lead("+13125550166", callId: "crm-press-2"))) { }

        using var clash = await world.PressAsync(Lead(callId: "crm-press-2", to: "+13125550167"));

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("call-id-conflict", (await clash.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(0, world.Dialer.CountFor("+13125550167"));
    }

    [Fact]
    public async Task Fallback_UnconfirmedCall_PlacedViaTwilioOnce()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            // Slow probing and a long freshness window, so the node is still up when the press reaches the black hole.
            ["MacNode:ProbeInterval"] = "00:01:00",
            ["MacNode:HeartbeatFreshness"] = "00:01:00",
        });
        await world.BlackHoleAsync();
        var call = await world.PressJsonAsync(Lead(state: "CA", to: "+13125550150"));
        Assert.Equal("unconfirmed", call.GetProperty("status").GetString());
        var id = call.GetProperty("callId").GetString();
        using var client = world.Gateway.Client();

        using var fallback = await client.PostAsync($"/api/calls/{id}/fallback", null);
        using var again = await client.PostAsync($"/api/calls/{id}/fallback", null);

        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        var placed = await fallback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("twilio", "placed", "manual-fallback"), (placed.GetProperty("route").GetString(), placed.GetProperty("status").GetString(), placed.GetProperty("reason").GetString()));
        Assert.Equal("+13235550102", placed.GetProperty("callerId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-fallen-back", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Fallback_ConfirmedCall_409()
    {
        var world = shared.World;
        var call = await world.PressJsonAsync(Lead("+13125550168"));
        using var client = world.Gateway.Client();

        using var fallback = await client.PostAsync($"/api/calls/{call.GetProperty("callId").GetString()}/fallback", null);

        Assert.Equal(HttpStatusCode.Conflict, fallback.StatusCode);
        Assert.Equal("not-unconfirmed", (await fallback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Fallback_UnknownCall_404()
    {
        using var client = shared.World.Gateway.Client();
        using var fallback = await client.PostAsync("/api/calls/nope/fallback", null);
        Assert.Equal(HttpStatusCode.NotFound, fallback.StatusCode);
    }
}
