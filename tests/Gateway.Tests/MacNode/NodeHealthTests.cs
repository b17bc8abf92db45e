using System.Net;
using Polly.CircuitBreaker;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Tenancy;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>Node state from breaker, heartbeat freshness and dialer readiness, on a manual clock.</summary>
public sealed class NodeHealthTests
{
    private static readonly NodeStatusReport Ready = new("boss-mac", "1.0", 5, true, "dry-run", null);
    private readonly ManualTimeProvider _clock = new();
    private readonly MacNodeOptions _options = new()
    {
        HeartbeatFreshness = TimeSpan.FromSeconds(5),
        Breaker = new BreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, SamplingDuration = TimeSpan.FromSeconds(2), BreakDuration = TimeSpan.FromSeconds(1) },
    };

    private NodeHealth Create() => new(
        new NodeEntry("demo", "boss-mac", "boss", new Uri("http://127.0.0.1:1/"), new NodeCredentials("boss-mac", "secret-123")), _options, _clock);

    private static Task ExecuteAsync(NodeHealth node, bool succeed) =>
        node.Pipeline.ExecuteAsync(_ => succeed
            ? ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK))
            : throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")).AsTask();

    [Fact]
    public void Evaluate_NeverHeardFrom_DownNeverSeen()
    {
        var node = Create();
        var transition = node.Evaluate(_clock.GetUtcNow());
        Assert.Equal(("unknown", "down", "never-seen"), (transition!.FromState, transition.ToState, transition.Reason));
    }

    [Fact]
    public void Evaluate_Heartbeat_Up_ThenStaleAfterTheFreshnessWindow_Down()
    {
        var node = Create();
        node.RecordHeartbeat(Ready, _clock.GetUtcNow());
        Assert.Equal("up", node.Evaluate(_clock.GetUtcNow())!.ToState);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(node.Evaluate(_clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var down = node.Evaluate(_clock.GetUtcNow());
        Assert.Equal(("up", "down", "not-heard-from"), (down!.FromState, down.ToState, down.Reason));
    }

    [Fact]
    public void Evaluate_DialerNotReady_Down()
    {
        var node = Create();
        node.RecordHeartbeat(Ready with { DialerReady = false }, _clock.GetUtcNow());
        Assert.Equal("dialer-not-ready", node.Evaluate(_clock.GetUtcNow())!.Reason);
    }

    [Fact]
    public async Task Breaker_OneFailureAmongSuccesses_StaysUp()
    {
        var node = Create();
        node.RecordHeartbeat(Ready, _clock.GetUtcNow());
        node.Evaluate(_clock.GetUtcNow());
        await ExecuteAsync(node, true);
        await ExecuteAsync(node, true);
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));

        Assert.Equal(CircuitState.Closed, node.Circuit);
        Assert.Null(node.Evaluate(_clock.GetUtcNow()));
        Assert.True(node.State.IsUp);
    }

    [Fact]
    public async Task Breaker_TwoFailures_Opens_Down_ThenHalfOpenAfterBreak_AndASuccessBringsItUp()
    {
        var node = Create();
        node.RecordHeartbeat(Ready, _clock.GetUtcNow());
        node.Evaluate(_clock.GetUtcNow());

        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        Assert.Equal(CircuitState.Open, node.Circuit);
        Assert.Equal(("up", "down", "circuit-open"), (node.Evaluate(_clock.GetUtcNow()) is { } t ? (t.FromState, t.ToState, t.Reason) : default));

        // While open, calls are refused without being sent (and the heartbeat alone does not bring it back).
        await Assert.ThrowsAsync<BrokenCircuitException>(() => ExecuteAsync(node, true));
        node.RecordHeartbeat(Ready, _clock.GetUtcNow());
        Assert.Null(node.Evaluate(_clock.GetUtcNow()));
        Assert.Equal(("down", "circuit-open"), (node.State.Name, node.State.Reason));

        _clock.Advance(TimeSpan.FromSeconds(1.1));
        node.RecordHeartbeat(Ready, _clock.GetUtcNow());
        await ExecuteAsync(node, true);
        Assert.Equal(CircuitState.Closed, node.Circuit);
        Assert.Equal("up", node.Evaluate(_clock.GetUtcNow())!.ToState);
    }

    [Fact]
    public async Task Breaker_FailedTrialCallAfterBreak_OpensAgain()
    {
        var node = Create();
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        _clock.Advance(TimeSpan.FromSeconds(1.1));

        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));

        Assert.Equal(CircuitState.Open, node.Circuit);
    }

    /// <summary>A call through the node's pipeline with a context of its own, failing once <paramref name="fail"/> completes.</summary>
    private static async Task FailLaterAsync(NodeHealth node, Task fail)
    {
        var context = node.RentContext(TimeSpan.FromSeconds(5), CancellationToken.None);
        try
        {
            using var response = await node.Pipeline.ExecuteAsync<HttpResponseMessage, Task>(async (_, gate) =>
            {
                await gate;
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "the tunnel was cut");
            }, context, fail);
        }
        finally
        {
            Polly.ResilienceContextPool.Shared.Return(context);
        }
    }

    [Fact]
    public async Task Breaker_CallsUnderWayWhenANewerAgentInstanceTakesOver_AreNotHeldAgainstTheNode()
    {
        var node = Create();
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] underWay = [FailLaterAsync(node, cut.Task), FailLaterAsync(node, cut.Task), FailLaterAsync(node, cut.Task)];

        // The old instance's tunnels are closed under the calls after the newer instance has claimed the node.
        await node.NewInstanceAsync();
        cut.SetResult();
        foreach (var call in underWay)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => call);
        }

        Assert.Equal(CircuitState.Closed, node.Circuit);
        // Calls that begin with the new instance count as before. (The three above count as calls that did not fail:
        // Polly counts every outcome it does not handle as a success. So two failures make 2 of 5, and a third 3 of 6.)
        await Assert.ThrowsAsync<HttpRequestException>(() => FailLaterAsync(node, Task.CompletedTask));
        await Assert.ThrowsAsync<HttpRequestException>(() => FailLaterAsync(node, Task.CompletedTask));
        Assert.Equal(CircuitState.Closed, node.Circuit);
        await Assert.ThrowsAsync<HttpRequestException>(() => FailLaterAsync(node, Task.CompletedTask));
        Assert.Equal(CircuitState.Open, node.Circuit);
    }

    [Fact]
    public async Task Breaker_WithoutAHandover_TheSameCallsOpenIt()
    {
        var node = Create();
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] underWay = [FailLaterAsync(node, cut.Task), FailLaterAsync(node, cut.Task)];

        cut.SetResult();
        foreach (var call in underWay)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        }

        Assert.Equal(CircuitState.Open, node.Circuit);
    }

    [Fact]
    public async Task ANewerAgentInstance_ClosesAnOpenCircuit_AndClearsItsCounts()
    {
        var node = Create();
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        Assert.Equal(CircuitState.Open, node.Circuit);

        await node.NewInstanceAsync();
        Assert.Equal(CircuitState.Closed, node.Circuit);
        // Cleared: one failure among none is below the minimum throughput of two.
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        Assert.Equal(CircuitState.Closed, node.Circuit);
    }

    [Fact]
    public async Task ATunnelReopened_ForgetsTheFailuresCountedWithoutOne()
    {
        var node = Create();
        await node.RecordTunnelsAsync(1, _clock.GetUtcNow());
        await node.RecordTunnelsAsync(0, _clock.GetUtcNow());
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        Assert.Equal(CircuitState.Closed, node.Circuit);

        await node.RecordTunnelsAsync(1, _clock.GetUtcNow());
        // Cleared: this failure alone is below the minimum throughput of two (with the one before, 2 of 2 would open it).
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        Assert.Equal(CircuitState.Closed, node.Circuit);
    }

    [Fact]
    public async Task ATunnelReopened_ACallBegunWithoutOne_IsNotHeldAgainstTheNode()
    {
        var node = Create();
        await node.RecordTunnelsAsync(1, _clock.GetUtcNow());
        await node.RecordTunnelsAsync(0, _clock.GetUtcNow());
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] underWay = [FailLaterAsync(node, cut.Task), FailLaterAsync(node, cut.Task)];

        await node.RecordTunnelsAsync(2, _clock.GetUtcNow());
        cut.SetResult();
        foreach (var call in underWay)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => call);
        }

        Assert.Equal(CircuitState.Closed, node.Circuit);
    }

    [Fact]
    public async Task ASecondTunnelOpening_IsNotAReopen_FailuresStillCount()
    {
        var node = Create();
        await node.RecordTunnelsAsync(1, _clock.GetUtcNow());
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));

        await node.RecordTunnelsAsync(2, _clock.GetUtcNow());
        await Assert.ThrowsAsync<HttpRequestException>(() => ExecuteAsync(node, false));
        Assert.Equal(CircuitState.Open, node.Circuit);
    }
}
