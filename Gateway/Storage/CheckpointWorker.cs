using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Storage;

/// <summary>
/// Copies the write-ahead log into the database file every <see cref="StorageOptions.CheckpointInterval"/> and
/// truncates the log on shutdown. Connections opened by <see cref="Database"/> do not checkpoint by themselves, so
/// no request's commit pays for it.
/// </summary>
/// <remarks>
/// Each tick is two steps. PASSIVE copies what it can without waiting for or blocking anyone. A PASSIVE checkpoint
/// never makes the log start over, though: SQLite restarts it only when a writer finds it fully copied and no
/// reader inside it, and under steady traffic the next commit always lands before the copy is complete — the log
/// grew by tens of pages per press, without bound, until a clean stop. So the second step, with this process's writers held in
/// their queue, is a RESTART checkpoint: it copies the few frames written since, waits (briefly, see
/// <see cref="RestartWait"/>) for the readers still inside the log, and lets the next writer start it over.
/// </remarks>
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
                using var turn = await database.TakeWriteTurnAsync(stoppingToken);
                await CheckpointAsync("RESTART", stoppingToken);
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

    /// <summary>
    /// How long a RESTART waits for readers still inside the log (SQLite's busy handler) while this process's writers
    /// queue; readers last a millisecond or two, and one that takes longer (a backup) only postpones the restart.
    /// </summary>
    internal static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs one checkpoint; a failure is logged and the next tick tries again (the log only grows meanwhile).</summary>
    internal async Task CheckpointAsync(string mode, CancellationToken cancellationToken)
    {
        try
        {
            // Its own connection (not pooled), so the short busy timeout never reaches a pooled one.
            var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString();
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            var wait = mode == "PASSIVE" ? 0 : (int)(mode == "RESTART" ? RestartWait : options.Value.BusyTimeout).TotalMilliseconds;
            command.CommandText = $"PRAGMA busy_timeout={wait}; PRAGMA wal_checkpoint({mode});";
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
