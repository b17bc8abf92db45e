namespace Softphone.Gateway.Twilio;

/// <summary>Runs the simulated Twilio's callback sequences (each on its own, as Twilio's would overlap).</summary>
internal sealed partial class SimulatedTwilioWorker(SimulatedTwilio simulated, ILogger<SimulatedTwilioWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in simulated.Work.ReadAllAsync(stoppingToken))
            {
                _ = RunAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A simulated Twilio sequence failed")]
    private partial void LogFailed(Exception exception);
}
