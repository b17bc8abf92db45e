using System.Data;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.FollowUps;

/// <summary>The follow-ups table: the truth about each follow-up (Quartz triggers only wake the gateway).</summary>
internal sealed class FollowUpStore(Database database)
{
    private const string Columns = """
        id, lead_id, call_id, agent_id, disposition, phone, requested_at, due_at, status, reason, notes, fired_at, done_at, done_by, created_at, updated_at
        """;

    public static Task InsertAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, FollowUp followUp) =>
        connection.ExecuteAsync(
            """
            INSERT INTO followups (id, tenant_id, lead_id, call_id, agent_id, disposition, phone, requested_at, due_at, status, notes, created_at, updated_at)
            VALUES (@Id, @tenantId, @LeadId, @CallId, @AgentId, @Disposition, @Phone, @RequestedAt, @DueAt, @Status, @Notes, @CreatedAt, @UpdatedAt)
            """,
            new { tenantId, followUp.Id, followUp.LeadId, followUp.CallId, followUp.AgentId, followUp.Disposition, followUp.Phone, followUp.RequestedAt,
                followUp.DueAt, followUp.Status, followUp.Notes, followUp.CreatedAt, followUp.UpdatedAt }, transaction);

    /// <summary>Writes the mutable fields (status, due time, reason, fired/done).</summary>
    public static Task UpdateAsync(IDbConnection connection, IDbTransaction transaction, FollowUp followUp) =>
        connection.ExecuteAsync(
            """
            UPDATE followups SET status = @Status, due_at = @DueAt, reason = @Reason, fired_at = @FiredAt, done_at = @DoneAt, done_by = @DoneBy, updated_at = @UpdatedAt
            WHERE id = @Id
            """,
            followUp, transaction);

    public static Task<FollowUp?> FindAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string id) =>
        connection.QuerySingleOrDefaultAsync<FollowUp>($"SELECT {Columns} FROM followups WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }, transaction);

    public async Task<FollowUp?> FindAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, tenantId, id);
    }

    /// <summary>The pending (scheduled or due) follow-ups of a call.</summary>
    public static async Task<IReadOnlyList<FollowUp>> PendingForCallAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string callId) =>
        (await connection.QueryAsync<FollowUp>(
            $"SELECT {Columns} FROM followups WHERE tenant_id = @tenantId AND call_id = @callId AND status IN ('scheduled', 'due')", new { tenantId, callId }, transaction)).AsList();

    /// <summary>The pending follow-ups of every lead with this number.</summary>
    public static async Task<IReadOnlyList<FollowUp>> PendingForPhoneAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string phone) =>
        (await connection.QueryAsync<FollowUp>(
            $"SELECT {Columns} FROM followups WHERE tenant_id = @tenantId AND phone = @phone AND status IN ('scheduled', 'due')", new { tenantId, phone }, transaction)).AsList();

    /// <summary>A tenant's follow-ups, soonest first: by status, or all pending; <paramref name="leadId"/> narrows to one lead's.</summary>
    public async Task<IReadOnlyList<FollowUp>> ListAsync(string tenantId, string? status, string? leadId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = status is null ? "status IN ('scheduled', 'due')" : "status = @status";
        return (await connection.QueryAsync<FollowUp>(
            $"""
            SELECT {Columns} FROM followups WHERE tenant_id = @tenantId AND {filter} {(leadId is null ? "" : "AND lead_id = @leadId")}
            ORDER BY due_at, id LIMIT @limit
            """,
            new { tenantId, status, leadId, limit })).AsList();
    }
}
