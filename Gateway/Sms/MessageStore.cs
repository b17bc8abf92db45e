using System.Data;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Sms;

internal sealed class MessageStore(Database database)
{
    private const string Columns = "id, sid, direction, contact, our_number, lead_id, body, status, error_code, error_reason, segments, encoding, is_read, created_at, updated_at";

    public async Task<bool> HasOutboundToAsync(string tenantId, string contact, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM messages WHERE tenant_id = @tenantId AND contact = @contact AND direction = 'outbound' AND status <> 'failed')",
            new { tenantId, contact });
    }

    /// <summary>Stored before Twilio is asked, so a crash after Twilio accepted it still leaves a trace.</summary>
    public async Task InsertOutboundAsync(string tenantId, SmsMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"""
            INSERT INTO messages (tenant_id, {Columns}, status_rank) VALUES (@tenantId, @Id, @Sid, @Direction, @Contact, @OurNumber, @LeadId, @Body, @Status,
                @ErrorCode, @ErrorReason, @Segments, @Encoding, 1, @CreatedAt, @UpdatedAt, 0)
            """, new { tenantId, message.Id, message.Sid, message.Direction, message.Contact, message.OurNumber, message.LeadId, message.Body, message.Status,
                message.ErrorCode, message.ErrorReason, message.Segments, message.Encoding, message.CreatedAt, message.UpdatedAt });
    }

    public async Task CompleteSendAsync(string id, string? sid, string status, int? errorCode, string? errorReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await CompleteSendAsync(connection, transaction, id, sid, status, errorCode, errorReason, now);
        transaction.Commit();
    }

    public static async Task<bool> InsertInboundAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, SmsMessage message) =>
        await connection.ExecuteAsync(
            $"""
            INSERT INTO messages (tenant_id, {Columns}, status_rank) VALUES (@tenantId, @Id, @Sid, 'inbound', @Contact, @OurNumber, @LeadId, @Body, 'received',
                NULL, NULL, @Segments, @Encoding, 0, @CreatedAt, @CreatedAt, 3)
            ON CONFLICT (sid) DO NOTHING
            """, new { tenantId, message.Id, message.Sid, message.Contact, message.OurNumber, message.LeadId, message.Body, message.Segments, message.Encoding, message.CreatedAt },
            transaction) == 1;

    public static Task<SmsMessage?> FindBySidAsync(IDbConnection connection, IDbTransaction transaction, string sid) =>
        connection.QuerySingleOrDefaultAsync<SmsMessage>($"SELECT {Columns} FROM messages WHERE sid = @sid", new { sid }, transaction);

    public static Task<string?> TenantOfAsync(IDbConnection connection, IDbTransaction transaction, string sid) =>
        connection.ExecuteScalarAsync<string?>("SELECT tenant_id FROM messages WHERE sid = @sid", new { sid }, transaction);

    /// <summary>Moves a message's delivery status forward only; a final status is never replaced.</summary>
    public static async Task<bool> AdvanceAsync(IDbConnection connection, IDbTransaction transaction, string sid, string status, int? errorCode, string? errorReason, DateTimeOffset now) =>
        await connection.ExecuteAsync(
            """
            UPDATE messages SET status = @status, status_rank = @rank, error_code = COALESCE(@errorCode, error_code), error_reason = COALESCE(@errorReason, error_reason), updated_at = @now
            WHERE sid = @sid AND status_rank < 3 AND status_rank < @rank
            """, new { sid, status, rank = SmsMessage.Rank(status), errorCode, errorReason, now }, transaction) == 1;

    /// <summary>Stores a status for a MessageSid not stored yet (see <see cref="DeliveryStatuses.ApplyEarlyAsync"/>).</summary>
    public static Task KeepEarlyStatusAsync(IDbConnection connection, IDbTransaction transaction, string sid, string status, int? errorCode, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "INSERT INTO sms_early_statuses (sid, status, error_code, received_at) VALUES (@sid, @status, @errorCode, @now) ON CONFLICT DO NOTHING",
            new { sid, status, errorCode, now }, transaction);

    /// <summary>Reads and removes the statuses kept for a MessageSid.</summary>
    public static async Task<IReadOnlyList<(string Status, int? ErrorCode)>> TakeEarlyStatusesAsync(IDbConnection connection, IDbTransaction transaction, string sid)
    {
        var rows = (await connection.QueryAsync<(string, int?)>("SELECT status, error_code FROM sms_early_statuses WHERE sid = @sid", new { sid }, transaction)).AsList();
        if (rows.Count > 0)
        {
            await connection.ExecuteAsync("DELETE FROM sms_early_statuses WHERE sid = @sid", new { sid }, transaction);
        }
        return rows;
    }

    /// <summary>Records Twilio's answer to a send (inside the unit of work that also applies any early statuses).</summary>
    public static Task CompleteSendAsync(IDbConnection connection, IDbTransaction transaction, string id, string? sid, string status, int? errorCode, string? errorReason, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "UPDATE messages SET sid = COALESCE(@sid, sid), status = @status, status_rank = MAX(status_rank, @rank), error_code = @errorCode, error_reason = @errorReason, updated_at = @now WHERE id = @id",
            new { id, sid, status, rank = Math.Max(0, SmsMessage.Rank(status)), errorCode, errorReason, now }, transaction);

    public async Task<IReadOnlyList<SmsThread>> ThreadsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SmsThread>(
            """
            SELECT m.contact, m.lead_id, l.name AS lead_name, m.body AS last_body, m.direction AS last_direction, m.status AS last_status, m.created_at AS last_at,
                   (SELECT COUNT(*) FROM messages u WHERE u.tenant_id = m.tenant_id AND u.contact = m.contact AND u.direction = 'inbound' AND u.is_read = 0) AS unread
            FROM messages m
            LEFT JOIN leads l ON l.tenant_id = m.tenant_id AND l.id = m.lead_id
            WHERE m.tenant_id = @tenantId
              AND m.rowid = (SELECT x.rowid FROM messages x WHERE x.tenant_id = m.tenant_id AND x.contact = m.contact ORDER BY x.created_at DESC, x.rowid DESC LIMIT 1)
            ORDER BY m.created_at DESC
            """, new { tenantId });
        return rows.AsList();
    }

    /// <summary>The conversation with one contact, oldest first; marks its inbound messages read.</summary>
    public async Task<IReadOnlyList<SmsMessage>> ThreadAsync(string tenantId, string contact, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = (await connection.QueryAsync<SmsMessage>(
            $"SELECT {Columns} FROM messages WHERE tenant_id = @tenantId AND contact = @contact ORDER BY created_at, rowid", new { tenantId, contact })).AsList();
        await connection.ExecuteAsync("UPDATE messages SET is_read = 1 WHERE tenant_id = @tenantId AND contact = @contact AND is_read = 0", new { tenantId, contact });
        return messages;
    }
}
