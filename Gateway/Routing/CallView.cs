namespace Softphone.Gateway.Routing;

/// <summary>A call as the API shows it: the routing decision and what the browser needs for a Twilio call.</summary>
internal sealed record CallView(
    string CallId,
    string LeadId,
    string To,
    string Mode,
    string Status,
    string? Route,
    bool Confirmed,
    string? Reason,
    string? ReasonDetail,
    string? NodeId,
    string? NodeState,
    int DialAttempts,
    string? CallerId,
    string? CallerIdRule,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FallbackAt,
    TwilioLeg? Twilio,
    string? FallbackUrl,
    string? Disposition = null,
    DateTimeOffset? DisposedAt = null)
{
    public static CallView From(CallRecord call, bool serverPlaced = false) => new(
        call.Id,
        call.LeadId,
        call.ToE164,
        call.Mode,
        call.Status,
        call.Route,
        call.Confirmed,
        call.Reason,
        call.ReasonDetail,
        call.NodeId,
        call.NodeState,
        call.DialAttempts,
        call.CallerId,
        call.CallerIdRule,
        call.CreatedAt,
        call.UpdatedAt,
        call.FallbackAt,
        call.Route == "twilio" ? TwilioLeg.For(call, serverPlaced) : null,
        call is { Status: CallRecord.Unconfirmed, Route: "iphone", FallbackAt: null } ? $"/api/calls/{call.Id}/fallback" : null,
        call.Disposition,
        call.DisposedAt);
}
