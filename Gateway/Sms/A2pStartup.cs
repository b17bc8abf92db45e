namespace Softphone.Gateway.Sms;

/// <summary>At start (after Quartz): every polled tenant has its poll trigger; one never read is read at once.</summary>
internal sealed partial class A2pStartup(A2pPoller poller, Storage.Database database, TimeProvider timeProvider, ILogger<A2pStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in poller.PolledTenants)
        {
            var state = await A2pGate.ReadAsync(database, tenantId, cancellationToken);
            var now = timeProvider.GetUtcNow();
            await poller.PaceAsync(tenantId, state?.IsApproved == true, state?.NextCheckAt is { } next && next > now ? next : now, cancellationToken);
        }
        LogReady(poller.PolledTenants.Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "A2P polling scheduled for {Count} tenant(s)")]
    private partial void LogReady(int count);
}
