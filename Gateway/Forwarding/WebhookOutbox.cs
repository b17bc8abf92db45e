using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Forwarding;

/// <summary>
/// The durable outbox of webhook copies. <see cref="EnqueueAsync"/> runs inside the webhook's own transaction,
/// so a copy exists exactly when the webhook's effects and receipt do (a crash after Twilio's 2xx loses
/// nothing, and Twilio's retries, answered from the receipt, add nothing).
/// </summary>
internal sealed class WebhookOutbox(Database database, IOptions<ForwardingOptions> options)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public bool Enabled => options.Value.Targets.Count > 0;

    public async Task EnqueueAsync(IDbConnection connection, IDbTransaction transaction, string route, string key, string? tenantId, string body, DateTimeOffset now)
    {
        foreach (var target in options.Value.Targets.Where(t => t.Wants(route)))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO webhook_outbox (target, idempotency_key, tenant_id, route, body, status, attempts, next_attempt_at, created_at)
                VALUES (@target, @key, @tenantId, @route, @body, 'pending', 0, @now, @now)
                ON CONFLICT (target, idempotency_key) DO NOTHING
                """, new { target = target.Name, key, tenantId, route, body, now }, transaction);
        }
    }

    /// <summary>Called after the webhook's commit: the worker looks at once instead of at its next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OutboxItem>(
            """
            SELECT id AS Id, target AS Target, idempotency_key AS IdempotencyKey, tenant_id AS TenantId, route AS Route, body AS Body, attempts AS Attempts FROM webhook_outbox
            WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY id LIMIT @limit
            """, new { now, limit })).AsList();
    }

    public async Task DeliveredAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = @now, last_error = NULL WHERE id = @id", new { id, now });
    }

    /// <summary>Records a failed attempt: retried after the back-off, or dead-lettered once the attempts are spent.</summary>
    public async Task FailedAsync(OutboxItem item, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = (int)item.Attempts + 1;
        var backoff = TimeSpan.FromTicks(Math.Min(options.Value.MaxBackoff.Ticks, options.Value.InitialBackoff.Ticks * (1L << Math.Min(attempts - 1, 30))));
        var dead = attempts >= options.Value.MaxAttempts;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE webhook_outbox SET status = @status, attempts = @attempts, next_attempt_at = @next, last_error = @error WHERE id = @id",
            new { id = item.Id, status = dead ? "dead" : "pending", attempts, next = now + backoff, error });
    }

    /// <summary>Copies waiting and dead-lettered, for /readyz.</summary>
    public async Task<(long Pending, long Dead)> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long, long)>(
            "SELECT COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'dead'), 0) FROM webhook_outbox");
        return counts;
    }
}
