using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Calls;

namespace Softphone.Gateway.Routing;

internal static class CallEndpoints
{
    public static RouteGroupBuilder MapCallEndpoints(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls");
        calls.MapPost("/", PlaceAsync);
        calls.MapGet("/", ListAsync);
        calls.MapGet("/{id}", GetAsync);
        calls.MapPost("/{id}/fallback", FallbackAsync);

        api.MapGet("/settings/call-mode", GetModeAsync);
        api.MapPut("/settings/call-mode", SetModeAsync);
        return api;
    }

    private static async Task<Results<Created<CallView>, Ok<CallView>, ProblemHttpResult>> PlaceAsync(
        PlaceCallRequest? request, HttpContext http, CallService service, TwilioVoiceLegs legs, Softphone.Gateway.Compliance.ComplianceGate compliance,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!CallPressValidator.TryValidate(request, timeProvider.GetUtcNow(), out var press, out var problem))
        {
            return problem!;
        }
        if (press.OverrideCallingHours && !compliance.OverrideAllowed)
        {
            return Problems.Create(403, "override-not-allowed", "Calling-hours overrides are switched off (Compliance:AllowHoursOverride)",
                "Send the press without overrideCallingHours, or ask the operator to set Compliance:AllowHoursOverride.");
        }
        var agent = http.User.GetAgent();
        var outcome = await service.PlaceAsync(agent, press, cancellationToken);
        if (outcome is { Kind: PressKind.Refused, Refusal: { } refusal })
        {
            return Refused(refusal);
        }
        var view = WithToken(CallView.From(outcome.Call!, legs.ServerPlaced), agent, legs);
        return outcome.Kind switch
        {
            PressKind.Created => TypedResults.Created($"/api/calls/{view.CallId}", view),
            PressKind.Replayed => TypedResults.Ok(view),
            PressKind.NotPlaced => Problems.Create(503, view.Reason ?? "node-down", "Call not placed", outcome.NotPlacedBy switch
                {
                    NotPlacedBy.Twilio => "Twilio refused the call or could not be reached; nothing was placed.",
                    NotPlacedBy.Gateway => "The gateway failed before anything was placed; press again.",
                    _ => "The call mode is iphone-only and the Mac node cannot dial now; nothing was placed.",
                }, new() { ["callId"] = view.CallId, ["nodeId"] = view.NodeId, ["reasonDetail"] = view.ReasonDetail }),
            PressKind.OutcomeNotStored => Problems.Create(503, "outcome-not-stored", "The press ran but its outcome could not be stored",
                "The call may have been placed. Retry with the same callId: it is answered with the recovered outcome and never dialed twice.",
                new() { ["callId"] = view.CallId }),
            PressKind.InProgress => Problems.Create(409, "call-in-progress", "This call id is still being routed", "Ask again shortly.",
                new() { ["callId"] = view.CallId }),
            _ => Problems.Create(409, "call-id-conflict", "This call id belongs to another lead or number",
                extensions: new() { ["callId"] = view.CallId }),
        };
    }

    private static async Task<Results<Ok<CallPage>, ProblemHttpResult>> ListAsync(
        string? leadId, string? route, string? since, string? page, string? pageSize, HttpContext http, CallStore store, TwilioVoiceLegs legs, CancellationToken cancellationToken)
    {
        if (route is not (null or "iphone" or "twilio"))
        {
            return Problems.Create(400, "invalid-route", "route must be iphone or twilio");
        }
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.Create(400, "invalid-since", "since must be an ISO 8601 date-time");
            }
            from = parsed;
        }
        var (pageNumber, size) = (QueryValues.Int(page, nameof(page)), QueryValues.Int(pageSize, nameof(pageSize)));
        if (pageNumber is < 1 or > CallQuery.MaxPage || size is < 1 or > 200)
        {
            return Problems.Create(400, "invalid-page", "page or pageSize is out of range",
                $"page must be between 1 and {CallQuery.MaxPage}, pageSize between 1 and 200.");
        }
        var query = new CallQuery(leadId, route, from, pageNumber ?? 1, size ?? 50);
        var rows = await store.ListAsync(http.User.GetAgent().TenantId, query, cancellationToken);
        var items = rows.Take(query.PageSize).Select(call => CallView.From(call, legs.ServerPlaced)).ToList();
        return TypedResults.Ok(new CallPage(items, query.Page, query.PageSize, rows.Count > query.PageSize ? query.Page + 1 : null));
    }

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, CallStore store, TwilioVoiceLegs legs, CancellationToken cancellationToken) =>
        await store.FindAsync(http.User.GetAgent().TenantId, id, cancellationToken) is { } call
            ? TypedResults.Ok(CallView.From(call, legs.ServerPlaced))
            : Problems.Create(404, "call-not-found", "No such call", "The business has no call with this id.");

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> FallbackAsync(string id, HttpContext http, CallService service, TwilioVoiceLegs legs, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        var (call, refusal) = await service.FallbackAsync(agent, id, cancellationToken);
        return refusal switch
        {
            null => TypedResults.Ok(WithToken(CallView.From(call!, legs.ServerPlaced), agent, legs)),
            "call-not-found" => Problems.Create(404, refusal, "No such call", "The business has no call with this id."),
            "already-fallen-back" => Problems.Create(409, refusal, "This call was already placed via Twilio", "A call falls back once.", new() { ["callId"] = id }),
            "do-not-call" or "opted-out" or "bad-number" or "outside-calling-hours" => Problems.Create(409, refusal, "The fallback would break a compliance rule; nothing was placed",
                $"The number is now refused ({refusal}).", new() { ["callId"] = id }),
            "fallback-failed" => Problems.Create(503, refusal, "The fallback failed before anything was placed", "Ask again; the call can still fall back.",
                new() { ["callId"] = id }),
            "outcome-not-stored" => Problems.Create(503, refusal, "The fallback ran but its outcome could not be stored", "Read the call again shortly.",
                new() { ["callId"] = id }),
            _ => Problems.Create(409, refusal, "Only an unconfirmed iPhone call can fall back",
                $"The call is '{call!.Status}' via '{call.Route ?? "none"}'.", new() { ["callId"] = id }),
        };
    }

    private static ProblemHttpResult Refused(Softphone.Gateway.Compliance.ComplianceDecision refusal) => refusal.Reason switch
    {
        "outside-calling-hours" => Problems.Create(409, refusal.Reason, "Outside the contact's calling hours",
            $"Calls are allowed between the configured local hours in the contact's time zone ({refusal.ZoneSource}); next allowed at {refusal.NextAllowedAt:O}.",
            new() { ["nextAllowedAt"] = refusal.NextAllowedAt, ["zoneSource"] = refusal.ZoneSource }),
        "opted-out" => Problems.Create(409, "opted-out", "The contact opted out", "They replied STOP; calls and texts are refused until they reply START."),
        "bad-number" => Problems.Create(409, "bad-number", "The number is marked bad",
            "A call was dispositioned Bad Number; clear it with DELETE /api/bad-numbers/{phone} if the number is good again."),
        _ => Problems.Create(409, refusal.Reason ?? "do-not-call", "The number is on the do-not-call list",
            "Remove it with DELETE /api/dnc/{phone} if the contact asked to be called again."),
    };

    /// <summary>A browser-mode Twilio call comes with a fresh access token for the agent.</summary>
    private static CallView WithToken(CallView view, AgentIdentity agent, TwilioVoiceLegs legs) =>
        view.Twilio is { Mode: "browser" } leg
            ? view with { Twilio = leg with { Token = legs.MintToken(agent.TenantId, agent.AgentId, out _), Identity = Softphone.Gateway.Twilio.TwilioIdentity.For(agent.TenantId, agent.AgentId) } }
            : view;

    private static async Task<Ok<CallModeSetting>> GetModeAsync(HttpContext http, CallModeStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallModeSetting((await store.GetAsync(http.User.GetAgent().TenantId, cancellationToken)).ToName()));

    private static async Task<Results<Ok<CallModeSetting>, ProblemHttpResult>> SetModeAsync(
        CallModeSetting? setting, HttpContext http, CallModeStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!CallModeNames.TryParse(setting?.Mode, out var mode))
        {
            return Problems.Create(400, "invalid-call-mode", "Unknown call mode", $"Send {{ \"mode\": one of {string.Join(", ", CallModeNames.All)} }}.");
        }
        await store.SetAsync(http.User.GetAgent().TenantId, mode, timeProvider.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new CallModeSetting(mode.ToName()));
    }
}
