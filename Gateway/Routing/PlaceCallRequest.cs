namespace Softphone.Gateway.Routing;

/// <summary>The body of <c>POST /api/calls</c>.</summary>
/// <param name="LeadId">The CRM's lead id (required).</param>
/// <param name="To">The lead's number, any common spelling (required).</param>
/// <param name="LeadName">Shown on the timeline.</param>
/// <param name="LeadState">Two-letter state, for caller ID (and calling hours).</param>
/// <param name="Mode">Overrides the tenant's call mode for this press.</param>
/// <param name="CallId">Idempotency key: a retried press with the same id returns the first outcome and never dials again.</param>
/// <param name="Record">Record this call (Twilio route); default the tenant's setting.</param>
/// <param name="OverrideCallingHours">Place it outside the contact's calling hours; only where Compliance:AllowHoursOverride is on. Recorded on the timeline.</param>
internal sealed record PlaceCallRequest(string? LeadId, string? To, string? LeadName, string? LeadState, string? Mode, string? CallId,
    bool? Record = null, bool? OverrideCallingHours = null);
