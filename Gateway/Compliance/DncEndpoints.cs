using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Compliance;

internal static class DncEndpoints
{
    public static RouteGroupBuilder MapDncEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dnc", async (HttpContext http, ComplianceStore store, CancellationToken ct) => TypedResults.Ok(await store.ListDncAsync(http.User.GetAgent().TenantId, ct)));
        api.MapPost("/dnc", AddAsync);
        api.MapDelete("/dnc/{phone}", RemoveAsync);
        api.MapGet("/bad-numbers", async (HttpContext http, ComplianceStore store, CancellationToken ct) => TypedResults.Ok(await store.ListBadAsync(http.User.GetAgent().TenantId, ct)));
        api.MapDelete("/bad-numbers/{phone}", ClearBadAsync);
        return api;
    }

    /// <summary>Adds the number to the list and, in the same transaction, cancels its pending follow-ups.</summary>
    private static async Task<Results<Created<DncEntry>, Ok<DncEntry>, ProblemHttpResult>> AddAsync(
        DncRequest? request, HttpContext http, ComplianceStore store, Storage.UnitOfWork unitOfWork, Events.EventBroadcaster broadcaster, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(request?.Phone, out var number, out var problem))
        {
            return Problems.Create(400, "invalid-number", "Send { \"phone\": \"+1…\", \"reason\"?: \"…\" }", problem);
        }
        if (request!.Reason is { Length: > 500 })
        {
            return Problems.Create(400, "invalid-reason", "reason is longer than 500 characters");
        }
        var agent = http.User.GetAgent();
        var now = timeProvider.GetUtcNow();
        var entry = new DncEntry { E164 = number.Value, Reason = request.Reason, AddedBy = agent.AgentId, CreatedAt = now };
        var added = false;
        IReadOnlyList<string> cancelled = [];
        await unitOfWork.RunAsync(async (connection, transaction) =>
        {
            added = await ComplianceStore.AddDncAsync(connection, transaction, agent.TenantId, number.Value, request.Reason, agent.AgentId, now);
            cancelled = await FollowUps.FollowUpService.CancelForPhoneAsync(connection, transaction, agent.TenantId, number.Value, "do-not-call", now);
        }, cancellationToken);
        if (cancelled.Count > 0)
        {
            broadcaster.Notify(agent.TenantId);
        }
        return added
            ? TypedResults.Created($"/api/dnc/{Uri.EscapeDataString(number.Value)}", entry)
            : TypedResults.Ok((await store.ListDncAsync(agent.TenantId, cancellationToken)).First(e => e.E164 == number.Value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string phone, HttpContext http, ComplianceStore store, CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(phone, out var number, out var problem))
        {
            return Problems.Create(400, "invalid-number", "Not a phone number", problem);
        }
        return await store.RemoveDncAsync(http.User.GetAgent().TenantId, number.Value, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Create(404, "not-on-dnc", "This number is not on the do-not-call list");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearBadAsync(string phone, HttpContext http, ComplianceStore store, CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(phone, out var number, out var problem))
        {
            return Problems.Create(400, "invalid-number", "Not a phone number", problem);
        }
        return await store.ClearBadAsync(http.User.GetAgent().TenantId, number.Value, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Create(404, "not-bad-number", "This number is not marked bad");
    }
}
