using Microsoft.Extensions.Options;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Compliance;

/// <summary>The one check every call and text path goes through: DNC, opt-out, then local calling/texting hours.</summary>
internal sealed class ComplianceGate(ComplianceStore store, IOptions<ComplianceOptions> options, TimeProvider timeProvider)
{
    public bool OverrideAllowed => options.Value.AllowHoursOverride;

    public Task<ComplianceDecision> CheckCallAsync(string tenantId, E164Number to, string? leadState, bool overrideHours, CancellationToken cancellationToken) =>
        CheckAsync(tenantId, to, leadState, options.Value.CallingHours, "outside-calling-hours", overrideHours && options.Value.AllowHoursOverride, cancellationToken);

    public Task<ComplianceDecision> CheckTextAsync(string tenantId, E164Number to, string? leadState, CancellationToken cancellationToken) =>
        CheckAsync(tenantId, to, leadState, options.Value.TextingHours, "outside-texting-hours", false, cancellationToken);

    /// <summary>The hours part alone, for a given instant (also used where the block was already checked).</summary>
    public ComplianceDecision CheckHours(E164Number to, string? leadState, HoursWindow window, string reason, DateTimeOffset now)
    {
        var (zones, source) = ContactTimeZones.For(leadState, to.AreaCode);
        var (allowed, next) = ContactHours.Check(zones, window.Start, window.End, now);
        return allowed ? ComplianceDecision.Allow with { ZoneSource = source } : new ComplianceDecision(false, reason, next, source);
    }

    /// <summary>The instant itself when it lies inside the contact's calling hours, else the next time it does (a follow-up at night moves to the morning).</summary>
    public DateTimeOffset IntoCallingHours(E164Number to, string? leadState, DateTimeOffset at)
    {
        var hours = CheckHours(to, leadState, options.Value.CallingHours, "outside-calling-hours", at);
        return hours.Allowed ? at : hours.NextAllowedAt ?? at;
    }

    private async Task<ComplianceDecision> CheckAsync(string tenantId, E164Number to, string? leadState, HoursWindow window, string reason, bool overrideHours, CancellationToken cancellationToken)
    {
        if (await store.BlockAsync(tenantId, to.Value, cancellationToken) is { } blocked)
        {
            return new ComplianceDecision(false, blocked);
        }
        var hours = CheckHours(to, leadState, window, reason, timeProvider.GetUtcNow());
        if (!hours.Allowed && overrideHours)
        {
            return new ComplianceDecision(true, ZoneSource: hours.ZoneSource, HoursOverridden: true);
        }
        return hours;
    }
}
