using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.FollowUps;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Routing;
using Softphone.Gateway.Scheduling;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Timeline;

namespace Softphone.Gateway.Dispositions;

/// <summary>
/// Applies a disposition to a call in one transaction: the call, the lead's stage and attempts, DNC or bad number,
/// the follow-ups (the call's old one cancelled, a new one scheduled with its Quartz trigger), the timeline and the
/// event. The same disposition again changes nothing; a different one replaces it.
/// </summary>
internal sealed partial class DispositionService(
    UnitOfWork unitOfWork,
    JobScheduler jobs,
    FollowUpService followUps,
    IOptions<DispositionOptions> options,
    EventBroadcaster broadcaster,
    TimeProvider timeProvider,
    ILogger<DispositionService> logger)
{
    public const int MaxNotes = 2000;

    public async Task<Results<Ok<DispositionResult>, ProblemHttpResult>> ApplyAsync(AgentIdentity agent, string callId, DispositionRequest? request, CancellationToken cancellationToken)
    {
        var set = options.Value;
        if (string.IsNullOrWhiteSpace(request?.Disposition))
        {
            return Problems.Create(400, "invalid-disposition", "Send { \"disposition\": \"<id>\", \"notes\"?: \"…\", \"followUpAt\"?: \"<ISO 8601>\" }",
                $"disposition is required; one of: {string.Join(", ", set.Set.Select(d => d.Id))}.");
        }
        if (set.Find(request.Disposition) is not { } rule)
        {
            return Problems.Create(400, "unknown-disposition", $"'{request.Disposition}' is not a disposition",
                $"Use one of: {string.Join(", ", set.Set.Select(d => d.Id))} (GET /api/dispositions).");
        }
        if (request.Notes is { Length: > MaxNotes })
        {
            return Problems.Create(400, "invalid-notes", $"notes is longer than {MaxNotes} characters");
        }
        var now = timeProvider.GetUtcNow();
        if (rule.AsksForFollowUpTime && request.FollowUpAt is null)
        {
            return Problems.Create(400, "follow-up-time-required", $"{rule.Label} needs the follow-up time",
                "Send followUpAt as an ISO 8601 time with an offset (e.g. 2026-03-03T10:30:00-06:00).");
        }
        if (request.FollowUpAt is { } asked && !rule.SchedulesFollowUp)
        {
            return Problems.Create(400, "follow-up-not-allowed", $"{rule.Label} does not schedule a follow-up", "Send it without followUpAt.");
        }
        if (request.FollowUpAt is { } at && at <= now)
        {
            return Problems.Create(400, "follow-up-time-past", "followUpAt is not in the future", $"It is {now:O} now; followUpAt was {at:O}.",
                new() { ["now"] = now });
        }

        var scheduler = await jobs.GetAsync(cancellationToken);
        DispositionResult? result = null;
        await unitOfWork.RunAsync(async (connection, transaction) =>
        {
            result = null;
            if (await CallStore.FindAsync(connection, transaction, agent.TenantId, callId) is not { } call
                || await TimelineStore.FindLeadAsync(connection, transaction, agent.TenantId, call.LeadId) is not { } lead)
            {
                return;
            }
            if (call.Disposition == rule.Id)
            {
                var pending = (await FollowUpStore.PendingForCallAsync(connection, transaction, agent.TenantId, callId)).FirstOrDefault();
                result = new DispositionResult(call.Id, lead.Id, rule.Id, rule.Label, false, null, lead.Stage, lead.CallAttempts, false, false, pending, []);
                return;
            }
            var old = set.Find(call.Disposition);
            var cancelled = new List<string>(await FollowUpService.CancelAsync(connection, transaction, scheduler, agent.TenantId,
                await FollowUpStore.PendingForCallAsync(connection, transaction, agent.TenantId, callId), "replaced", now));
            var attempts = (rule.CountsAsAttempt ? 1 : 0) - (old?.CountsAsAttempt == true ? 1 : 0);
            await TimelineStore.SetStageAsync(connection, transaction, agent.TenantId, lead.Id, rule.Stage, attempts, rule.Id, now);
            await CallStore.SetDispositionAsync(connection, transaction, agent.TenantId, call.Id, rule.Id, request.Notes, agent.AgentId, now);
            var addedToDnc = rule.AddsToDnc && await ComplianceStore.AddDncAsync(connection, transaction, agent.TenantId, call.ToE164,
                $"Disposition {rule.Label} on call {call.Id}", agent.AgentId, now);
            var markedBad = rule.MarksBadNumber && await ComplianceStore.MarkBadAsync(connection, transaction, agent.TenantId, call.ToE164, call.Id, agent.AgentId, now);
            var blocked = await ComplianceStore.BlockAsync(connection, transaction, agent.TenantId, call.ToE164);
            if (blocked is not null)
            {
                cancelled.AddRange(await FollowUpService.CancelAsync(connection, transaction, scheduler, agent.TenantId,
                    await FollowUpStore.PendingForPhoneAsync(connection, transaction, agent.TenantId, call.ToE164), blocked, now));
            }
            FollowUp? followUp = null;
            if (rule.SchedulesFollowUp && blocked is null)
            {
                followUp = await followUps.ScheduleAsync(connection, transaction, scheduler, agent.TenantId, lead, call.Id, agent.AgentId, rule.Id, request.Notes,
                    request.FollowUpAt ?? now + rule.FollowUpAfter!.Value, now);
            }
            var summary = (old is null ? $"Disposition: {rule.Label}" : $"Disposition changed from {old.Label} to {rule.Label}")
                + (string.IsNullOrWhiteSpace(request.Notes) ? "" : $" \u2014 {request.Notes}");
            await TimelineStore.AppendAsync(connection, transaction, agent.TenantId, lead.Id, new TimelineEntry(TimelineTypes.Disposition, now, call.Id, summary,
                JsonSerializer.SerializeToElement(new
                {
                    disposition = rule.Id, label = rule.Label, replaced = old?.Id, notes = request.Notes, stage = rule.Stage, countsAsAttempt = rule.CountsAsAttempt,
                    addedToDnc, markedBadNumber = markedBad, followUpId = followUp?.Id, agentId = agent.AgentId,
                }, JsonSerializerOptions.Web)));
            await TimelineStore.MergeAsync(connection, transaction, agent.TenantId, lead.Id, TimelineTypes.Call, CallService.CallKey(call.Id), now, call.Id,
                new { disposition = rule.Id, dispositionLabel = rule.Label, dispositionNotes = request.Notes ?? "" });
            var updated = (await TimelineStore.FindLeadAsync(connection, transaction, agent.TenantId, lead.Id))!;
            result = new DispositionResult(call.Id, lead.Id, rule.Id, rule.Label, true, old?.Id, updated.Stage, updated.CallAttempts, addedToDnc, markedBad, followUp, cancelled);
            await EventStore.AppendAsync(connection, transaction, agent.TenantId, "disposition-set", result, now);
        }, await jobs.EnlistmentAsync(cancellationToken), CancellationToken.None);

        if (result is null)
        {
            return Problems.Create(404, "call-not-found", "No such call", "The business has no call with this id.");
        }
        if (result.Changed)
        {
            broadcaster.Notify(agent.TenantId);
            LogApplied(callId, result.Disposition, result.Replaced ?? "none", result.FollowUp?.DueAt);
        }
        return TypedResults.Ok(result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} dispositioned {Disposition} (replacing {Replaced}); follow-up at {FollowUpAt}")]
    private partial void LogApplied(string callId, string disposition, string replaced, DateTimeOffset? followUpAt);
}
