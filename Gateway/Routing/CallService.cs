using Softphone.Gateway.Numbers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Calls;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Routing;

/// <summary>
/// Press call: store the press, decide the route, dial the node if it is usable, fall back to Twilio
/// only when the node certainly did not dial, and record exactly one outcome plus timeline entries.
/// Once stored, a press runs to its end even if the client goes away.
/// </summary>
internal sealed partial class CallService(
    CallStore calls,
    CallModeStore modes,
    NumberStore numbers,
    TimelineStore timeline,
    MacNodes nodes,
    TenantDirectory directory,
    TwilioVoiceLegs twilio,
    Compliance.ComplianceGate compliance,
    Events.EventStore events,
    PresenceStore presence,
    IOptions<VoiceOptions> voice,
    TimeProvider timeProvider,
    ILogger<CallService> logger)
{
    public async Task<PressOutcome> PlaceAsync(AgentIdentity agent, CallPress press, CancellationToken cancellationToken)
    {
        if (press.CallIdGiven && await calls.FindAsync(agent.TenantId, press.CallId, cancellationToken) is not null)
        {
            return await ReplayAsync(agent, press, cancellationToken);
        }
        var decision = await compliance.CheckCallAsync(agent.TenantId, press.To, press.LeadState, press.OverrideCallingHours, cancellationToken);
        if (!decision.Allowed)
        {
            LogRefused(press.CallId, decision.Reason!, E164Number.Mask(press.To.Value));
            return new PressOutcome(PressKind.Refused, null, decision);
        }
        var now = timeProvider.GetUtcNow();
        var mode = press.Mode ?? await modes.GetAsync(agent.TenantId, cancellationToken);
        var call = new CallRecord
        {
            TenantId = agent.TenantId, Id = press.CallId, AgentId = agent.AgentId, LeadId = press.LeadId, ToE164 = press.To.Value,
            Mode = mode.ToName(), Status = CallRecord.Routing, NodeId = agent.NodeId, CreatedAt = now, UpdatedAt = now,
            Record = press.Record, HoursOverridden = decision.HoursOverridden,
        };
        if (!await calls.TryInsertAsync(call, cancellationToken))
        {
            return await ReplayAsync(agent, press, cancellationToken);
        }

        // From here on the press is durable and must end with one outcome: no client cancellation.
        var ct = CancellationToken.None;
        await timeline.UpsertLeadAsync(agent.TenantId, press.LeadId, press.LeadName, press.LeadState, press.To.Value, now, ct);
        var node = agent.NodeId is null ? null : await nodes.GetStateAsync(agent.NodeId, ct);
        var step = CallRouter.Plan(mode, agent.NodeId, node);
        call.NodeState = node?.Name;
        if (step.Action == RouteAction.DialIphone)
        {
            call.Route = "iphone";
            call.UpdatedAt = timeProvider.GetUtcNow();
            await calls.UpdateAsync(call, ct);
            var outcome = await nodes.DialAsync(agent.NodeId!, new DialRequest(call.Id, call.ToE164, press.LeadName), ct);
            call.DialAttempts = outcome.Attempts;
            step = CallRouter.AfterDial(mode, outcome);
        }
        await ApplyAsync(call, step, press.LeadState, ct);
        if (node is { IsUp: false } && agent.NodeId is not null)
        {
            await AppendNodeEntryAsync(call, agent.NodeId, node, ct);
        }
        var leadName = press.LeadName ?? (await timeline.FindLeadAsync(agent.TenantId, press.LeadId, ct))?.Name;
        if (call.HoursOverridden)
        {
            await timeline.AppendAsync(call.TenantId, call.LeadId, new TimelineEntry("hours-override", call.CreatedAt, call.Id,
                $"Calling hours overridden by {call.AgentId}: the call was placed outside the contact's calling hours", null), ct);
        }
        await AppendCallEntryAsync(call, leadName, ct);
        await PublishAsync(call, ct);
        LogPressed(call.Id, call.Mode, call.Status, call.Route ?? "none", call.Reason ?? "", E164Number.Mask(call.ToE164));
        return new PressOutcome(call.Status == CallRecord.NotPlaced ? PressKind.NotPlaced : PressKind.Created, call);
    }

    /// <summary>Places an unconfirmed iPhone call through Twilio, once.</summary>
    public async Task<(CallRecord? Call, string? Refusal)> FallbackAsync(AgentIdentity agent, string callId, CancellationToken cancellationToken)
    {
        var call = await calls.FindAsync(agent.TenantId, callId, cancellationToken);
        if (call is null)
        {
            return (null, "call-not-found");
        }
        if (call.Status == CallRecord.Unconfirmed && call.FallbackAt is null)
        {
            // The number may have been put on DNC, opted out, or left its calling hours since the press.
            var state = (await timeline.FindLeadAsync(agent.TenantId, call.LeadId, cancellationToken))?.State;
            var allowed = await compliance.CheckCallAsync(agent.TenantId, E164Number.Parse(call.ToE164), state, call.HoursOverridden, cancellationToken);
            if (!allowed.Allowed)
            {
                return (call, allowed.Reason);
            }
        }
        var now = timeProvider.GetUtcNow();
        if (!await calls.TryClaimFallbackAsync(agent.TenantId, callId, now, cancellationToken))
        {
            return (call, call.FallbackAt is not null ? "already-fallen-back" : "not-unconfirmed");
        }
        var ct = CancellationToken.None;
        var lead = await timeline.FindLeadAsync(agent.TenantId, call.LeadId, ct);
        call.FallbackAt = now;
        await ApplyAsync(call, new RouteStep(RouteAction.Twilio, "manual-fallback", call.ReasonDetail), lead?.State, ct);
        await AppendCallEntryAsync(call, lead?.Name, ct);
        await PublishAsync(call, ct);
        LogFallback(call.Id, call.CallerId ?? "none");
        return (call, null);
    }

    private async Task<PressOutcome> ReplayAsync(AgentIdentity agent, CallPress press, CancellationToken cancellationToken)
    {
        var existing = await calls.FindAsync(agent.TenantId, press.CallId, cancellationToken)
            ?? throw new InvalidOperationException("call id conflict without a row");
        if (existing.LeadId != press.LeadId || existing.ToE164 != press.To.Value)
        {
            return new PressOutcome(PressKind.IdConflict, existing);
        }
        LogReplayed(existing.Id, existing.Status);
        return new PressOutcome(existing.Status switch
        {
            CallRecord.Routing => PressKind.InProgress,
            CallRecord.NotPlaced => PressKind.NotPlaced,
            _ => PressKind.Replayed,
        }, existing);
    }

    private async Task ApplyAsync(CallRecord call, RouteStep step, string? leadState, CancellationToken ct)
    {
        call.Reason = step.Reason;
        call.ReasonDetail = step.Detail;
        switch (step.Action)
        {
            case RouteAction.IphoneConfirmed:
                (call.Status, call.Route, call.Confirmed) = (CallRecord.Placed, "iphone", true);
                break;
            case RouteAction.IphoneUnconfirmed:
                (call.Status, call.Route, call.Confirmed) = (CallRecord.Unconfirmed, "iphone", false);
                break;
            case RouteAction.NotPlaced:
                (call.Status, call.Route, call.Confirmed) = (CallRecord.NotPlaced, null, false);
                break;
            default:
                var tenant = directory.Tenants[call.TenantId];
                var choice = CallerIdPolicy.Choose(await numbers.ListAsync(call.TenantId, ct), tenant.StateMap, E164Number.Parse(call.ToE164), leadState);
                (call.Status, call.Route, call.Confirmed) = (CallRecord.Placed, "twilio", true);
                (call.CallerId, call.CallerIdRule) = (choice.Number, choice.Rule);
                if (twilio.ServerPlaced)
                {
                    await PlaceBridgeAsync(call, tenant, ct);
                }
                break;
        }
        call.UpdatedAt = timeProvider.GetUtcNow();
        await calls.UpdateAsync(call, ct);
        if (call.Route == "twilio" && !twilio.ServerPlaced)
        {
            // Simulated Twilio only: plays the agent's browser connecting with these parameters.
            twilio.SimulateBrowserCall(call.TenantId, call.AgentId, TwilioLeg.For(call, serverPlaced: false).Params);
        }
    }

    /// <summary>Server-placed: Twilio rings the agent, then the lead. A create whose outcome is unknown is not repeated.</summary>
    private async Task PlaceBridgeAsync(CallRecord call, TenantOptions tenant, CancellationToken ct)
    {
        var agent = tenant.Agents[call.AgentId];
        try
        {
            var browser = await presence.IsPresentAsync(call.TenantId, call.AgentId, timeProvider.GetUtcNow() - voice.Value.PresenceFreshness, ct);
            var bridge = await twilio.PlaceBridgeAsync(call.TenantId, call.AgentId, agent.ForwardTo is null ? null : E164Number.Parse(agent.ForwardTo).Value,
                browser, call.Id, call.ToE164, call.CallerId ?? "", twilio.ShouldRecord(call.Record, tenant.RecordCalls), ct);
            call.TwilioCallSid = bridge.Sid;
        }
        catch (TwilioApiException error)
        {
            (call.Status, call.Confirmed, call.Reason, call.ReasonDetail) = (CallRecord.NotPlaced, false, "twilio-error", $"{error.Code}: {error.TwilioMessage}");
        }
        catch (TwilioUnreachableException error)
        {
            (call.Status, call.Confirmed, call.Reason, call.ReasonDetail) = error.OutcomeUnknown
                ? (CallRecord.Unconfirmed, false, "twilio-unconfirmed", "Twilio did not answer in time; not retried")
                : (CallRecord.NotPlaced, false, "twilio-unreachable", error.Message);
        }
    }

    private Task AppendCallEntryAsync(CallRecord call, string? leadName, CancellationToken ct)
    {
        var who = leadName ?? E164Number.Mask(call.ToE164);
        var summary = (call.Status, call.Route) switch
        {
            (CallRecord.Placed, "iphone") => $"Called {who} on the iPhone ({call.NodeId})",
            (CallRecord.Unconfirmed, _) => $"Sent call to {who} to the iPhone ({call.NodeId}); not confirmed ({call.ReasonDetail})",
            (CallRecord.Placed, "twilio") => $"Calling {who} via Twilio from {call.CallerId ?? "(no number)"} ({call.Reason})",
            _ => $"Call to {who} not placed ({call.Reason})",
        };
        var details = JsonSerializer.SerializeToElement(new
        {
            route = call.Route, status = call.Status, confirmed = call.Confirmed, reason = call.Reason, reasonDetail = call.ReasonDetail,
            mode = call.Mode, nodeId = call.NodeId, nodeState = call.NodeState, dialAttempts = call.DialAttempts,
            callerId = call.CallerId, callerIdRule = call.CallerIdRule, to = call.ToE164, agentId = call.AgentId, hoursOverridden = call.HoursOverridden,
        });
        var kind = call.FallbackAt is null ? "call" : "call-fallback";
        return timeline.AppendAsync(call.TenantId, call.LeadId, new TimelineEntry(kind, call.UpdatedAt, call.Id, summary, details), ct);
    }

    private Task PublishAsync(CallRecord call, CancellationToken ct) =>
        events.PublishAsync(call.TenantId, "call-updated",
            new { callId = call.Id, leadId = call.LeadId, status = call.Status, route = call.Route, reason = call.Reason, callerId = call.CallerId }, call.UpdatedAt, ct);

    private Task AppendNodeEntryAsync(CallRecord call, string nodeId, NodeState node, CancellationToken ct)
    {
        var details = JsonSerializer.SerializeToElement(new { nodeId, state = node.Name, reason = node.Reason, since = node.Since });
        var summary = $"Mac node {nodeId} was down ({node.Reason}) since {node.Since:u}";
        return timeline.AppendAsync(call.TenantId, call.LeadId, new TimelineEntry("node", call.CreatedAt, call.Id, summary, details), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Press {CallId} ({Mode}) to {Number}: {Status} via {Route} ({Reason})")]
    private partial void LogPressed(string callId, string mode, string status, string route, string reason, string number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Press {CallId} to {Number} refused: {Reason}")]
    private partial void LogRefused(string callId, string reason, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Press {CallId} retried; answering the stored outcome ({Status}) without dialing")]
    private partial void LogReplayed(string callId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} falls back to Twilio from {CallerId} at the agent's request")]
    private partial void LogFallback(string callId, string callerId);
}
