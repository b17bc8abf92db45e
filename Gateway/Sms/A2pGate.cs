using Dapper;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Sms;

/// <summary>
/// SMS is allowed only once the tenant's A2P 10DLC campaign is <c>VERIFIED</c>. The status is kept in the database
/// by <see cref="A2pPoller"/> (a Quartz job per tenant); a tenant never read yet is read once, now.
/// </summary>
internal sealed class A2pGate(Database database, A2pPoller poller, IOptions<SmsOptions> options)
{
    public async Task<A2pState> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        await ReadAsync(database, tenantId, cancellationToken) ?? await poller.CheckAsync(tenantId, cancellationToken);

    public static async Task<A2pState?> ReadAsync(Database database, string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<A2pState>(
            "SELECT status, campaign_sid, submitted_at, errors, checked_at, next_check_at, verified_at FROM a2p_status WHERE tenant_id = @tenantId", new { tenantId });
    }

    public DateTimeOffset? ExpectedApproval(A2pState state) => state.IsApproved || state.IsRejected ? null : state.SubmittedAt + options.Value.TypicalA2pReview;
}
