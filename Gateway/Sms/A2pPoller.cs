using Dapper;
using Microsoft.Extensions.Options;
using Quartz;
using Softphone.Gateway.Events;
using Softphone.Gateway.Scheduling;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Sms;

/// <summary>
/// Reads a tenant's A2P 10DLC campaign status and stores it. Becoming <c>VERIFIED</c> switches texting on by itself
/// (event <c>a2p-verified</c>); a failed, suspended or expired campaign keeps it off with Twilio's reason (event
/// <c>a2p-failed</c>). Polled by a repeating Quartz trigger per tenant: <see cref="SmsOptions.A2pPollInterval"/>
/// until approved, then <see cref="SmsOptions.A2pApprovedPollInterval"/>.
/// </summary>
internal sealed partial class A2pPoller(
    Database database,
    ITwilioApi twilio,
    TenantDirectory directory,
    JobScheduler jobs,
    EventBroadcaster broadcaster,
    IOptions<SmsOptions> options,
    TimeProvider timeProvider,
    ILogger<A2pPoller> logger)
{
    public const string TriggerGroup = "a2p";

    /// <summary>Tenants whose campaign is polled: those with a Messaging Service (in simulation, every tenant).</summary>
    public IEnumerable<string> PolledTenants => directory.Tenants.Where(t => twilio.IsSimulated || t.Value.MessagingServiceSid is not null).Select(t => t.Key);

    /// <summary>Reads Twilio now, stores the result, announces a change and sets the poll's pace. Throws when Twilio cannot be read.</summary>
    public async Task<A2pState> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        var service = directory.Tenants[tenantId].MessagingServiceSid;
        var now = timeProvider.GetUtcNow();
        var previous = await A2pGate.ReadAsync(database, tenantId, cancellationToken);
        A2pCampaignStatus? campaign = null;
        if (service is not null || twilio.IsSimulated)
        {
            campaign = await twilio.GetCampaignStatusAsync(service ?? "MG" + new string('0', 32), cancellationToken);
        }
        var status = service is null && !twilio.IsSimulated ? "NOT_CONFIGURED" : campaign?.Status ?? "NO_CAMPAIGN";
        var errors = service is null && !twilio.IsSimulated ? $"Tenants:{tenantId}:MessagingServiceSid is not set"
            : campaign is { Errors.Count: > 0 } ? string.Join("; ", campaign.Errors) : null;
        var approved = status == "VERIFIED";
        var fresh = new A2pState
        {
            Status = status, CampaignSid = campaign?.CampaignSid, SubmittedAt = campaign?.DateCreated, Errors = errors, CheckedAt = now,
            NextCheckAt = PolledTenants.Contains(tenantId) ? now + Interval(approved) : null,
            VerifiedAt = approved ? previous?.VerifiedAt ?? now : null,
        };
        // A change is announced; the first reading of a tenant is not a change (texting was never on or off before it).
        var changed = previous is not null && previous.Status != fresh.Status;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO a2p_status (tenant_id, status, campaign_sid, submitted_at, errors, checked_at, next_check_at, verified_at)
                VALUES (@tenantId, @Status, @CampaignSid, @SubmittedAt, @Errors, @CheckedAt, @NextCheckAt, @VerifiedAt)
                ON CONFLICT (tenant_id) DO UPDATE SET status = excluded.status, campaign_sid = excluded.campaign_sid, submitted_at = excluded.submitted_at,
                    errors = excluded.errors, checked_at = excluded.checked_at, next_check_at = excluded.next_check_at, verified_at = excluded.verified_at
                """, new { tenantId, fresh.Status, fresh.CampaignSid, fresh.SubmittedAt, fresh.Errors, fresh.CheckedAt, fresh.NextCheckAt, fresh.VerifiedAt }, transaction);
            if (changed)
            {
                var type = approved ? "a2p-verified" : fresh.IsRejected ? "a2p-failed" : "a2p-status";
                await EventStore.AppendAsync(connection, transaction, tenantId, type,
                    new { status, previous = previous?.Status, campaignSid = fresh.CampaignSid, reason = errors, smsEnabled = approved }, now);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (changed)
        {
            broadcaster.Notify(tenantId);
            if (approved)
            {
                LogVerified(tenantId, fresh.CampaignSid);
            }
            else
            {
                LogStatus(tenantId, status, previous?.Status ?? "never read", errors ?? "");
            }
        }
        if (fresh.NextCheckAt is { } next)
        {
            await PaceAsync(tenantId, approved, next, cancellationToken);
        }
        return fresh;
    }

    /// <summary>Makes sure the tenant's poll trigger exists at the pace its status calls for (at start, after a check).</summary>
    public async Task PaceAsync(string tenantId, bool approved, DateTimeOffset firstAt, CancellationToken cancellationToken)
    {
        var scheduler = await jobs.GetAsync(cancellationToken);
        var key = new TriggerKey(tenantId, TriggerGroup);
        var interval = Interval(approved);
        if (await scheduler.GetTrigger(key, cancellationToken) is ISimpleTrigger current && current.RepeatInterval == interval
            && current.NextFireTimeUtc is { } nextFire && nextFire <= firstAt)
        {
            return;
        }
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider).WithIdentity(key).ForJob(A2pPollJob.Key).UsingJobData(A2pPollJob.TenantKey, tenantId)
            .StartAt(firstAt).WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        if (await scheduler.Exists(key, cancellationToken))
        {
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
        }
        else
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        }
    }

    private TimeSpan Interval(bool approved) => approved ? options.Value.A2pApprovedPollInterval : options.Value.A2pPollInterval;

    [LoggerMessage(Level = LogLevel.Information, Message = "A2P campaign of tenant {TenantId} is VERIFIED ({CampaignSid}): texting is switched on")]
    private partial void LogVerified(string tenantId, string? campaignSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A2P campaign of tenant {TenantId} is {Status} (was {Previous}): texting stays off. {Reason}")]
    private partial void LogStatus(string tenantId, string status, string previous, string reason);
}
