using Microsoft.AspNetCore.Http.HttpResults;
using Quartz;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Scheduling;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Sms;

internal static class A2pEndpoints
{
    public static RouteGroupBuilder MapA2pEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/a2p", GetAsync);
        api.MapPost("/a2p/refresh", RefreshAsync);
        return api;
    }

    private static async Task<Ok<A2pView>> GetAsync(HttpContext http, Storage.Database database, A2pGate gate, JobScheduler jobs, CancellationToken cancellationToken)
    {
        var tenantId = http.User.GetAgent().TenantId;
        var state = await A2pGate.ReadAsync(database, tenantId, cancellationToken);
        return TypedResults.Ok(await ViewAsync(tenantId, state, gate, jobs, cancellationToken));
    }

    /// <summary>Reads Twilio now (e.g. right after the campaign was approved), instead of waiting for the next poll.</summary>
    private static async Task<Results<Ok<A2pView>, ProblemHttpResult>> RefreshAsync(HttpContext http, A2pPoller poller, A2pGate gate, JobScheduler jobs, CancellationToken cancellationToken)
    {
        var tenantId = http.User.GetAgent().TenantId;
        try
        {
            var state = await poller.CheckAsync(tenantId, cancellationToken);
            return TypedResults.Ok(await ViewAsync(tenantId, state, gate, jobs, cancellationToken));
        }
        catch (Exception error) when (error is Twilio.TwilioUnreachableException or Twilio.TwilioApiException or HttpRequestException)
        {
            return Problems.Create(503, "a2p-unknown", "The A2P 10DLC campaign status could not be read from Twilio", error.Message);
        }
    }

    private static async Task<A2pView> ViewAsync(string tenantId, A2pState? state, A2pGate gate, JobScheduler jobs, CancellationToken cancellationToken)
    {
        var scheduler = await jobs.GetAsync(cancellationToken);
        var next = (await scheduler.GetTrigger(new TriggerKey(tenantId, A2pPoller.TriggerGroup), cancellationToken))?.NextFireTimeUtc;
        return state is null
            ? new A2pView("NOT_CHECKED", false, null, "Not read yet", null, null, null, next)
            : new A2pView(state.Status, state.IsApproved, state.CampaignSid, state.IsApproved ? null : Reason(state), state.SubmittedAt,
                gate.ExpectedApproval(state), state.CheckedAt, next);
    }

    private static string Reason(A2pState state) => state.Errors is { Length: > 0 } errors
        ? errors
        : state.IsRejected ? $"The campaign is {state.Status}; Twilio gave no reason. Check the Messaging Service in the Twilio console."
        : $"The campaign is {state.Status}: waiting for approval.";
}

/// <summary>The answer of <c>GET /api/a2p</c>: texting is on exactly when <see cref="SmsEnabled"/>; <see cref="Reason"/> says why not.</summary>
internal sealed record A2pView(string Status, bool SmsEnabled, string? CampaignSid, string? Reason, DateTimeOffset? SubmittedAt,
    DateTimeOffset? ExpectedApprovalBy, DateTimeOffset? LastCheckedAt, DateTimeOffset? NextCheckAt);
