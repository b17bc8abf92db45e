namespace Softphone.Gateway.Compliance;

/// <summary>
/// May this contact be called or texted now? A refusal carries a stable reason (<c>do-not-call</c>,
/// <c>opted-out</c>, <c>outside-calling-hours</c>, <c>outside-texting-hours</c>) and, for hours, the next
/// allowed instant and where the contact's time zone came from.
/// </summary>
internal sealed record ComplianceDecision(bool Allowed, string? Reason = null, DateTimeOffset? NextAllowedAt = null, string? ZoneSource = null, bool HoursOverridden = false)
{
    public static readonly ComplianceDecision Allow = new(true);
}
