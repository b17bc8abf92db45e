using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.FollowUps;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Timeline;

internal static class TimelineEndpoints
{
    public static RouteGroupBuilder MapTimelineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/leads", RecentAsync);
        api.MapGet("/leads/{id}", GetLeadAsync);
        api.MapGet("/leads/{id}/timeline", GetAsync);
        return api;
    }

    /// <summary>A page of the lead's timeline, newest first; <c>cursor</c> is the previous page's <c>nextCursor</c>.</summary>
    private static async Task<Results<Ok<LeadTimeline>, ProblemHttpResult>> GetAsync(
        string id, string? limit, string? cursor, HttpContext http, TimelineStore store, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        var count = QueryValues.Int(limit, nameof(limit));
        if (count is < 1 or > 200)
        {
            return Problems.Create(400, "invalid-limit", "limit must be between 1 and 200");
        }
        if (!TimelineCursor.TryDecode(cursor, out var before))
        {
            return Problems.Create(400, "invalid-cursor", "cursor is not one this gateway gave", "Use the nextCursor of the previous page, unchanged.");
        }
        // Another tenant's lead is simply not found.
        if (await store.FindLeadAsync(agent.TenantId, id, cancellationToken) is not { } lead)
        {
            return Problems.Create(404, "lead-not-found", "No such lead");
        }
        var (entries, next) = await store.ListAsync(agent.TenantId, id, count ?? 50, before, cancellationToken);
        return TypedResults.Ok(new LeadTimeline(lead.Id, lead.Name, lead.State, lead.Phone, lead.Stage, lead.CallAttempts, entries, next));
    }

    /// <summary>The tenant's leads with the most recent activity first (the console's "recent leads").</summary>
    private static async Task<Results<Ok<IReadOnlyList<Lead>>, ProblemHttpResult>> RecentAsync(string? limit, HttpContext http, TimelineStore store, CancellationToken cancellationToken)
    {
        var count = QueryValues.Int(limit, nameof(limit));
        if (count is < 1 or > 200)
        {
            return Problems.Create(400, "invalid-limit", "limit must be between 1 and 200");
        }
        return TypedResults.Ok(await store.RecentLeadsAsync(http.User.GetAgent().TenantId, count ?? 20, cancellationToken));
    }

    private static async Task<Results<Ok<LeadView>, ProblemHttpResult>> GetLeadAsync(
        string id, HttpContext http, TimelineStore store, ComplianceStore compliance, FollowUpStore followUps, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        if (await store.FindLeadAsync(agent.TenantId, id, cancellationToken) is not { } lead)
        {
            return Problems.Create(404, "lead-not-found", "No such lead");
        }
        var blocked = await compliance.BlockAsync(agent.TenantId, lead.Phone, cancellationToken);
        var pending = await followUps.ListAsync(agent.TenantId, null, lead.Id, 100, cancellationToken);
        // The first of the contact's possible zones: the one the console's date-time pickers use for "the lead's local time".
        var (zones, zoneSource) = ContactTimeZones.For(lead.State, Softphone.Shared.Phones.E164Number.TryParse(lead.Phone, out var number, out _) ? number.AreaCode : null);
        return TypedResults.Ok(new LeadView(lead.Id, lead.Name, lead.State, lead.Phone, lead.Stage, lead.CallAttempts, lead.LastDisposition, blocked,
            pending, lead.CreatedAt, lead.UpdatedAt, zones[0].Id, zoneSource));
    }
}

/// <summary>
/// The answer of <c>GET /api/leads/{id}</c>: stage and call attempts from dispositions, why it may not be contacted
/// (<c>Blocked</c>: <c>do-not-call</c>, <c>opted-out</c>, <c>bad-number</c>, or null), pending follow-ups, and the
/// contact's time zone (IANA id) with where it came from (<c>lead-state</c>, <c>area-code</c>, <c>unknown</c>).
/// </summary>
internal sealed record LeadView(string Id, string? Name, string? State, string Phone, string Stage, int CallAttempts, string? LastDisposition, string? Blocked,
    IReadOnlyList<FollowUp> FollowUps, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string TimeZone, string ZoneSource);
