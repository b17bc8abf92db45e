using Dapper;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Sms;

/// <summary>
/// SMS is allowed only once the tenant's A2P 10DLC campaign is <c>VERIFIED</c>. The status is read from
/// Twilio (or the simulation) and kept in the database, refreshed when older than
/// <see cref="SmsOptions.A2pRefreshInterval"/>; any other or unknown value means "not ready".
/// </summary>
internal sealed class A2pGate(Database database, ITwilioApi twilio, TenantDirectory directory, IOptions<SmsOptions> options, TimeProvider timeProvider)
{
    public async Task<A2pState> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<A2pState>(
            "SELECT status, campaign_sid, submitted_at, errors, checked_at FROM a2p_status WHERE tenant_id = @tenantId", new { tenantId });
        if (stored is not null && now - stored.CheckedAt < options.Value.A2pRefreshInterval)
        {
            return stored;
        }

        var service = directory.Tenants[tenantId].MessagingServiceSid;
        A2pState fresh;
        if (service is null && !twilio.IsSimulated)
        {
            fresh = new A2pState { Status = "NOT_CONFIGURED", CheckedAt = now, Errors = "Tenants:<id>:MessagingServiceSid is not set" };
        }
        else
        {
            var campaign = await twilio.GetCampaignStatusAsync(service ?? "MG" + new string('0', 32), cancellationToken);
            fresh = campaign is null
                ? new A2pState { Status = "NO_CAMPAIGN", CheckedAt = now }
                : new A2pState { Status = campaign.Status, CampaignSid = campaign.CampaignSid, SubmittedAt = campaign.DateCreated, Errors = string.Join("; ", campaign.Errors), CheckedAt = now };
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO a2p_status (tenant_id, status, campaign_sid, submitted_at, errors, checked_at) VALUES (@tenantId, @Status, @CampaignSid, @SubmittedAt, @Errors, @CheckedAt)
            ON CONFLICT (tenant_id) DO UPDATE SET status = excluded.status, campaign_sid = excluded.campaign_sid, submitted_at = excluded.submitted_at,
                errors = excluded.errors, checked_at = excluded.checked_at
            """, new { tenantId, fresh.Status, fresh.CampaignSid, fresh.SubmittedAt, fresh.Errors, fresh.CheckedAt });
        return fresh;
    }

    public DateTimeOffset? ExpectedApproval(A2pState state) => state.SubmittedAt + options.Value.TypicalA2pReview;
}
