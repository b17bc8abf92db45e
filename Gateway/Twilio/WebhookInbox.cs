using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http.Features;
using Softphone.Gateway.Events;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Processes each Twilio webhook exactly once: in one SQLite transaction it checks the receipt, applies
/// the handler's effects and stores the receipt with the TwiML answered, then commits before the 2xx.
/// A retry (same <c>I-Twilio-Idempotency-Token</c>, or the same URL and parameters) gets the stored answer.
/// </summary>
internal sealed partial class WebhookInbox(Database database, EventBroadcaster broadcaster, WebhookUrls urls, TimeProvider timeProvider, ILogger<WebhookInbox> logger)
{
    public async Task<IResult> ProcessAsync(HttpRequest request, string route, Func<WebhookContext, Task<TwimlResponse>> handle)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        var key = Key(request, route, form);
        var now = timeProvider.GetUtcNow();
        // The effects are committed even if Twilio hangs up on us meanwhile: no client cancellation.
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        var stored = await connection.QuerySingleOrDefaultAsync<string>("SELECT response FROM webhook_receipts WHERE key = @key", new { key }, transaction);
        if (stored is not null)
        {
            LogDuplicate(route);
            return Results.Text(stored, TwimlResponse.ContentType, Encoding.UTF8);
        }

        var context = new WebhookContext(connection, transaction, form, request.Query, now, urls.RequestBase(request));
        var twiml = (await handle(context)).ToString();
        await connection.ExecuteAsync(
            "INSERT INTO webhook_receipts (key, tenant_id, route, received_at, response) VALUES (@key, @tenant, @route, @now, @twiml)",
            new { key, tenant = context.TenantId, route, now, twiml }, transaction);
        transaction.Commit();
        if (context.TenantId is not null)
        {
            broadcaster.Notify(context.TenantId);
        }
        return Results.Text(twiml, TwimlResponse.ContentType, Encoding.UTF8);
    }

    private static string Key(HttpRequest request, string route, IFormCollection form)
    {
        var token = request.Headers["I-Twilio-Idempotency-Token"].ToString();
        if (token.Length > 0)
        {
            return $"{route}:token:{token}";
        }
        var text = new StringBuilder(request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.ToString());
        foreach (var field in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(field.Key).Append('=').Append(string.Join('\u001f', field.Value.ToArray()));
        }
        return $"{route}:sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio retried {Route}; answered from the stored receipt, nothing changed")]
    private partial void LogDuplicate(string route);
}
