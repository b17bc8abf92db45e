using System.Data;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Tenancy;

/// <summary>When each agent's browser client last said it is open (it then takes inbound calls).</summary>
internal sealed class PresenceStore(Database database)
{
    public async Task TouchAsync(string tenantId, string agentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO presence (tenant_id, agent_id, last_seen_at) VALUES (@tenantId, @agentId, @now)
            ON CONFLICT (tenant_id, agent_id) DO UPDATE SET last_seen_at = excluded.last_seen_at
            """, new { tenantId, agentId, now });
    }

    public async Task<bool> IsPresentAsync(string tenantId, string agentId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await PresentAsync(connection, null, tenantId, since)).Contains(agentId);
    }

    public static async Task<IReadOnlySet<string>> PresentAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, DateTimeOffset since) =>
        (await connection.QueryAsync<string>(
            "SELECT agent_id FROM presence WHERE tenant_id = @tenantId AND last_seen_at >= @since", new { tenantId, since }, transaction)).ToHashSet(StringComparer.Ordinal);
}
