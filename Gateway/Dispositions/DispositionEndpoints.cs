using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Dispositions;

internal static class DispositionEndpoints
{
    public static RouteGroupBuilder MapDispositionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dispositions", (IOptions<DispositionOptions> options) =>
            TypedResults.Ok(new DispositionList(options.Value.Set.Select(DispositionView.From).ToList())));
        api.MapPost("/calls/{id}/disposition", (string id, DispositionRequest? request, HttpContext http, DispositionService service, CancellationToken ct) =>
            service.ApplyAsync(http.User.GetAgent(), id, request, ct));
        return api;
    }
}

/// <summary>The answer of <c>GET /api/dispositions</c>: the tenant's dispositions in the order a call bar shows them.</summary>
internal sealed record DispositionList(IReadOnlyList<DispositionView> Dispositions);

/// <summary>
/// A disposition as <c>GET /api/dispositions</c> lists it for a call bar. <c>FollowUp</c> is <c>after</c> (a fixed
/// delay, <c>FollowUpAfter</c>), <c>agent-time</c> (the agent must give followUpAt), or <c>none</c>.
/// </summary>
internal sealed record DispositionView(string Id, string Label, string ShortLabel, string Icon, string Stage, bool CountsAsAttempt, string FollowUp,
    TimeSpan? FollowUpAfter, bool AddsToDnc, bool MarksBadNumber)
{
    public static DispositionView From(DispositionRule rule) => new(rule.Id, rule.Label, rule.ShortLabel, rule.Icon, rule.Stage, rule.CountsAsAttempt,
        rule.FollowUpAfter is not null ? "after" : rule.AsksForFollowUpTime ? "agent-time" : "none", rule.FollowUpAfter, rule.AddsToDnc, rule.MarksBadNumber);
}
