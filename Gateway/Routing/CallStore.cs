using System.Data;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Routing;

internal sealed class CallStore(Database database)
{
    private const string Columns =
        "tenant_id, id, agent_id, lead_id, to_e164, mode, status, route, confirmed, reason, reason_detail, node_id, node_state, dial_attempts, caller_id, caller_id_rule, fallback_at, created_at, updated_at, twilio_call_sid, record, hours_overridden, twilio_status, duration_seconds, routing_until, disposition, disposition_notes, disposed_at, disposed_by";

    private const string InsertColumns =
        "tenant_id, id, agent_id, lead_id, to_e164, mode, status, route, confirmed, reason, reason_detail, node_id, node_state, dial_attempts, caller_id, caller_id_rule, fallback_at, created_at, updated_at, record, hours_overridden, routing_until";

    /// <summary>
    /// Stores a new press inside the unit of work that also stores its lead; false when the tenant already has this
    /// call id (a retry). A press that is about to dial the node is stored with its route already set, so the one
    /// commit also records the stage (see <see cref="MarkStageAsync"/>).
    /// </summary>
    public static async Task<bool> TryInsertAsync(IDbConnection connection, IDbTransaction transaction, CallRecord call) =>
        await connection.ExecuteAsync(
            $"""
            INSERT INTO calls ({InsertColumns}) VALUES (@TenantId, @Id, @AgentId, @LeadId, @ToE164, @Mode, @Status, @Route, @Confirmed, @Reason, @ReasonDetail,
                @NodeId, @NodeState, @DialAttempts, @CallerId, @CallerIdRule, @FallbackAt, @CreatedAt, @UpdatedAt, @Record, @HoursOverridden, @RoutingUntil)
            ON CONFLICT (tenant_id, id) DO NOTHING
            """,
            call, transaction) == 1;

    /// <summary>
    /// Writes which outside action a press is about to take (<c>route</c>), before it takes it: if the process
    /// dies meanwhile, recovery knows the call may have been placed.
    /// </summary>
    public async Task MarkStageAsync(CallRecord call, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE calls SET route = @Route, node_state = @NodeState, caller_id = @CallerId, caller_id_rule = @CallerIdRule, updated_at = @UpdatedAt WHERE tenant_id = @TenantId AND id = @Id",
            call);
    }

    /// <summary>Writes a press's outcome, inside the unit of work that also writes its timeline entries and event.</summary>
    public static Task RecordAsync(IDbConnection connection, IDbTransaction transaction, CallRecord call) =>
        connection.ExecuteAsync(
            """
            UPDATE calls SET status = @Status, route = @Route, confirmed = @Confirmed, reason = @Reason, reason_detail = @ReasonDetail, node_state = @NodeState,
                dial_attempts = @DialAttempts, caller_id = @CallerId, caller_id_rule = @CallerIdRule, fallback_at = @FallbackAt, updated_at = @UpdatedAt,
                twilio_call_sid = COALESCE(@TwilioCallSid, twilio_call_sid), routing_until = NULL
            WHERE tenant_id = @TenantId AND id = @Id
            """,
            call, transaction);

    /// <summary>
    /// Claims an unconfirmed iPhone call for a Twilio fallback. Atomic: of two concurrent requests only one
    /// gets true, so the fallback is placed once.
    /// </summary>
    public async Task<bool> TryClaimFallbackAsync(string tenantId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(
            """
            UPDATE calls SET fallback_at = @now, updated_at = @now
            WHERE tenant_id = @tenantId AND id = @id AND status = 'unconfirmed' AND route = 'iphone' AND fallback_at IS NULL
            """,
            new { tenantId, id, now });
        return claimed == 1;
    }

    /// <summary>Records the Twilio CallSid of a press's Twilio leg (inside a webhook's transaction).</summary>
    public static Task LinkTwilioCallAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string id, string callSid) =>
        connection.ExecuteAsync(
            "UPDATE calls SET twilio_call_sid = COALESCE(twilio_call_sid, @callSid) WHERE tenant_id = @tenantId AND id = @id",
            new { tenantId, id, callSid }, transaction);

    /// <summary>Copies a Twilio leg's progress onto the press (inside a webhook's transaction; the caller keeps it monotonic).</summary>
    public static Task SetTwilioProgressAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string id, string status, int? duration, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "UPDATE calls SET twilio_status = @status, duration_seconds = COALESCE(@duration, duration_seconds), updated_at = @now WHERE tenant_id = @tenantId AND id = @id",
            new { tenantId, id, status, duration, now }, transaction);

    /// <summary>The agent's disposition of the call (inside the disposition's unit of work).</summary>
    public static Task SetDispositionAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string id, string disposition, string? notes, string agentId, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            UPDATE calls SET disposition = @disposition, disposition_notes = @notes, disposed_at = @now, disposed_by = @agentId, updated_at = @now
            WHERE tenant_id = @tenantId AND id = @id
            """,
            new { tenantId, id, disposition, notes, agentId, now }, transaction);

    public static Task<CallRecord?> FindAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string id) =>
        connection.QuerySingleOrDefaultAsync<CallRecord>($"SELECT {Columns} FROM calls WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id }, transaction);

    public async Task<CallRecord?> FindAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CallRecord>(
            $"SELECT {Columns} FROM calls WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id });
    }

    public async Task<IReadOnlyList<CallRecord>> ListAsync(string tenantId, CallQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CallRecord>(
            $"""
            SELECT {Columns} FROM calls
            WHERE tenant_id = @tenantId
              AND (@LeadId IS NULL OR lead_id = @LeadId)
              AND (@Route IS NULL OR route = @Route)
              AND (@Since IS NULL OR created_at >= @Since)
            ORDER BY created_at DESC, id DESC
            LIMIT @limit OFFSET @offset
            """,
            new { tenantId, query.LeadId, query.Route, query.Since, limit = query.PageSize + 1, offset = (query.Page - 1) * query.PageSize });
        return rows.AsList();
    }

    /// <summary>Gives back a claimed fallback that placed nothing (the call stays an unconfirmed iPhone call).</summary>
    public async Task ReleaseFallbackAsync(string tenantId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE calls SET fallback_at = NULL, updated_at = @now WHERE tenant_id = @tenantId AND id = @id AND status = 'unconfirmed' AND route = 'iphone'",
            new { tenantId, id, now });
    }

    /// <summary>
    /// Gives every press that no process is finishing its one outcome, from the last outside action it had
    /// written: a dial sent to the node or a bridge sent to Twilio may have rung the lead (unconfirmed, or
    /// placed once Twilio's callback named the call); anything earlier placed nothing. With <paramref name="id"/>
    /// only that press, and only once its lease has run out; without, every press (at start, when none can run).
    /// </summary>
    public async Task<int> ResolveAbandonedAsync(string? tenantId, string? id, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE calls SET
                status = CASE WHEN route = 'twilio' AND twilio_call_sid IS NOT NULL THEN 'placed'
                              WHEN route IN ('iphone', 'twilio') THEN 'unconfirmed' ELSE 'not-placed' END,
                confirmed = CASE WHEN route = 'twilio' AND twilio_call_sid IS NOT NULL THEN 1 ELSE 0 END,
                reason = CASE WHEN route = 'twilio' AND twilio_call_sid IS NULL THEN 'twilio-unconfirmed' ELSE @reason END,
                reason_detail = CASE WHEN route = 'iphone' THEN 'the dial was sent; its outcome was not recorded'
                                     WHEN route = 'twilio' THEN 'Twilio was asked to place the call; its answer was not recorded'
                                     ELSE 'nothing was sent' END,
                routing_until = NULL, updated_at = @now
            WHERE status = 'routing'
              AND (@id IS NULL OR (tenant_id = @tenantId AND id = @id AND routing_until < @now))
            """,
            new { tenantId, id, reason, now });
    }
}
