using System.Data;
using Microsoft.Data.Sqlite;

namespace Softphone.Gateway.Storage;

/// <summary>
/// Group commit: units of work that arrive while another writer holds the database are run together, one after
/// another in one transaction, each inside its own savepoint, and made durable by one synced commit. Each caller's
/// task completes only after that commit, so whatever it answers is on disk first, as with a transaction of its own.
/// </summary>
/// <remarks>
/// <para>SQLite lets one writer in at a time and every synced commit waits for the disk (an fsync). Under a burst of
/// webhooks, a transaction each meant one fsync each, one after another, and the callers queued for their turn. Here
/// the first caller starts a drain loop; each pass takes the write turn (<see cref="Database.TakeWriteTurnAsync"/>,
/// shared with every other writer of this process), takes everything queued by then (up to <see cref="MaxBatch"/>),
/// and commits it at once. Those that arrive meanwhile form the next batch.</para>
/// <para>A unit that throws is rolled back to its savepoint and its caller gets the exception; the others still
/// commit. If the commit itself fails, every caller in the batch gets that failure, and nothing of the batch is
/// stored. A unit must only use the connection and transaction it is given (and must not take a write turn: it
/// runs inside one). Each unit runs in its caller's execution context (log scopes, activity).</para>
/// </remarks>
internal sealed partial class GroupCommit(Database database, ILogger<GroupCommit> logger)
{
    /// <summary>The most units committed together: bounds how long the first of them waits for the last.</summary>
    internal const int MaxBatch = 64;

    private readonly Lock _gate = new();
    private readonly Queue<Unit> _queue = new();
    private bool _draining;

    /// <summary>How many units wait for a batch (not counting the one being committed).</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; completes once the batch is committed to disk.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work)
    {
        var unit = new Unit<T>(work);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(unit);
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            // Not on the caller's own flow: its continuation must not wait for batches queued after its own.
            _ = Task.Run(DrainAsync);
        }
        return unit.Task;
    }

    private async Task DrainAsync()
    {
        var batch = new List<Unit>(MaxBatch);
        while (true)
        {
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }
            using (await database.TakeWriteTurnAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // Taken once the turn is ours: what arrived while waiting for it joins this batch.
                lock (_gate)
                {
                    while (batch.Count < MaxBatch && _queue.TryDequeue(out var unit))
                    {
                        batch.Add(unit);
                    }
                }
                await CommitAsync(batch).ConfigureAwait(false);
            }
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Unit> batch)
    {
        var ran = new List<Unit>(batch.Count);
        try
        {
            await using var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var unit in batch)
            {
                transaction.Save(Savepoint);
                try
                {
                    await unit.RunAsync(connection, transaction).ConfigureAwait(false);
                }
                catch (Exception failure)
                {
                    // Its own writes are undone; if the transaction itself is gone, the catch below fails the batch.
                    transaction.Rollback(Savepoint);
                    transaction.Release(Savepoint);
                    unit.Fail(failure);
                    continue;
                }
                transaction.Release(Savepoint);
                ran.Add(unit);
            }
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            LogBatchFailed(failure, batch.Count);
            foreach (var unit in batch)
            {
                unit.Fail(failure);
            }
            return;
        }
        if (batch.Count > 1)
        {
            LogBatch(batch.Count);
        }
        foreach (var unit in ran)
        {
            unit.Complete();
        }
    }

    private const string Savepoint = "unit";

    private abstract class Unit
    {
        public abstract Task RunAsync(SqliteConnection connection, IDbTransaction transaction);

        public abstract void Complete();

        /// <summary>Fails the caller's task; does nothing if it already ended (a unit that threw, then its batch).</summary>
        public abstract void Fail(Exception failure);
    }

    private sealed class Unit<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work) : Unit
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync(SqliteConnection connection, IDbTransaction transaction)
        {
            Task<T>? started = null;
            if (_context is null)
            {
                started = work(connection, transaction);
            }
            else
            {
                // Started inside the caller's context, so the unit's own awaits continue in it too.
                ExecutionContext.Run(_context, _ => started = work(connection, transaction), null);
            }
            _result = await started!.ConfigureAwait(false);
        }

        public override void Complete() => _done.TrySetResult(_result);

        public override void Fail(Exception failure) => _done.TrySetException(failure);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Group commit: {Count} units in one transaction")]
    private partial void LogBatch(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Count} units failed; none of them was stored")]
    private partial void LogBatchFailed(Exception exception, int count);
}
