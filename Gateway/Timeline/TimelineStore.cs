using System.Buffers.Text;
using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Timeline;

/// <summary>Leads and their timelines.</summary>
internal sealed class TimelineStore(Database database)
{
    private static readonly JsonSerializerOptions PatchJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private const string LeadColumns = "id, name, state, phone, stage, call_attempts, last_disposition, created_at, updated_at";

    public async Task UpsertLeadAsync(string tenantId, string leadId, string? name, string? state, string phone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await UpsertLeadAsync(connection, null, tenantId, leadId, name, state, phone, now);
    }

    /// <summary>Creates the lead or refreshes what the CRM said of it (a name or state not given keeps the stored one).</summary>
    public static Task UpsertLeadAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string leadId, string? name, string? state, string phone, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO leads (tenant_id, id, name, state, phone, created_at, updated_at) VALUES (@tenantId, @leadId, @name, @state, @phone, @now, @now)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                name = COALESCE(excluded.name, leads.name), state = COALESCE(excluded.state, leads.state),
                phone = excluded.phone, updated_at = excluded.updated_at
            """,
            new { tenantId, leadId, name, state, phone, now }, transaction);

    public async Task<Lead?> FindLeadAsync(string tenantId, string leadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindLeadAsync(connection, null, tenantId, leadId);
    }

    /// <summary>The tenant's leads, the one with the latest activity (timeline entry, or the CRM's last word) first.</summary>
    public async Task<IReadOnlyList<Lead>> RecentLeadsAsync(string tenantId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Lead>(
            $"""
            SELECT {LeadColumns} FROM leads l
            WHERE l.tenant_id = @tenantId
            ORDER BY MAX(l.updated_at, COALESCE((SELECT MAX(t.at) FROM timeline t WHERE t.tenant_id = l.tenant_id AND t.lead_id = l.id), '')) DESC, l.id
            LIMIT @limit
            """, new { tenantId, limit });
        return rows.AsList();
    }

    public static Task<Lead?> FindLeadAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string leadId) =>
        connection.QuerySingleOrDefaultAsync<Lead>(
            $"SELECT {LeadColumns} FROM leads WHERE tenant_id = @tenantId AND id = @leadId", new { tenantId, leadId }, transaction);

    /// <summary>Moves the lead to a stage and adds (or, when a disposition is replaced, takes back) call attempts.</summary>
    public static Task SetStageAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string leadId, string stage, int attemptsDelta, string disposition, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            UPDATE leads SET stage = @stage, call_attempts = MAX(0, call_attempts + @attemptsDelta), last_disposition = @disposition, updated_at = @now
            WHERE tenant_id = @tenantId AND id = @leadId
            """,
            new { tenantId, leadId, stage, attemptsDelta, disposition, now }, transaction);

    /// <summary>Adds an event entry (no key: a disposition, a follow-up moment, an opt-out).</summary>
    public static Task AppendAsync(IDbConnection connection, IDbTransaction? transaction, string tenantId, string leadId, TimelineEntry entry) =>
        connection.ExecuteAsync(
            """
            INSERT INTO timeline (tenant_id, lead_id, at, updated_at, kind, call_id, summary, details)
            VALUES (@tenantId, @leadId, @At, @At, @Type, @CallId, @Summary, @details)
            """,
            new { tenantId, leadId, entry.At, entry.Type, entry.CallId, entry.Summary, details = entry.Details?.GetRawText() }, transaction);

    /// <summary>
    /// Creates the entry about one thing (key <c>call:…</c>, <c>voicemail:…</c>, <c>sms:…</c>) or merges <paramref name="patch"/>
    /// into it: its non-null properties replace the stored ones, the summary is made again from the result, and
    /// <c>at</c> stays the time the entry was created. A callback never adds a second entry for the same thing.
    /// </summary>
    public static async Task MergeAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string leadId, string type, string key,
        DateTimeOffset at, string? callId, object patch)
    {
        var changes = JsonSerializer.SerializeToNode(patch, PatchJson)!.AsObject();
        var existing = await connection.QuerySingleOrDefaultAsync<(long Id, string? Details)>(
            "SELECT id, details FROM timeline WHERE tenant_id = @tenantId AND entry_key = @key", new { tenantId, key }, transaction);
        var details = existing.Id != 0 && existing.Details is { } stored ? JsonNode.Parse(stored)!.AsObject() : [];
        foreach (var (name, value) in changes.ToList())
        {
            changes.Remove(name);
            details[name] = value;
        }
        var summary = TimelineSummaries.Compose(type, details);
        if (existing.Id == 0)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO timeline (tenant_id, lead_id, at, updated_at, kind, call_id, summary, details, entry_key)
                VALUES (@tenantId, @leadId, @at, @at, @type, @callId, @summary, @details, @key)
                """,
                new { tenantId, leadId, at, type, callId, summary, details = details.ToJsonString(), key }, transaction);
            return;
        }
        await connection.ExecuteAsync(
            "UPDATE timeline SET summary = @summary, details = @details, updated_at = @at, call_id = COALESCE(call_id, @callId) WHERE id = @Id",
            new { existing.Id, summary, details = details.ToJsonString(), at, callId }, transaction);
    }

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
            $"SELECT {LeadColumns} FROM leads WHERE tenant_id = @tenantId AND phone = @phone ORDER BY updated_at DESC",
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

    /// <summary>A page of the timeline, newest first, and the cursor of the next (older) page.</summary>
    public async Task<(IReadOnlyList<TimelineItem> Items, string? NextCursor)> ListAsync(string tenantId, string leadId, int limit, TimelineCursor? before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(
            $"""
            SELECT id, kind, at, updated_at, call_id, summary, details FROM timeline
            WHERE tenant_id = @tenantId AND lead_id = @leadId {(before is null ? "" : "AND (at < @At OR (at = @At AND id < @Id))")}
            ORDER BY at DESC, id DESC LIMIT @take
            """,
            new { tenantId, leadId, take = limit + 1, before?.At, before?.Id })).ToList();
        var items = rows.Take(limit).Select(r => new TimelineItem(r.Id, r.Kind, r.At, r.UpdatedAt ?? r.At, r.CallId, r.Summary,
            r.Details is null ? null : JsonDocument.Parse(r.Details).RootElement.Clone())).ToList();
        var next = rows.Count > limit ? new TimelineCursor(items[^1].At, items[^1].Id).Encode() : null;
        return (items, next);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public string? CallId { get; init; }
        public string Summary { get; init; } = "";
        public string? Details { get; init; }
    }
}

/// <summary>Where a timeline page ends: the (at, id) of its last entry, opaque to clients.</summary>
internal sealed record TimelineCursor(DateTimeOffset At, long Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}.{Id}")));

    public static bool TryDecode(string? text, out TimelineCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('.');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                cursor = new TimelineCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
