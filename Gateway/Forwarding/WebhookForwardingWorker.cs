using System.Text;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Forwarding;

/// <summary>
/// Delivers the outbox: each copy is POSTed form-encoded, as Twilio sent it, with an <c>Idempotency-Key</c>
/// header (the webhook's receipt key, the same on every attempt) so the downstream can drop repeats. A 2xx
/// delivers it; anything else is retried with back-off and dead-lettered after the configured attempts.
/// </summary>
internal sealed partial class WebhookForwardingWorker(
    WebhookOutbox outbox,
    IHttpClientFactory clients,
    IOptions<ForwardingOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookForwardingWorker> logger) : BackgroundService
{
    public const string HttpClientName = "webhook-forwarding";

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(timeProvider.GetUtcNow(), 50, cancellationToken);
        var http = clients.CreateClient(HttpClientName);
        foreach (var item in due)
        {
            var target = options.Value.Targets.FirstOrDefault(t => t.Name == item.Target);
            if (target is null)
            {
                await outbox.FailedAsync(item with { Attempts = options.Value.MaxAttempts }, "target no longer configured", timeProvider.GetUtcNow(), cancellationToken);
                continue;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
            {
                Content = new StringContent(item.Body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("Idempotency-Key", item.IdempotencyKey);
            request.Headers.Add("X-Softphone-Webhook", item.Route);
            if (item.TenantId is not null)
            {
                request.Headers.Add("X-Softphone-Tenant", item.TenantId);
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.Value.RequestTimeout);
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    await outbox.DeliveredAsync(item.Id, timeProvider.GetUtcNow(), cancellationToken);
                    continue;
                }
                await FailAsync(item, $"answered {(int)response.StatusCode}", cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await FailAsync(item, exception is OperationCanceledException ? "timed out" : exception.Message, cancellationToken);
            }
        }
        return due.Count;
    }

    private async Task FailAsync(OutboxItem item, string error, CancellationToken cancellationToken)
    {
        await outbox.FailedAsync(item, error, timeProvider.GetUtcNow(), cancellationToken);
        if (item.Attempts + 1 >= options.Value.MaxAttempts)
        {
            LogDead(item.Route, item.Target, item.Attempts + 1, error);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!outbox.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
            }
            try
            {
                await outbox.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up forwarding a {Route} webhook to {Target} after {Attempts} attempts ({Error}); dead-lettered")]
    private partial void LogDead(string route, string target, long attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding round failed; continuing")]
    private partial void LogRoundFailed(Exception exception);
}
