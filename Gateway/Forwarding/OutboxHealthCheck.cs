using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Softphone.Gateway.Forwarding;

/// <summary>/readyz: webhook copies waiting and dead-lettered (dead ones make it degraded: someone should look).</summary>
internal sealed class OutboxHealthCheck(WebhookOutbox outbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!outbox.Enabled)
        {
            return HealthCheckResult.Healthy("no forwarding targets configured");
        }
        var (pending, dead) = await outbox.CountsAsync(cancellationToken);
        var description = $"{pending} pending, {dead} dead-lettered";
        return dead > 0 ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
    }
}
