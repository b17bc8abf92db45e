using System.Data;
using Dapper;

namespace Softphone.Gateway.Voice;

/// <summary>Call legs, recordings and transcriptions, written inside a webhook's transaction.</summary>
internal static class VoiceStore
{
    public static Task<VoiceLeg?> FindAsync(IDbConnection connection, IDbTransaction transaction, string callSid) =>
        connection.QuerySingleOrDefaultAsync<VoiceLeg>(
            """
            SELECT call_sid, tenant_id, call_id, lead_id, agent_id, direction, from_number, to_number, status, status_rank, sequence,
                   duration_seconds, recording_sid, recording_url, transcription, voicemail
            FROM voice_calls WHERE call_sid = @callSid
            """, new { callSid }, transaction);

    /// <summary>Whether one of this tenant's calls has this recording (another tenant's recording is not found).</summary>
    public static Task<bool> HasRecordingAsync(IDbConnection connection, string tenantId, string recordingSid) =>
        connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM voice_calls WHERE tenant_id = @tenantId AND recording_sid = @recordingSid)",
            new { tenantId, recordingSid });

    public static Task InsertAsync(IDbConnection connection, IDbTransaction transaction, VoiceLeg leg, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO voice_calls (call_sid, tenant_id, call_id, lead_id, agent_id, direction, from_number, to_number, status, status_rank, sequence, created_at, updated_at)
            VALUES (@CallSid, @TenantId, @CallId, @LeadId, @AgentId, @Direction, @FromNumber, @ToNumber, @Status, @StatusRank, @Sequence, @now, @now)
            ON CONFLICT (call_sid) DO NOTHING
            """, new { leg.CallSid, leg.TenantId, leg.CallId, leg.LeadId, leg.AgentId, leg.Direction, leg.FromNumber, leg.ToNumber, leg.Status, leg.StatusRank, leg.Sequence, now },
            transaction);

    /// <summary>
    /// Moves a leg forward only: a later stage, or the same stage with a higher SequenceNumber; a final
    /// status is never replaced. Returns whether anything changed.
    /// </summary>
    public static async Task<bool> AdvanceAsync(IDbConnection connection, IDbTransaction transaction, string callSid, string status, int sequence, int? duration, DateTimeOffset now)
    {
        var rank = VoiceLeg.Rank(status);
        var changed = await connection.ExecuteAsync(
            """
            UPDATE voice_calls SET status = @status, status_rank = @rank, sequence = MAX(sequence, @sequence),
                duration_seconds = COALESCE(@duration, duration_seconds), updated_at = @now
            WHERE call_sid = @callSid AND status_rank < 4
              AND (status_rank < @rank OR (status_rank = @rank AND @sequence > sequence AND status <> @status))
            """, new { callSid, status, rank, sequence, duration, now }, transaction);
        return changed == 1;
    }

    public static async Task<bool> SetRecordingAsync(IDbConnection connection, IDbTransaction transaction, string callSid, string recordingSid, string? url, int? duration, bool voicemail, DateTimeOffset now) =>
        await connection.ExecuteAsync(
            """
            UPDATE voice_calls SET recording_sid = @recordingSid, recording_url = COALESCE(@url, recording_url), recording_duration = COALESCE(@duration, recording_duration),
                voicemail = MAX(voicemail, @voicemail), updated_at = @now
            WHERE call_sid = @callSid AND (recording_sid IS NULL OR recording_sid <> @recordingSid)
            """, new { callSid, recordingSid, url, duration, voicemail, now }, transaction) == 1;

    public static async Task<bool> SetTranscriptionAsync(IDbConnection connection, IDbTransaction transaction, string callSid, string text, DateTimeOffset now) =>
        await connection.ExecuteAsync(
            "UPDATE voice_calls SET transcription = @text, updated_at = @now WHERE call_sid = @callSid AND transcription IS NULL",
            new { callSid, text, now }, transaction) == 1;

    public static async Task<IReadOnlyList<VoiceLeg>> ForCallAsync(IDbConnection connection, string tenantId, string callId) =>
        (await connection.QueryAsync<VoiceLeg>(
            """
            SELECT call_sid, tenant_id, call_id, lead_id, agent_id, direction, from_number, to_number, status, status_rank, sequence,
                   duration_seconds, recording_sid, recording_url, transcription, voicemail
            FROM voice_calls WHERE tenant_id = @tenantId AND call_id = @callId ORDER BY created_at
            """, new { tenantId, callId })).AsList();
}
