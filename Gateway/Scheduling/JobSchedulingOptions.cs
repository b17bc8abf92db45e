using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Scheduling;

/// <summary>The <c>Scheduling</c> section: Quartz on the gateway's database.</summary>
internal sealed class JobSchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How late a trigger may fire before Quartz treats it as misfired (then: fire once, now).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a job that failed (the database was busy, Twilio did not answer) waits before it runs again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Jobs that may run at once (follow-ups falling due, A2P polls).</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;
}
