using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>What the last credential check found (live Twilio only).</summary>
internal sealed record TwilioCredentialState(TwilioCredentialState.Verdict Result, string Detail, DateTimeOffset? CheckedAt)
{
    public enum Verdict
    {
        NotCheckedYet,
        Verified,
        Rejected,
        Unreachable,
    }
}

/// <summary>
/// Live Twilio: proves the configured credentials with a cheap authenticated GET of the account at start and
/// every <see cref="TwilioOptions.CredentialCheckInterval"/> (within 30 s after a failure), and keeps the last
/// verdict for <c>/readyz</c>, which therefore never waits on Twilio. Simulated Twilio: does nothing.
/// </summary>
internal sealed partial class TwilioCredentialMonitor(IServiceProvider services, IOptions<TwilioOptions> options, IHostEnvironment environment,
    TimeProvider timeProvider, ILogger<TwilioCredentialMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    public TwilioCredentialState Current { get; private set; } = new(TwilioCredentialState.Verdict.NotCheckedYet, "not checked yet", null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsSimulated)
        {
            return;
        }
        if (!environment.IsDevelopment() && options.Value.PublicBaseUrl.Length == 0)
        {
            LogNoPublicBaseUrl();
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            Current = await CheckAsync(stoppingToken);
            var wait = Current.Result == TwilioCredentialState.Verdict.Verified
                ? options.Value.CredentialCheckInterval
                : TimeSpan.FromTicks(Math.Min(options.Value.CredentialCheckInterval.Ticks, RetryAfterFailure.Ticks));
            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<TwilioCredentialState> CheckAsync(CancellationToken stoppingToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.RequestTimeout);
            var status = await services.GetRequiredService<ITwilioApi>().GetAccountStatusAsync(timeout.Token);
            if (status != "active")
            {
                LogInactive(status);
                return new(TwilioCredentialState.Verdict.Rejected, $"the account is {status}", now);
            }
            return new(TwilioCredentialState.Verdict.Verified, "credentials verified", now);
        }
        catch (TwilioApiException error) when (error.Status is 401 or 403 or 404)
        {
            LogRejected(error.Status, error.Code, error.TwilioMessage);
            return new(TwilioCredentialState.Verdict.Rejected, $"Twilio rejected the credentials ({error.Status}, {error.Code}: {error.TwilioMessage})", now);
        }
        catch (Exception error) when (error is TwilioApiException or TwilioUnreachableException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            LogUnreachable(error.Message);
            return new(TwilioCredentialState.Verdict.Unreachable, $"Twilio could not be asked ({error.Message})", now);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio rejected the configured credentials ({Status}, {Code}: {TwilioMessage}); calls and texts through Twilio will fail")]
    private partial void LogRejected(int status, int code, string twilioMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio:PublicBaseUrl is empty: webhook signatures are checked against the URL each request arrived on "
        + "(behind a proxy that is right only with Gateway:TrustedProxies set) and numbers get webhooks built from the request that configures them. "
        + "Set it to the https:// address Twilio reaches this gateway on")]
    private partial void LogNoPublicBaseUrl();

    [LoggerMessage(Level = LogLevel.Error, Message = "The Twilio account is {Status}; calls and texts through Twilio will fail")]
    private partial void LogInactive(string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not verify the Twilio credentials: {Error}; retrying")]
    private partial void LogUnreachable(string error);
}
