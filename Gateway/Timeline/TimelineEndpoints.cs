using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Timeline;

internal static class TimelineEndpoints
{
    public static RouteGroupBuilder MapTimelineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/leads/{id}/timeline", GetAsync);
        return api;
    }

    private static async Task<Results<Ok<LeadTimeline>, ProblemHttpResult>> GetAsync(
        string id, int? limit, HttpContext http, TimelineStore store, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        if (limit is < 1 or > 1000)
        {
            return Problems.Create(400, "invalid-limit", "limit must be between 1 and 1000");
        }
        // Another tenant's lead is simply not found.
        if (await store.FindLeadAsync(agent.TenantId, id, cancellationToken) is not { } lead)
        {
            return Problems.Create(404, "lead-not-found", "No such lead");
        }
        var entries = await store.ListAsync(agent.TenantId, id, limit ?? 200, cancellationToken);
        return TypedResults.Ok(new LeadTimeline(lead.Id, lead.Name, lead.State, lead.Phone, entries));
    }
}
