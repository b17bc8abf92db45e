using System.Data;
using System.Text.Json;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Timeline;

/// <summary>Leads and their timelines.</summary>
internal sealed class TimelineStore(Database database)
{
    public async Task UpsertLeadAsync(string tenantId, string leadId, string? name, string? state, string phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO leads (tenant_id, id, name, state, phone, created_at, updated_at) VALUES (@tenantId, @leadId, @name, @state, @phone, @now, @now)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                name = COALESCE(excluded.name, leads.name), state = COALESCE(excluded.state, leads.state),
                phone = excluded.phone, updated_at = excluded.updated_at
            """,
            new { tenantId, leadId, name, state, phone, now });
    }

    public async Task<Lead?> FindLeadAsync(string tenantId, string leadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Lead>(
            "SELECT id, name, state, phone, created_at, updated_at FROM leads WHERE tenant_id = @tenantId AND id = @leadId",
            new { tenantId, leadId });
    }

    public async Task AppendAsync(string tenantId, string leadId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await AppendAsync(connection, null, tenantId, leadId, entry);
    }

    /// <summary>Appends inside the caller's transaction (webhooks store their effects atomically).</summary>
    public static Task AppendAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string leadId, TimelineEntry entry) =>
        connection.ExecuteAsync(
            """
            INSERT INTO timeline (tenant_id, lead_id, at, kind, call_id, summary, details)
            VALUES (@tenantId, @leadId, @At, @Kind, @CallId, @Summary, @details)
            """,
            new { tenantId, leadId, entry.At, entry.Kind, entry.CallId, entry.Summary, details = entry.Details?.GetRawText() }, transaction);

    public async Task<Lead> FindOrCreateByPhoneAsync(string tenantId, string phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var lead = await FindOrCreateByPhoneAsync(connection, transaction, tenantId, phone, now);
        transaction.Commit();
        return lead;
    }

    /// <summary>The lead with this phone number (most recently updated), or a new lead whose id is the number.</summary>
    public static async Task<Lead> FindOrCreateByPhoneAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string phone, DateTimeOffset now)
    {
        var lead = await connection.QueryFirstOrDefaultAsync<Lead>(
            "SELECT id, name, state, phone, created_at, updated_at FROM leads WHERE tenant_id = @tenantId AND phone = @phone ORDER BY updated_at DESC",
            new { tenantId, phone }, transaction);
        if (lead is not null)
        {
            return lead;
        }
        await connection.ExecuteAsync(
            "INSERT INTO leads (tenant_id, id, phone, created_at, updated_at) VALUES (@tenantId, @phone, @phone, @now, @now) ON CONFLICT DO NOTHING",
            new { tenantId, phone, now }, transaction);
        return new Lead { Id = phone, Phone = phone, CreatedAt = now, UpdatedAt = now };
    }

    public static Task<Lead?> FindLeadAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string leadId) =>
        connection.QuerySingleOrDefaultAsync<Lead>(
            "SELECT id, name, state, phone, created_at, updated_at FROM leads WHERE tenant_id = @tenantId AND id = @leadId",
            new { tenantId, leadId }, transaction);

    public async Task<IReadOnlyList<TimelineEntry>> ListAsync(string tenantId, string leadId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            """
            SELECT kind, at, call_id, summary, details FROM timeline
            WHERE tenant_id = @tenantId AND lead_id = @leadId ORDER BY at DESC, id DESC LIMIT @limit
            """,
            new { tenantId, leadId, limit });
        return rows.Select(r => new TimelineEntry(r.Kind, r.At, r.CallId, r.Summary,
            r.Details is null ? null : JsonDocument.Parse(r.Details).RootElement.Clone())).ToList();
    }

    private sealed class Row
    {
        public string Kind { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public string? CallId { get; init; }
        public string Summary { get; init; } = "";
        public string? Details { get; init; }
    }
}
