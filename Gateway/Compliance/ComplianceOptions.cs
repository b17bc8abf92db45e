using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Compliance;

/// <summary>The <c>Compliance</c> section: calling and texting hours in the contact's local time.</summary>
internal sealed class ComplianceOptions : IValidatableObject
{
    public const string Section = "Compliance";

    /// <summary>Calls only between these local times (TCPA: 8 a.m. to 9 p.m.).</summary>
    public HoursWindow CallingHours { get; set; } = new();

    /// <summary>Texts only between these local times.</summary>
    public HoursWindow TextingHours { get; set; } = new();

    /// <summary>Whether a press may override the calling hours explicitly (recorded on the timeline). Off by default.</summary>
    public bool AllowHoursOverride { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, window) in new[] { ("CallingHours", CallingHours), ("TextingHours", TextingHours) })
        {
            if (window.Start < TimeSpan.Zero || window.End > TimeSpan.FromDays(1) || window.Start >= window.End)
            {
                yield return new ValidationResult($"Compliance:{name} must have 00:00 <= Start < End <= 1.00:00 (24:00).", [name]);
            }
        }
    }
}
