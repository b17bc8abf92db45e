namespace Softphone.Gateway.Routing;

/// <summary>At start, gives every press a crash interrupted its one outcome (see <see cref="CallStore.ResolveAbandonedAsync"/>).</summary>
internal sealed partial class CallRecovery(CallStore calls, TimeProvider timeProvider, ILogger<CallRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = await calls.ResolveAbandonedAsync(null, null, CallReasons.GatewayRestarted, timeProvider.GetUtcNow(), cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} presses were interrupted by a restart; marked unconfirmed or not placed")]
    private partial void LogRecovered(int count);
}
