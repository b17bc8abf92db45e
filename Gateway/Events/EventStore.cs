using System.Data;
using System.Text.Json;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Events;

/// <summary>The durable event log: appended in the same transaction as what it reports, read by id.</summary>
internal sealed class EventStore(Database database, EventBroadcaster broadcaster)
{
    /// <summary>Appends inside the caller's transaction; call <see cref="EventBroadcaster.Notify"/> after commit.</summary>
    public static Task AppendAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string type, object data, DateTimeOffset at) =>
        connection.ExecuteAsync(
            "INSERT INTO events (tenant_id, at, type, data) VALUES (@tenantId, @at, @type, @data)",
            new { tenantId, at, type, data = JsonSerializer.Serialize(data, JsonSerializerOptions.Web) }, transaction);

    /// <summary>Appends on its own and wakes the tenant's listeners.</summary>
    public async Task PublishAsync(string tenantId, string type, object data, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await AppendAsync(connection, transaction, tenantId, type, data, at);
            await transaction.CommitAsync(cancellationToken);
        }
        broadcaster.Notify(tenantId);
    }

    public Task<IReadOnlyList<EventRecord>> ReadAfterAsync(string tenantId, long afterId, int limit, CancellationToken cancellationToken) =>
        ReadAfterAsync(database, tenantId, afterId, limit, cancellationToken);

    public static async Task<IReadOnlyList<EventRecord>> ReadAfterAsync(Database database, string tenantId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRecord>(
            "SELECT id, type, at, data FROM events WHERE tenant_id = @tenantId AND id > @afterId ORDER BY id LIMIT @limit",
            new { tenantId, afterId, limit });
        return rows.AsList();
    }

    public static async Task<long> LatestIdAsync(IDbConnection connection, string tenantId) =>
        await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM events WHERE tenant_id = @tenantId", new { tenantId }) ?? 0;
}
