using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.MacNode;

/// <summary>Circuit-breaker thresholds, sized for a handful of probes a second to one Mac.</summary>
internal sealed class BreakerOptions
{
    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.6;

    /// <summary>Calls needed in the window before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 3;

    /// <summary>The sampling window.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the circuit stays open before one trial call (half-open).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMilliseconds(1500);
}
