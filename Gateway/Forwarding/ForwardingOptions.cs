using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Forwarding;

/// <summary>The <c>Forwarding</c> section: downstream copies of validated Twilio webhooks.</summary>
internal sealed class ForwardingOptions : IValidatableObject
{
    public const string Section = "Forwarding";

    /// <summary>Where copies go (none by default).</summary>
    public List<ForwardingTarget> Targets { get; set; } = [];

    /// <summary>Attempts before a copy is dead-lettered (kept, counted in /readyz, not retried).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The pause after the first failed attempt; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the worker looks for due copies (it is also woken by each new one).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One delivery attempt's timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Targets.Count; i++)
        {
            var target = Targets[i];
            if (string.IsNullOrWhiteSpace(target.Name) || Targets.Count(t => t.Name == target.Name) > 1)
            {
                yield return new ValidationResult($"Forwarding:Targets:{i}:Name must be set and unique.", [nameof(Targets)]);
            }
            if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"Forwarding:Targets:{i}:Url must be an absolute http(s) URL.", [nameof(Targets)]);
            }
        }
    }
}
