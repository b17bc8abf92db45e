using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Softphone.Gateway.Tenancy;
using Softphone.Shared.NodeProtocol;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// Everything the gateway knows about one Mac node: its resilience pipeline (circuit breaker outside,
/// per-attempt timeout inside; probes and dials both go through it), the last heartbeat, probe and
/// failure, and its current up/down state. Up means: circuit closed, heard from (heartbeat or
/// successful probe) within the freshness window, and the dialer ready. The breaker supplies the
/// hysteresis: it needs several failures to open and a successful trial call after the break to close.
/// </summary>
internal sealed class NodeHealth
{
    public static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("Softphone.AttemptTimeout");

    private readonly Lock _lock = new();
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly CircuitBreakerManualControl _control = new();
    private readonly TimeSpan _freshness;
    private DateTimeOffset? _lastContactAt;
    private int _openTunnels;
    private NodeState _state;

    public NodeHealth(NodeEntry node, MacNodeOptions options, TimeProvider timeProvider)
    {
        Node = node;
        _freshness = options.HeartbeatFreshness;
        _state = new NodeState(false, "never-seen", timeProvider.GetUtcNow());
        StateName = "unknown";
        var breaker = options.Breaker;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = $"macnode-{node.NodeId}" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                StateProvider = _circuit,
                ManualControl = _control,
                // A call that began before a newer agent instance took the node over is not held against it: its
                // failure is most likely the old instance's tunnel being closed under it.
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome) && !BeganBeforeHandover(args.Context)),
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeout, options.ProbeTimeout)),
            })
            .Build();
    }

    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException or IOException => true,
        null => outcome.Result is { } response
            && ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
        _ => false,
    };

    /// <summary>Which agent instance held the node when a call began (see <see cref="NewInstanceAsync"/>).</summary>
    private static readonly ResiliencePropertyKey<int> BeganIn = new("Softphone.BeganIn");

    private int _instances;

    private bool BeganBeforeHandover(ResilienceContext context) =>
        context.Properties.TryGetValue(BeganIn, out var began) && began != Volatile.Read(ref _instances);

    /// <summary>A pooled context for one call through <see cref="Pipeline"/> (give it back to the pool after).</summary>
    public ResilienceContext RentContext(TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AttemptTimeout, attemptTimeout);
        context.Properties.Set(BeganIn, Volatile.Read(ref _instances));
        return context;
    }

    /// <summary>
    /// A newer agent process claims the node (called before the old one's tunnels are closed): calls already under
    /// way are not counted against the node when they fail, and the breaker starts over (closed, its counts cleared),
    /// as when a node with no tunnel opens one — the new process proved itself by opening a signed tunnel, and what
    /// failed during the handover was the old process's.
    /// </summary>
    public Task NewInstanceAsync()
    {
        Interlocked.Increment(ref _instances);
        return _control.CloseAsync();
    }

    public NodeEntry Node { get; }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public CircuitState Circuit => _circuit.CircuitState;

    /// <summary>"unknown" until the first evaluation, then "up" or "down".</summary>
    public string StateName { get; private set; }

    public DateTimeOffset? LastHeartbeatAt { get; private set; }
    public DateTimeOffset? LastProbeAt { get; private set; }
    public bool? LastProbeOk { get; private set; }
    public TimeSpan? LastRoundTrip { get; private set; }
    public string? LastFailure { get; private set; }
    public DateTimeOffset? LastFailureAt { get; private set; }
    public NodeStatusReport? LastReport { get; private set; }

    public NodeState State
    {
        get { lock (_lock) { return _state; } }
    }

    /// <summary>
    /// Held while a transition is evaluated, stored and published (see <see cref="NodeRegistry.RefreshAsync"/>),
    /// so transitions are stored in the order they happened: a down/up pair is never stored up/down.
    /// </summary>
    public SemaphoreSlim TransitionGate { get; } = new(1, 1);

    /// <summary>Every signal and the state, read together under the lock they are written under.</summary>
    public NodeSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new NodeSnapshot(_state, Circuit, LastHeartbeatAt, LastProbeAt, LastProbeOk, LastRoundTrip, LastFailure, LastFailureAt, LastReport);
        }
    }

    /// <summary>The node's open tunnels changed (a tunnelled node with none is down at once).</summary>
    public async Task RecordTunnelsAsync(int open, DateTimeOffset now)
    {
        bool reopened;
        lock (_lock)
        {
            if (open == 0 && _openTunnels > 0)
            {
                RecordFailureLocked("tunnel closed", now);
            }
            reopened = open > 0 && _openTunnels == 0;
            _openTunnels = open;
        }
        if (reopened)
        {
            // The failures counted while it had none were "no tunnel"; the agent just proved itself by opening a
            // signed one. The breaker starts over as for a new instance: an open circuit closes (the next probe
            // confirms the node instead of waiting out the break), a closed one forgets its counts, and a call
            // begun with no tunnel that fails now is not held against it. Without that, one slow first probe on
            // a loaded machine could tip the earlier "no tunnel" failures over the ratio just after "up".
            await NewInstanceAsync();
        }
    }

    public int OpenTunnels
    {
        get { lock (_lock) { return _openTunnels; } }
    }

    public void RecordHeartbeat(NodeStatusReport report, DateTimeOffset now)
    {
        lock (_lock)
        {
            LastHeartbeatAt = now;
            LastReport = report;
            _lastContactAt = now;
        }
    }

    public void RecordProbeSuccess(NodeStatusReport report, TimeSpan roundTrip, DateTimeOffset now)
    {
        lock (_lock)
        {
            LastProbeAt = now;
            LastProbeOk = true;
            LastRoundTrip = roundTrip;
            LastReport = report;
            _lastContactAt = now;
        }
    }

    public void RecordProbeFailure(string failure, DateTimeOffset now)
    {
        lock (_lock)
        {
            LastProbeAt = now;
            LastProbeOk = false;
            RecordFailureLocked(failure, now);
        }
    }

    public void RecordFailure(string failure, DateTimeOffset now)
    {
        lock (_lock)
        {
            RecordFailureLocked(failure, now);
        }
    }

    /// <summary>Works out the state from the signals; returns the transition when it changed.</summary>
    public NodeTransition? Evaluate(DateTimeOffset now)
    {
        lock (_lock)
        {
            var (up, reason) = Judge(now);
            if (StateName != "unknown" && up == _state.IsUp)
            {
                if (!up && reason != _state.Reason)
                {
                    _state = _state with { Reason = reason };
                }
                return null;
            }
            var from = StateName;
            _state = new NodeState(up, reason, now);
            StateName = _state.Name;
            return new NodeTransition(Node.TenantId, Node.NodeId, now, from, StateName, reason);
        }
    }

    private (bool Up, string Reason) Judge(DateTimeOffset now) => Circuit switch
    {
        _ when Node.Tunnel && _openTunnels == 0 => (false, "no-tunnel"),
        CircuitState.Open or CircuitState.Isolated => (false, "circuit-open"),
        _ when _lastContactAt is null => (false, "never-seen"),
        _ when now - _lastContactAt > _freshness => (false, "not-heard-from"),
        _ when LastReport is { DialerReady: false } => (false, "dialer-not-ready"),
        CircuitState.HalfOpen => (false, "circuit-half-open"),
        _ => (true, "healthy"),
    };

    private void RecordFailureLocked(string failure, DateTimeOffset now)
    {
        LastFailure = failure;
        LastFailureAt = now;
    }
}
