using System.Data;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Compliance;

/// <summary>The do-not-call list and the opt-out state, per tenant.</summary>
internal sealed class ComplianceStore(Database database)
{
    public async Task<bool> RemoveDncAsync(string tenantId, string e164, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM dnc WHERE tenant_id = @tenantId AND e164 = @e164", new { tenantId, e164 }) == 1;
    }

    public async Task<IReadOnlyList<DncEntry>> ListDncAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DncEntry>(
            "SELECT e164, reason, added_by, created_at FROM dnc WHERE tenant_id = @tenantId ORDER BY created_at DESC", new { tenantId })).AsList();
    }

    /// <summary>Why this number must not be contacted (<c>do-not-call</c>, <c>opted-out</c>, <c>bad-number</c>), or null.</summary>
    public async Task<string?> BlockAsync(string tenantId, string e164, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BlockAsync(connection, null, tenantId, e164);
    }

    /// <summary>
    /// Why this number must not be called or texted — <c>do-not-call</c>, <c>opted-out</c> or <c>bad-number</c>, in that
    /// order — or null. One statement: it is on every press and every browser-call webhook.
    /// </summary>
    public static Task<string?> BlockAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string e164) =>
        connection.ExecuteScalarAsync<string?>(
            """
            SELECT CASE
                WHEN EXISTS (SELECT 1 FROM dnc WHERE tenant_id = @tenantId AND e164 = @e164) THEN 'do-not-call'
                WHEN EXISTS (SELECT 1 FROM opt_outs WHERE tenant_id = @tenantId AND e164 = @e164 AND opted_out = 1) THEN 'opted-out'
                WHEN EXISTS (SELECT 1 FROM bad_numbers WHERE tenant_id = @tenantId AND e164 = @e164) THEN 'bad-number'
            END
            """, new { tenantId, e164 }, transaction);

    /// <summary>Adds to the do-not-call list inside the caller's transaction; false when it was already there.</summary>
    public static async Task<bool> AddDncAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string e164, string? reason, string addedBy, DateTimeOffset now) =>
        await connection.ExecuteAsync(
            "INSERT INTO dnc (tenant_id, e164, reason, added_by, created_at) VALUES (@tenantId, @e164, @reason, @addedBy, @now) ON CONFLICT DO NOTHING",
            new { tenantId, e164, reason, addedBy, now }, transaction) == 1;

    /// <summary>Marks a number bad (the Bad Number disposition); false when it already was.</summary>
    public static async Task<bool> MarkBadAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string e164, string? callId, string markedBy, DateTimeOffset now) =>
        await connection.ExecuteAsync(
            "INSERT INTO bad_numbers (tenant_id, e164, call_id, marked_by, created_at) VALUES (@tenantId, @e164, @callId, @markedBy, @now) ON CONFLICT DO NOTHING",
            new { tenantId, e164, callId, markedBy, now }, transaction) == 1;

    public async Task<IReadOnlyList<BadNumber>> ListBadAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<BadNumber>(
            "SELECT e164, call_id, marked_by, created_at FROM bad_numbers WHERE tenant_id = @tenantId ORDER BY created_at DESC", new { tenantId })).AsList();
    }

    public async Task<bool> ClearBadAsync(string tenantId, string e164, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM bad_numbers WHERE tenant_id = @tenantId AND e164 = @e164", new { tenantId, e164 }) == 1;
    }

    /// <summary>Records an opt-out (true) or opt-in (false), business-wide for the tenant.</summary>
    public static Task SetOptOutAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string e164, bool optedOut, string keyword, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO opt_outs (tenant_id, e164, opted_out, keyword, updated_at) VALUES (@tenantId, @e164, @optedOut, @keyword, @now)
            ON CONFLICT (tenant_id, e164) DO UPDATE SET opted_out = excluded.opted_out, keyword = excluded.keyword, updated_at = excluded.updated_at
            """, new { tenantId, e164, optedOut, keyword, now }, transaction);
}
