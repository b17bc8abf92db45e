using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Storage;

/// <summary>
/// Copies the write-ahead log into the database file every <see cref="StorageOptions.CheckpointInterval"/>
/// (PASSIVE: it never waits for or blocks a writer), and truncates the log on shutdown. Connections opened by
/// <see cref="Database"/> do not checkpoint by themselves, so no request's commit pays for it.
/// </summary>
internal sealed partial class CheckpointWorker(Database database, IOptions<StorageOptions> options, TimeProvider timeProvider, ILogger<CheckpointWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync("PASSIVE", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CheckpointAsync("TRUNCATE", cancellationToken);
    }

    /// <summary>Runs one checkpoint; a failure is logged and the next tick tries again (the log only grows meanwhile).</summary>
    internal async Task CheckpointAsync(string mode, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (Exception error) when (error is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogCheckpointFailed(error, mode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint ({Mode}) failed; retried at the next interval")]
    private partial void LogCheckpointFailed(Exception exception, string mode);
}
