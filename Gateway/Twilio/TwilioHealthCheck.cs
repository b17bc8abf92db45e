using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Twilio in /readyz. Simulated: healthy, and says so. Live: the credential monitor's last verdict — verified is
/// healthy; rejected (or an inactive account) or not checked yet is unhealthy; Twilio unreachable is degraded
/// (iPhone calls still work, and Twilio may be back before the next check).
/// </summary>
internal sealed class TwilioHealthCheck(IOptions<TwilioOptions> options, TwilioCredentialMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.IsSimulated)
        {
            return Task.FromResult(HealthCheckResult.Healthy("simulated (no Twilio credentials configured)"));
        }
        var state = monitor.Current;
        var what = $"live, account {options.Value.AccountSid[..6]}…: {state.Detail}{(state.CheckedAt is { } at ? $" (checked {at:yyyy-MM-dd HH:mm:ss}Z)" : "")}";
        return Task.FromResult(state.Result switch
        {
            TwilioCredentialState.Verdict.Verified => HealthCheckResult.Healthy(what),
            TwilioCredentialState.Verdict.Unreachable => HealthCheckResult.Degraded(what),
            _ => HealthCheckResult.Unhealthy(what),
        });
    }
}
