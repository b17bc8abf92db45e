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
    Storage.UnitOfWork unitOfWork,
    Events.EventBroadcaster broadcaster,
    PresenceStore presence,
    IOptions<VoiceOptions> voice,
    IOptions<MacNodeOptions> nodeOptions,
    IOptions<TwilioOptions> twilioOptions,
    TimeProvider timeProvider,
    ILogger<CallService> logger)
{
    /// <summary>
    /// The press pipeline: decide, dial the node, place the Twilio leg, then record the outcome with its
    /// timeline entries and event in one transaction. Whatever fails in between becomes an outcome too
    /// (what may already have happened outside decides which), so a stored press always ends in exactly one.
    /// </summary>
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
        // Read first, so that the one commit that stores the press also stores its lead and, when the plan is
        // to dial the node, its stage (the route is written before the dial is sent: recovery then knows it may ring).
        // That commit does not wait for the disk: the outcome's commit, before the answer, syncs both; a power cut
        // in between loses a press nobody was answered for, and its retry is not dialed twice (the node's ledger).
        var leadName = press.LeadName ?? (await timeline.FindLeadAsync(agent.TenantId, press.LeadId, cancellationToken))?.Name;
        var node = agent.NodeId is null ? null : await nodes.GetStateAsync(agent.NodeId, CancellationToken.None);
        var step = CallRouter.Plan(mode, agent.NodeId, node);
        var call = new CallRecord
        {
            TenantId = agent.TenantId, Id = press.CallId, AgentId = agent.AgentId, LeadId = press.LeadId, ToE164 = press.To.Value,
            Mode = mode.ToName(), Status = CallRecord.Routing, NodeId = agent.NodeId, NodeState = node?.Name, CreatedAt = now, UpdatedAt = now,
            Record = press.Record, HoursOverridden = decision.HoursOverridden, RoutingUntil = now + Lease,
            Route = step.Action == RouteAction.DialIphone ? "iphone" : null,
        };
        var inserted = false;
        await unitOfWork.RunSyncedLaterAsync(async (connection, transaction) =>
        {
            inserted = await CallStore.TryInsertAsync(connection, transaction, call);
            if (inserted)
            {
                await TimelineStore.UpsertLeadAsync(connection, transaction, agent.TenantId, press.LeadId, press.LeadName, press.LeadState, press.To.Value, now);
            }
        }, cancellationToken);
        if (!inserted)
        {
            return await ReplayAsync(agent, press, cancellationToken);
        }

        // From here on the press is durable and must end with one outcome: no client cancellation.
        var ct = CancellationToken.None;
        try
        {
            if (step.Action == RouteAction.DialIphone)
            {
                call.Stage = PressStage.NodeDialSent;
                var outcome = await nodes.DialAsync(agent.NodeId!, new DialRequest(call.Id, call.ToE164, press.LeadName), ct);
                call.DialAttempts = outcome.Attempts;
                step = CallRouter.AfterDial(mode, outcome);
            }
            await ApplyAsync(call, step, press.LeadState, ct);
        }
        catch (Exception error)
        {
            LogPressFailed(error, call.Id, call.Stage);
            Interrupted(call, error);
        }

        var entries = new List<TimelineEntry>();
        if (node is { IsUp: false } && agent.NodeId is not null)
        {
            entries.Add(NodeEntry(call, agent.NodeId, node));
        }
        if (call.HoursOverridden)
        {
            entries.Add(new TimelineEntry(TimelineTypes.HoursOverride, call.CreatedAt, call.Id,
                $"Calling hours overridden by {call.AgentId}: the call was placed outside the contact's calling hours", null));
        }
        if (!await RecordAsync(call, leadName, entries))
        {
            return new PressOutcome(PressKind.OutcomeNotStored, call);
        }
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
        var lead = await timeline.FindLeadAsync(agent.TenantId, call.LeadId, cancellationToken);
        if (call is { Status: CallRecord.Unconfirmed, Route: "iphone", FallbackAt: null })
        {
            // The number may have been put on DNC, opted out, or left its calling hours since the press.
            var allowed = await compliance.CheckCallAsync(agent.TenantId, E164Number.Parse(call.ToE164), lead?.State, call.HoursOverridden, cancellationToken);
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
        call.FallbackAt = now;
        try
        {
            await ApplyAsync(call, new RouteStep(RouteAction.Twilio, "manual-fallback", call.ReasonDetail), lead?.State, ct);
        }
        catch (Exception error) when (call.Stage != PressStage.TwilioBridgeSent)
        {
            // Nothing was placed: the call stays an unconfirmed iPhone call that may fall back again.
            LogPressFailed(error, call.Id, call.Stage);
            await calls.ReleaseFallbackAsync(agent.TenantId, callId, timeProvider.GetUtcNow(), ct);
            return (call, "fallback-failed");
        }
        catch (Exception error)
        {
            LogPressFailed(error, call.Id, call.Stage);
            Interrupted(call, error);
        }
        if (!await RecordAsync(call, lead?.Name, []))
        {
            return (call, "outcome-not-stored");
        }
        LogFallback(call.Id, call.CallerId ?? "none");
        return (call, null);
    }

    /// <summary>How long a press may stay "routing" before a retry may give it its outcome (dial budget, Twilio's answer, and slack).</summary>
    private TimeSpan Lease => nodeOptions.Value.DialBudget + twilioOptions.Value.RequestTimeout + TimeSpan.FromSeconds(5);

    private async Task<PressOutcome> ReplayAsync(AgentIdentity agent, CallPress press, CancellationToken cancellationToken)
    {
        var existing = await calls.FindAsync(agent.TenantId, press.CallId, cancellationToken)
            ?? throw new InvalidOperationException("call id conflict without a row");
        if (existing.LeadId != press.LeadId || existing.ToE164 != press.To.Value)
        {
            return new PressOutcome(PressKind.IdConflict, existing);
        }
        if (existing.Status == CallRecord.Routing && existing.RoutingUntil < timeProvider.GetUtcNow()
            && await calls.ResolveAbandonedAsync(agent.TenantId, existing.Id, CallReasons.PressAbandoned, timeProvider.GetUtcNow(), cancellationToken) > 0)
        {
            // The process that ran it could not store its outcome: it gets the one its last written stage implies.
            LogAbandoned(existing.Id);
            existing = (await calls.FindAsync(agent.TenantId, press.CallId, cancellationToken))!;
        }
        LogReplayed(existing.Id, existing.Status);
        return new PressOutcome(existing.Status switch
        {
            CallRecord.Routing => PressKind.InProgress,
            CallRecord.NotPlaced => PressKind.NotPlaced,
            _ => PressKind.Replayed,
        }, existing);
    }

    /// <summary>Decides the outcome in memory; a Twilio route picks the caller ID and, server-placed, creates the bridge call.</summary>
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
                (call.CallerId, call.CallerIdRule) = (choice.Number, choice.Rule);
                if (twilio.ServerPlaced)
                {
                    await PlaceBridgeAsync(call, tenant, ct);
                }
                else
                {
                    (call.Status, call.Route, call.Confirmed) = (CallRecord.Placed, "twilio", true);
                }
                break;
        }
    }

    /// <summary>What a failure at <see cref="CallRecord.Stage"/> leaves: never "not placed" once something may have rung.</summary>
    private static void Interrupted(CallRecord call, Exception error)
    {
        var what = error.GetType().Name;
        (call.Status, call.Route, call.Confirmed, call.Reason, call.ReasonDetail) = call.Stage switch
        {
            PressStage.NodeDialSent => (CallRecord.Unconfirmed, "iphone", false, CallReasons.GatewayError, $"the dial was sent; its outcome was lost ({what})"),
            PressStage.TwilioBridgeSent => (CallRecord.Unconfirmed, "twilio", false, CallReasons.TwilioUnconfirmed, $"Twilio was asked to place the call; its answer could not be used ({what})"),
            _ => (CallRecord.NotPlaced, (string?)null, false, CallReasons.GatewayError, $"nothing was placed ({what})"),
        };
    }

    /// <summary>Server-placed: Twilio rings the agent, then the lead. A create whose outcome is unknown is not repeated.</summary>
    private async Task PlaceBridgeAsync(CallRecord call, TenantOptions tenant, CancellationToken ct)
    {
        var agent = tenant.Agents[call.AgentId];
        var browser = await presence.IsPresentAsync(call.TenantId, call.AgentId, timeProvider.GetUtcNow() - voice.Value.PresenceFreshness, ct);
        call.Route = "twilio";
        call.UpdatedAt = timeProvider.GetUtcNow();
        await calls.MarkStageAsync(call, ct);
        call.Stage = PressStage.TwilioBridgeSent;
        try
        {
            var bridge = await twilio.PlaceBridgeAsync(call.TenantId, call.AgentId, agent.ForwardTo is null ? null : E164Number.Parse(agent.ForwardTo).Value,
                browser, call.Id, call.ToE164, call.CallerId ?? "", twilio.ShouldRecord(call.Record, tenant.RecordCalls), ct);
            call.TwilioCallSid = bridge.Sid;
            (call.Status, call.Confirmed) = (CallRecord.Placed, true);
        }
        catch (TwilioApiException error)
        {
            (call.Status, call.Route, call.Confirmed, call.Reason, call.ReasonDetail) = (CallRecord.NotPlaced, null, false, CallReasons.TwilioError, $"{error.Code}: {error.TwilioMessage}");
        }
        catch (TwilioUnreachableException error)
        {
            (call.Status, call.Route, call.Confirmed, call.Reason, call.ReasonDetail) = error.OutcomeUnknown
                ? (CallRecord.Unconfirmed, "twilio", false, CallReasons.TwilioUnconfirmed, "Twilio did not answer in time; not retried")
                : (CallRecord.NotPlaced, null, false, CallReasons.TwilioUnreachable, error.Message);
        }
    }

    /// <summary>The outcome, the call's timeline entry (created or updated), other entries and its event, in one transaction; false when it could not be stored.</summary>
    private async Task<bool> RecordAsync(CallRecord call, string? leadName, IReadOnlyList<TimelineEntry> entries)
    {
        call.UpdatedAt = timeProvider.GetUtcNow();
        try
        {
            await unitOfWork.RunAsync(async (connection, transaction) =>
            {
                await CallStore.RecordAsync(connection, transaction, call);
                foreach (var entry in entries)
                {
                    await TimelineStore.AppendAsync(connection, transaction, call.TenantId, call.LeadId, entry);
                }
                await TimelineStore.MergeAsync(connection, transaction, call.TenantId, call.LeadId, TimelineTypes.Call, CallKey(call.Id), call.CreatedAt, call.Id,
                    CallPatch(call, leadName));
                await Events.EventStore.AppendAsync(connection, transaction, call.TenantId, "call-updated",
                    new { callId = call.Id, leadId = call.LeadId, status = call.Status, route = call.Route, reason = call.Reason, callerId = call.CallerId }, call.UpdatedAt);
            }, CancellationToken.None);
        }
        catch (Exception error) when (error is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogOutcomeNotStored(error, call.Id, call.Status);
            return false;
        }
        broadcaster.Notify(call.TenantId);
        if (call is { Route: "twilio", Status: CallRecord.Placed } && !twilio.ServerPlaced)
        {
            // Simulated Twilio only: plays the agent's browser connecting with these parameters.
            twilio.SimulateBrowserCall(call.TenantId, call.AgentId, TwilioLeg.For(call, serverPlaced: false).Params);
        }
        return true;
    }

    /// <summary>The timeline key of a press's call entry (Twilio callbacks of its legs update the same entry).</summary>
    public static string CallKey(string callId) => "call:" + callId;

    private static object CallPatch(CallRecord call, string? leadName)
    {
        var who = leadName ?? E164Number.Mask(call.ToE164);
        var headline = (call.Status, call.Route) switch
        {
            (CallRecord.Placed, "iphone") => $"Called {who} on the iPhone ({call.NodeId})",
            (CallRecord.Unconfirmed, "iphone") => $"Sent call to {who} to the iPhone ({call.NodeId}); not confirmed ({call.ReasonDetail})",
            (CallRecord.Unconfirmed, _) => $"Asked Twilio to call {who} from {call.CallerId ?? "(no number)"}; not confirmed ({call.ReasonDetail})",
            (CallRecord.Placed, "twilio") => $"Calling {who} via Twilio from {call.CallerId ?? "(no number)"} ({call.Reason})",
            _ => $"Call to {who} not placed ({call.Reason})",
        };
        return new
        {
            headline, direction = "outbound", route = call.Route, status = call.Status, confirmed = call.Confirmed, reason = call.Reason, reasonDetail = call.ReasonDetail,
            mode = call.Mode, nodeId = call.NodeId, nodeState = call.NodeState, dialAttempts = call.DialAttempts,
            callerId = call.CallerId, callerIdRule = call.CallerIdRule, to = call.ToE164, agentId = call.AgentId, hoursOverridden = call.HoursOverridden,
            fallback = call.FallbackAt is null ? (bool?)null : true,
        };
    }

    private static TimelineEntry NodeEntry(CallRecord call, string nodeId, NodeState node)
    {
        var details = JsonSerializer.SerializeToElement(new { nodeId, state = node.Name, reason = node.Reason, since = node.Since });
        var summary = $"Mac node {nodeId} was down ({node.Reason}) since {node.Since:u}";
        return new TimelineEntry(TimelineTypes.NodeFailover, call.CreatedAt, call.Id, summary, details);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Press {CallId} failed at stage {Stage}; recording the outcome that stage implies")]
    private partial void LogPressFailed(Exception exception, string callId, PressStage stage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Press {CallId} ended {Status} but its outcome could not be stored; a retry after the lease recovers it")]
    private partial void LogOutcomeNotStored(Exception exception, string callId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Press {CallId} was abandoned while routing; gave it the outcome of its last stage")]
    private partial void LogAbandoned(string callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Press {CallId} ({Mode}) to {Number}: {Status} via {Route} ({Reason})")]
    private partial void LogPressed(string callId, string mode, string status, string route, string reason, string number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Press {CallId} to {Number} refused: {Reason}")]
    private partial void LogRefused(string callId, string reason, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Press {CallId} retried; answering the stored outcome ({Status}) without dialing")]
    private partial void LogReplayed(string callId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} falls back to Twilio from {CallerId} at the agent's request")]
    private partial void LogFallback(string callId, string callerId);
}
