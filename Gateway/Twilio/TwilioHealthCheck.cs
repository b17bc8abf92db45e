using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>Says in /readyz whether Twilio is real or simulated.</summary>
internal sealed class TwilioHealthCheck(IOptions<TwilioOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(options.Value.IsSimulated
            ? HealthCheckResult.Healthy("simulated (no Twilio credentials configured)")
            : HealthCheckResult.Healthy($"live, account {options.Value.AccountSid[..6]}…"));
}
