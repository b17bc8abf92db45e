namespace Softphone.Gateway.Twilio;

/// <summary>Runs the simulated Twilio's callback sequences (each on its own, as Twilio's would overlap).</summary>
internal sealed partial class SimulatedTwilioWorker(SimulatedTwilio simulated, Microsoft.Extensions.Options.IOptions<TwilioOptions> options, ILogger<SimulatedTwilioWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsSimulated)
        {
            LogSimulatedMode();
        }
        else
        {
            LogLiveMode(options.Value.AccountSid[..6]);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio is SIMULATED: no Twilio:AccountSid configured. Calls, messages and callbacks are simulated through the real signed webhook path")]
    private partial void LogSimulatedMode();

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio is live (account {AccountPrefix}…); nothing is simulated")]
    private partial void LogLiveMode(string accountPrefix);

    [LoggerMessage(Level = LogLevel.Error, Message = "A simulated Twilio sequence failed")]
    private partial void LogFailed(Exception exception);
}
