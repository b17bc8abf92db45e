using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Events;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Processes each Twilio webhook exactly once: in one SQLite transaction (shared with the webhooks that arrived
/// meanwhile, each in its own savepoint: <see cref="GroupCommit"/>) it checks the receipt, applies the handler's
/// effects and stores the receipt with the TwiML answered, then commits before the 2xx.
/// A retry (the same signed URL and parameters) gets the stored answer. A handler that fails stores
/// nothing and answers by <see cref="WebhookKind"/>: an apology where a caller waits, else a 5xx to retry.
/// </summary>
internal sealed partial class WebhookInbox(Database database, GroupCommit groupCommit, EventBroadcaster broadcaster, WebhookUrls urls, IOptions<VoiceOptions> voice,
    Forwarding.WebhookOutbox outbox, TimeProvider timeProvider, ILogger<WebhookInbox> logger)
{
    public async Task<IResult> ProcessAsync(HttpRequest request, string route, WebhookKind kind, Func<WebhookContext, Task<TwimlResponse>> handle)
    {
        try
        {
            return await ProcessAsync(request, route, handle);
        }
        catch (Exception exception) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogHandlerFailed(exception, route, kind);
            return kind == WebhookKind.CallerWaiting
                ? new TwimlResponse().Say(voice.Value.ErrorMessage, voice.Value.SayVoice).Hangup().ToResult()
                : TypedResults.Problem(statusCode: 503, title: "The callback could not be stored; retry",
                    extensions: new Dictionary<string, object?> { ["reason"] = "callback-not-stored" });
        }
    }

    private async Task<IResult> ProcessAsync(HttpRequest request, string route, Func<WebhookContext, Task<TwimlResponse>> handle)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        var key = Key(request, route, form);
        var now = timeProvider.GetUtcNow();
        // A retry is answered from its receipt (written once, never changed) without waiting for a write turn.
        await using (var reader = await database.OpenAsync(CancellationToken.None))
        {
            if (await reader.QuerySingleOrDefaultAsync<string>("SELECT response FROM webhook_receipts WHERE key = @key", new { key }) is { } answered)
            {
                LogDuplicate(route);
                return Results.Text(answered, TwimlResponse.ContentType, Encoding.UTF8);
            }
        }
        var baseUrl = urls.RequestBase(request);
        // Committed with the webhooks that arrived meanwhile, in one synced transaction, before anything is answered.
        // The effects are committed even if Twilio hangs up on us meanwhile: no client cancellation.
        var (twiml, duplicate, tenantId) = await groupCommit.RunAsync(async (connection, transaction) =>
        {
            // Checked again inside the transaction: the same webhook may have been stored since (even in this batch).
            var stored = await connection.QuerySingleOrDefaultAsync<string>("SELECT response FROM webhook_receipts WHERE key = @key", new { key }, transaction);
            if (stored is not null)
            {
                return (stored, true, (string?)null);
            }
            var context = new WebhookContext(connection, transaction, form, request.Query, now, baseUrl);
            var answer = (await handle(context)).ToString();
            await connection.ExecuteAsync(
                "INSERT INTO webhook_receipts (key, tenant_id, route, received_at, response) VALUES (@key, @tenant, @route, @now, @answer)",
                new { key, tenant = context.TenantId, route, now, answer }, transaction);
            if (outbox.Enabled)
            {
                // The downstream copy commits with the webhook itself; delivery happens later, never before Twilio's answer.
                await outbox.EnqueueAsync(connection, transaction, route, key, context.TenantId, Encode(form), now);
            }
            return (answer, false, context.TenantId);
        });
        if (duplicate)
        {
            LogDuplicate(route);
            return Results.Text(twiml, TwimlResponse.ContentType, Encoding.UTF8);
        }
        outbox.Wake();
        if (tenantId is not null)
        {
            broadcaster.Notify(tenantId);
        }
        return Results.Text(twiml, TwimlResponse.ContentType, Encoding.UTF8);
    }

    /// <summary>
    /// The receipt key covers exactly what the signature covers — the URL and each parameter's distinct values —
    /// so neither an unsigned header (such as I-Twilio-Idempotency-Token) nor a repeated parameter can make a
    /// replayed webhook look new. Twilio's own retries are identical, so they still match.
    /// </summary>
    private static string Key(HttpRequest request, string route, IFormCollection form)
    {
        var text = new StringBuilder(request.RawTarget(), 512);
        var fields = form.ToArray();
        Array.Sort(fields, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, values) in fields)
        {
            if (values.Count == 1)
            {
                text.Append('\n').Append(name).Append('=').Append(values[0]);
                continue;
            }
            foreach (var value in values.Select(v => v ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                text.Append('\n').Append(name).Append('=').Append(value);
            }
        }
        return $"{route}:sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))}";
    }

    private static string Encode(IFormCollection form) =>
        string.Join('&', form.SelectMany(f => f.Value.Select(v => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(v ?? "")}")));

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio webhook {Route} failed; nothing stored, answered as a {Kind}")]
    private partial void LogHandlerFailed(Exception exception, string route, WebhookKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio retried {Route}; answered from the stored receipt, nothing changed")]
    private partial void LogDuplicate(string route);
}
