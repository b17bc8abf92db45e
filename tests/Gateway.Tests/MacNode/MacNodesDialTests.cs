using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Tests.Support;
using Softphone.Shared.NodeProtocol;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>
/// <see cref="MacNodes.DialAsync"/> against a real agent on loopback: the heart of "never dial twice".
/// Probes are slowed down so that only the dial itself decides what the gateway learns.
/// </summary>
[Slow]
public sealed class MacNodesDialTests
{
    private static Task<TestWorld> StartAsync(string? agentSecret = null) =>
        TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:05:00" }, agentSecret: agentSecret);

    private static DialRequest Dial(string callId) => new(callId, "+13125550142", null);

    [Fact]
    public async Task Dial_AgentUp_ConfirmedOnce_ThenTheSameIdIsAlreadyDialed()
    {
        await using var world = await StartAsync();
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var first = await nodes.DialAsync("boss-mac", Dial("once"), CancellationToken.None);
        var again = await nodes.DialAsync("boss-mac", Dial("once"), CancellationToken.None);

        Assert.Equal((NodeDialResult.Confirmed, NodeDialCause.Dialed, 1), (first.Result, first.Cause, first.Attempts));
        Assert.Equal((NodeDialResult.Confirmed, NodeDialCause.AlreadyDialed), (again.Result, again.Cause));
        Assert.Equal(1, world.Dialer.CountFor("+13125550142"));
    }

    [Fact]
    public async Task Dial_AgentGone_ConnectionRefused_NotDialedAtOnce()
    {
        await using var world = await StartAsync();
        await world.StopAgentAsync();
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var outcome = await nodes.DialAsync("boss-mac", Dial("refused"), CancellationToken.None);

        Assert.Equal((NodeDialResult.NotDialed, NodeDialCause.Unreachable, "node-unreachable", 1), (outcome.Result, outcome.Cause, outcome.Detail, outcome.Attempts));
    }

    [Fact]
    public async Task Dial_AgentHangs_UnknownAfterAskingAgainWithTheSameId_WithinTheBudget()
    {
        await using var world = await StartAsync();
        await world.BlackHoleAsync();
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();
        var started = TimeProvider.System.GetTimestamp();

        var outcome = await nodes.DialAsync("boss-mac", Dial("hung"), CancellationToken.None);

        Assert.Equal(NodeDialResult.Unknown, outcome.Result);
        Assert.True(outcome.Attempts >= 2, $"asked {outcome.Attempts} time(s)");
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(4), "the dial budget (2.5 s in tests) bounds the wait");
    }

    [Fact]
    public async Task Dial_UnknownThenRefusedConnections_StaysUnknown_NeverNotDialed()
    {
        await using var world = await StartAsync();
        await world.BlackHoleAsync();
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var dial = nodes.DialAsync("boss-mac", Dial("maybe"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(1200), TimeProvider.System); // the first attempt (1 s) timed out: it may have dialed
        await world.ClearBlackHoleAsync();                                      // later attempts are refused outright
        var outcome = await dial;

        Assert.Equal(NodeDialResult.Unknown, outcome.Result);
    }

    [Fact]
    public async Task Dial_DialerNotReady_RefusedByTheNode_NotDialed()
    {
        await using var world = await StartAsync();
        world.Dialer.IsReady = false;
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var outcome = await nodes.DialAsync("boss-mac", Dial("not-ready"), CancellationToken.None);

        Assert.Equal((NodeDialResult.NotDialed, NodeDialCause.Refused, "node-refused:dialer-not-ready"), (outcome.Result, outcome.Cause, outcome.Detail));
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Dial_AgentRejectsTheSignature_NotDialed()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:05:00" }, startAgent: false, agentSecret: "the-agent-has-another-secret");
        await world.StartAgentAsync();
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var outcome = await nodes.DialAsync("boss-mac", Dial("forged"), CancellationToken.None);

        Assert.Equal((NodeDialResult.NotDialed, NodeDialCause.RejectedSignature), (outcome.Result, outcome.Cause));
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Press_NodeUpButItsAgentJustDied_FallsBackToTwilioInTheSameRequest_NodeUnreachable()
    {
        await using var world = await StartAsync();
        Assert.Equal("up", (await world.NodeAsync()).GetProperty("state").GetString());
        await world.StopAgentAsync(); // still "up": heard from within the freshness window, no probe has failed yet

        var call = await world.PressJsonAsync(new { leadId = "lead-u", to = "+13125550142" });

        Assert.Equal(("placed", "twilio", "node-unreachable"), (call.GetProperty("status").GetString(), call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
        Assert.Equal("up", call.GetProperty("nodeState").GetString());
        Assert.Equal(1, call.GetProperty("dialAttempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("fallbackUrl").ValueKind);
    }
}
