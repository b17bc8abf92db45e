using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.FollowUps;

internal static class FollowUpEndpoints
{
    private static readonly string[] Statuses = [FollowUp.Scheduled, FollowUp.Due, FollowUp.Done, FollowUp.Cancelled];

    public static RouteGroupBuilder MapFollowUpEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/followups", ListAsync);
        api.MapPost("/followups/{id}/done", DoneAsync);
        return api;
    }

    /// <summary><c>?due=true</c>: the agent's list of follow-ups due now; <c>?status=</c> any one status; neither: all pending (scheduled and due).</summary>
    private static async Task<Results<Ok<FollowUpPage>, ProblemHttpResult>> ListAsync(
        string? due, string? status, string? leadId, string? limit, HttpContext http, FollowUpStore store, CancellationToken cancellationToken)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.Create(400, "invalid-status", $"status must be one of {string.Join(", ", Statuses)}");
        }
        var (dueOnly, count) = (QueryValues.Bool(due, nameof(due)) == true, QueryValues.Int(limit, nameof(limit)));
        if (dueOnly && status is not null && status != FollowUp.Due)
        {
            return Problems.Create(400, "invalid-status", "due=true lists due follow-ups; leave status out");
        }
        if (count is < 1 or > 500)
        {
            return Problems.Create(400, "invalid-limit", "limit must be between 1 and 500");
        }
        var items = await store.ListAsync(http.User.GetAgent().TenantId, dueOnly ? FollowUp.Due : status, leadId, count ?? 100, cancellationToken);
        return TypedResults.Ok(new FollowUpPage(items));
    }

    private static async Task<Results<Ok<FollowUp>, ProblemHttpResult>> DoneAsync(string id, HttpContext http, FollowUpService service, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        var (followUp, refusal) = await service.DoneAsync(agent.TenantId, agent.AgentId, id, cancellationToken);
        return refusal switch
        {
            null => TypedResults.Ok(followUp!),
            "followup-not-found" => Problems.Create(404, refusal, "No such follow-up", "The business has no follow-up with this id."),
            _ => Problems.Create(409, refusal, "This follow-up was cancelled", $"Reason: {followUp!.Reason}. Nothing to do."),
        };
    }
}

/// <summary>The answer of <c>GET /api/followups</c>, soonest first.</summary>
internal sealed record FollowUpPage(IReadOnlyList<FollowUp> FollowUps);
