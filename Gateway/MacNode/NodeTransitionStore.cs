using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.MacNode;

internal sealed class NodeTransitionStore(Database database)
{
    public async Task AppendAsync(NodeTransition transition, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO node_transitions (tenant_id, node_id, at, from_state, to_state, reason)
            VALUES (@TenantId, @NodeId, @At, @FromState, @ToState, @Reason)
            """,
            transition);
    }

    public async Task<IReadOnlyList<NodeTransition>> RecentAsync(string tenantId, string nodeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NodeTransition>(
            """
            SELECT tenant_id AS TenantId, node_id AS NodeId, at AS At, from_state AS FromState, to_state AS ToState, reason AS Reason
            FROM node_transitions WHERE tenant_id = @tenantId AND node_id = @nodeId ORDER BY id DESC LIMIT @limit
            """,
            new { tenantId, nodeId, limit });
        return rows.AsList();
    }
}
