using System.Data;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Numbers;

internal sealed class NumberStore(Database database)
{
    public async Task<IReadOnlyList<OwnedNumber>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListAsync(connection, null, tenantId);
    }

    /// <summary>The tenant's numbers, read inside the caller's transaction (a webhook's, which holds the write turn).</summary>
    public static async Task<IReadOnlyList<OwnedNumber>> ListAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId)
    {
        var rows = await connection.QueryAsync<OwnedNumber>(
            "SELECT e164, state, is_default, sid, sms_enabled FROM numbers WHERE tenant_id = @tenantId ORDER BY e164",
            new { tenantId }, transaction);
        return rows.AsList();
    }

    /// <summary>The tenant that owns a number (inbound calls and messages find their business by it).</summary>
    public static Task<string?> FindTenantAsync(IDbConnection connection, IDbTransaction? transaction, string e164) =>
        connection.ExecuteScalarAsync<string?>("SELECT tenant_id FROM numbers WHERE e164 = @e164", new { e164 }, transaction);

    /// <summary>The tenant that owns a number, if any.</summary>
    public async Task<string?> OwnerAsync(string e164, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindTenantAsync(connection, null, e164);
    }

    /// <summary>Makes one number the default; false when the tenant has no such number.</summary>
    public async Task<bool> SetDefaultAsync(string tenantId, string e164, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var exists = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM numbers WHERE tenant_id = @tenantId AND e164 = @e164)", new { tenantId, e164 }, transaction);
        if (exists)
        {
            await connection.ExecuteAsync("UPDATE numbers SET is_default = (e164 = @e164) WHERE tenant_id = @tenantId", new { tenantId, e164 }, transaction);
            transaction.Commit();
        }
        return exists;
    }

    /// <summary>Records a bought number (or gives a configured one its SID).</summary>
    public async Task UpsertAsync(string tenantId, string e164, string? state, string sid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO numbers (tenant_id, e164, state, is_default, created_at, sid) VALUES (@tenantId, @e164, @state, 0, @now, @sid)
            ON CONFLICT (tenant_id, e164) DO UPDATE SET sid = excluded.sid, state = COALESCE(excluded.state, numbers.state)
            """, new { tenantId, e164, state, now, sid });
    }

    public async Task<OwnedNumber?> FindBySidAsync(string tenantId, string sid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OwnedNumber>(
            "SELECT e164, state, is_default, sid, sms_enabled FROM numbers WHERE tenant_id = @tenantId AND sid = @sid", new { tenantId, sid });
    }

    public async Task DeleteAsync(string tenantId, string sid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM numbers WHERE tenant_id = @tenantId AND sid = @sid", new { tenantId, sid });
    }
}
