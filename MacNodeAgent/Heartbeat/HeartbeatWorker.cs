using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Health;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.MacNodeAgent.Heartbeat;

/// <summary>
/// Pushes a signed heartbeat to the gateway every <see cref="AgentOptions.HeartbeatInterval"/>; while the
/// gateway does not answer, the pause doubles up to <see cref="AgentOptions.HeartbeatMaxBackoff"/>.
/// </summary>
internal sealed partial class HeartbeatWorker(
    GatewayClient gateway,
    NodeStatus status,
    IOptions<AgentOptions> options,
    TimeProvider timeProvider,
    ILogger<HeartbeatWorker> logger) : BackgroundService
{
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Sends one heartbeat; returns the pause before the next.</summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await gateway.SendHeartbeatAsync(status.Report(), cancellationToken).ConfigureAwait(false);
            if (ConsecutiveFailures > 0)
            {
                LogRecovered(ConsecutiveFailures);
            }
            ConsecutiveFailures = 0;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ConsecutiveFailures++;
            if (ConsecutiveFailures == 1 || ConsecutiveFailures % 10 == 0)
            {
                LogUnreachable(ConsecutiveFailures, exception.Message);
            }
        }
        return NextDelay();
    }

    internal TimeSpan NextDelay()
    {
        var interval = options.Value.HeartbeatInterval;
        if (ConsecutiveFailures == 0)
        {
            return interval;
        }
        var factor = Math.Pow(2, Math.Min(ConsecutiveFailures, 16));
        var backoff = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, options.Value.HeartbeatMaxBackoff.Ticks));
        return backoff < interval ? interval : backoff;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
                delay = options.Value.HeartbeatInterval;
            }
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway unreachable ({Failures} heartbeats in a row): {Error}; backing off")]
    private partial void LogUnreachable(int failures, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway reachable again after {Failures} failed heartbeats")]
    private partial void LogRecovered(int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Heartbeat loop failed; continuing")]
    private partial void LogFailed(Exception exception);
}
