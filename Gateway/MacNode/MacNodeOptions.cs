using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.MacNode;

/// <summary>The <c>MacNode</c> section: probing, dialing and the per-node circuit breaker.</summary>
internal sealed class MacNodeOptions : IValidatableObject
{
    public const string Section = "MacNode";

    /// <summary>How often each node's <c>GET /health</c> is probed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A probe slower than this has failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>One <c>POST /dial</c> attempt; past it the outcome is unknown.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan DialAttemptTimeout { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The whole dial, asking again with the same call id included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan DialBudget { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Pause before asking again after an unknown outcome.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan DialRetryPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A node not heard from for this long is down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatFreshness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a signed heartbeat's timestamp may lie from now.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the gateway pings each tunnel (WebSocket keep-alive).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TunnelKeepAlive { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A tunnel whose ping is not answered within this is closed (a sleeping, hung or cut-off Mac).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TunnelKeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Connections the gateway uses per node at once; match the agent's MacNodeAgent:TunnelConnections.</summary>
    [Range(1, 64)]
    public int TunnelConnections { get; set; } = 2;

    /// <summary>How long a request waits for a free tunnel while the node has tunnels open but all are busy.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan TunnelWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Per-node circuit breaker.</summary>
    [Required]
    public BreakerOptions Breaker { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DialAttemptTimeout > DialBudget)
        {
            yield return new ValidationResult("MacNode:DialAttemptTimeout must not exceed MacNode:DialBudget.", [nameof(DialAttemptTimeout)]);
        }
        if (Breaker.FailureRatio is <= 0 or > 1)
        {
            yield return new ValidationResult("MacNode:Breaker:FailureRatio must be in (0, 1].", [nameof(Breaker)]);
        }
        if (Breaker.MinimumThroughput < 2)
        {
            yield return new ValidationResult("MacNode:Breaker:MinimumThroughput must be at least 2.", [nameof(Breaker)]);
        }
        if (Breaker.SamplingDuration < TimeSpan.FromMilliseconds(500) || Breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return new ValidationResult("MacNode:Breaker:SamplingDuration and BreakDuration must be at least 0.5 s (Polly's minimum).", [nameof(Breaker)]);
        }
    }
}
