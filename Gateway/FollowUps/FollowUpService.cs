using System.Data;
using System.Text.Json;
using Quartz;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.Scheduling;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Timeline;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.FollowUps;

/// <summary>
/// Follow-ups: scheduled by dispositions into the lead's calling hours, with a Quartz trigger written in the same
/// transaction; when the trigger fires the compliance gate is checked again (DNC, opt-out or bad number cancel
/// it, a time outside calling hours moves it), else it becomes due: an event, a timeline entry, the due list.
/// </summary>
internal sealed partial class FollowUpService(
    UnitOfWork unitOfWork,
    JobScheduler jobs,
    ComplianceGate compliance,
    EventBroadcaster broadcaster,
    TimeProvider timeProvider,
    ILogger<FollowUpService> logger)
{
    public const string TriggerGroup = "followups";

    /// <summary>Inside the caller's (enlisted) transaction: the row, its trigger, and its timeline entries.</summary>
    public async Task<FollowUp> ScheduleAsync(IDbConnection connection, IDbTransaction transaction, IScheduler scheduler, string tenantId, Lead lead,
        string? callId, string agentId, string disposition, string? notes, DateTimeOffset requestedAt, DateTimeOffset now)
    {
        var followUp = new FollowUp
        {
            Id = "fu_" + Guid.CreateVersion7(now).ToString("N"), LeadId = lead.Id, CallId = callId, AgentId = agentId, Disposition = disposition,
            Phone = lead.Phone, RequestedAt = requestedAt, DueAt = IntoHours(lead, requestedAt), Notes = notes, CreatedAt = now, UpdatedAt = now,
        };
        await FollowUpStore.InsertAsync(connection, transaction, tenantId, followUp);
        await scheduler.ScheduleJob(Trigger(scheduler, tenantId, followUp.Id, followUp.DueAt));
        await MomentAsync(connection, transaction, tenantId, followUp, "scheduled", now,
            $"Follow-up scheduled for {followUp.DueAt:u} ({disposition})");
        if (followUp.Moved)
        {
            await MomentAsync(connection, transaction, tenantId, followUp, "moved", now,
                $"Follow-up moved from {requestedAt:u} to {followUp.DueAt:u}: the lead's calling hours");
        }
        await EventStore.AppendAsync(connection, transaction, tenantId, "followup-scheduled", View(followUp), now);
        return followUp;
    }

    /// <summary>Cancels pending follow-ups inside the caller's transaction; with a scheduler (enlisted) their triggers go too, else they fire into nothing.</summary>
    public static async Task<IReadOnlyList<string>> CancelAsync(IDbConnection connection, IDbTransaction transaction, IScheduler? scheduler, string tenantId,
        IReadOnlyList<FollowUp> followUps, string reason, DateTimeOffset now)
    {
        foreach (var followUp in followUps)
        {
            (followUp.Status, followUp.Reason, followUp.UpdatedAt) = (FollowUp.Cancelled, reason, now);
            await FollowUpStore.UpdateAsync(connection, transaction, followUp);
            if (scheduler is not null)
            {
                await scheduler.UnscheduleJob(new TriggerKey(followUp.Id, TriggerGroup));
            }
            await MomentAsync(connection, transaction, tenantId, followUp, "cancelled", now, $"Follow-up of {followUp.DueAt:u} cancelled ({reason})");
            await EventStore.AppendAsync(connection, transaction, tenantId, "followup-cancelled", View(followUp), now);
        }
        return followUps.Select(f => f.Id).ToList();
    }

    /// <summary>The number became DNC, opted out or bad: its pending follow-ups end (inside the caller's transaction).</summary>
    public static async Task<IReadOnlyList<string>> CancelForPhoneAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string phone, string reason, DateTimeOffset now) =>
        await CancelAsync(connection, transaction, null, tenantId, await FollowUpStore.PendingForPhoneAsync(connection, transaction, tenantId, phone), reason, now);

    /// <summary>The trigger fired: gate, then due (or moved, or cancelled). A follow-up no longer scheduled is left alone, so a second firing changes nothing.</summary>
    public async Task FireAsync(string tenantId, string followUpId, CancellationToken cancellationToken)
    {
        var scheduler = await jobs.GetAsync(cancellationToken);
        string? outcome = null;
        await unitOfWork.RunAsync(async (connection, transaction) =>
        {
            outcome = null;
            var followUp = await FollowUpStore.FindAsync(connection, transaction, tenantId, followUpId);
            if (followUp is not { Status: FollowUp.Scheduled })
            {
                return;
            }
            var now = timeProvider.GetUtcNow();
            if (await ComplianceStore.BlockAsync(connection, transaction, tenantId, followUp.Phone) is { } blocked)
            {
                await CancelAsync(connection, transaction, null, tenantId, [followUp], blocked, now);
                outcome = "cancelled: " + blocked;
                return;
            }
            var lead = await TimelineStore.FindLeadAsync(connection, transaction, tenantId, followUp.LeadId);
            var allowed = lead is null ? now : IntoHours(lead, now);
            if (allowed > now)
            {
                var from = followUp.DueAt;
                (followUp.DueAt, followUp.UpdatedAt) = (allowed, now);
                await FollowUpStore.UpdateAsync(connection, transaction, followUp);
                await scheduler.ScheduleJob(Trigger(scheduler, tenantId, followUp.Id + ":" + allowed.UtcTicks, allowed));
                await MomentAsync(connection, transaction, tenantId, followUp, "moved", now,
                    $"Follow-up moved from {from:u} to {allowed:u}: outside the lead's calling hours when it fell due");
                outcome = "moved";
                return;
            }
            (followUp.Status, followUp.FiredAt, followUp.UpdatedAt) = (FollowUp.Due, now, now);
            await FollowUpStore.UpdateAsync(connection, transaction, followUp);
            await MomentAsync(connection, transaction, tenantId, followUp, "due", now, $"Follow-up due ({followUp.Disposition}): call {lead?.Name ?? E164Number.Mask(followUp.Phone)}");
            await EventStore.AppendAsync(connection, transaction, tenantId, "followup-due", View(followUp), now);
            outcome = "due";
        }, await jobs.EnlistmentAsync(cancellationToken), cancellationToken);
        if (outcome is not null)
        {
            broadcaster.Notify(tenantId);
            LogFired(followUpId, outcome);
        }
    }

    /// <summary>The agent followed up. A scheduled one may be done early (its trigger goes); a repeat is a no-op.</summary>
    public async Task<(FollowUp? FollowUp, string? Refusal)> DoneAsync(string tenantId, string agentId, string followUpId, CancellationToken cancellationToken)
    {
        FollowUp? result = null;
        string? refusal = null;
        var scheduler = await jobs.GetAsync(cancellationToken);
        await unitOfWork.RunAsync(async (connection, transaction) =>
        {
            (result, refusal) = (await FollowUpStore.FindAsync(connection, transaction, tenantId, followUpId), null);
            if (result is null)
            {
                refusal = "followup-not-found";
                return;
            }
            if (result.Status == FollowUp.Cancelled)
            {
                refusal = "followup-cancelled";
                return;
            }
            if (result.Status == FollowUp.Done)
            {
                return;
            }
            var now = timeProvider.GetUtcNow();
            if (result.Status == FollowUp.Scheduled)
            {
                await scheduler.UnscheduleJob(new TriggerKey(result.Id, TriggerGroup), cancellationToken);
            }
            (result.Status, result.DoneAt, result.DoneBy, result.UpdatedAt) = (FollowUp.Done, now, agentId, now);
            await FollowUpStore.UpdateAsync(connection, transaction, result);
            await MomentAsync(connection, transaction, tenantId, result, "done", now, $"Follow-up done by {agentId}");
            await EventStore.AppendAsync(connection, transaction, tenantId, "followup-done", View(result), now);
        }, await jobs.EnlistmentAsync(cancellationToken), cancellationToken);
        if (refusal is null)
        {
            broadcaster.Notify(tenantId);
        }
        return (result, refusal);
    }

    public static ITrigger Trigger(IScheduler scheduler, string tenantId, string name, DateTimeOffset at) =>
        JobScheduler.OneShot(scheduler, new TriggerKey(name, TriggerGroup), FollowUpDueJob.Key, at,
            (FollowUpDueJob.TenantKey, tenantId), (FollowUpDueJob.FollowUpKey, name.Split(':')[0]));

    private DateTimeOffset IntoHours(Lead lead, DateTimeOffset at) =>
        E164Number.TryParse(lead.Phone, out var phone, out _) ? compliance.IntoCallingHours(phone, lead.State, at) : at;

    private static Task MomentAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, FollowUp followUp, string moment, DateTimeOffset now, string summary) =>
        TimelineStore.AppendAsync(connection, transaction, tenantId, followUp.LeadId, new TimelineEntry(TimelineTypes.FollowUp, now, followUp.CallId, summary,
            JsonSerializer.SerializeToElement(new
            {
                followUpId = followUp.Id, @event = moment, status = followUp.Status, dueAt = followUp.DueAt, requestedAt = followUp.RequestedAt,
                disposition = followUp.Disposition, reason = followUp.Reason, agentId = followUp.AgentId,
            }, JsonSerializerOptions.Web)));

    public static object View(FollowUp f) => new
    {
        id = f.Id, leadId = f.LeadId, callId = f.CallId, agentId = f.AgentId, disposition = f.Disposition, phone = f.Phone, status = f.Status,
        dueAt = f.DueAt, requestedAt = f.RequestedAt, moved = f.Moved, reason = f.Reason,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up {FollowUpId} fired: {Outcome}")]
    private partial void LogFired(string followUpId, string outcome);
}
