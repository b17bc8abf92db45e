using System.Data;
using Microsoft.Data.Sqlite;

namespace Softphone.Gateway.Storage;

/// <summary>
/// Runs one write transaction across features (each passes its own store's SQL the connection and
/// transaction), retried a few times while another writer holds the database (SQLITE_BUSY after the
/// busy timeout). Either all of it is committed or none of it.
/// </summary>
internal sealed class UnitOfWork(Database database, TimeProvider timeProvider)
{
    private const int Attempts = 3;

    public Task RunAsync(Func<SqliteConnection, IDbTransaction, Task> work, CancellationToken cancellationToken) =>
        RunAsync(work, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(Func{SqliteConnection, IDbTransaction, Task}, CancellationToken)"/>, committed without
    /// waiting for the disk: it survives a crash of this process at once, and a power cut once the next synced
    /// commit returns (the WAL is written in order, so that fsync covers it). For a step that is followed by a synced
    /// commit before anything is answered, and whose loss on a power cut a retry repairs (the press's first write:
    /// the node's own ledger refuses a second dial of the call id, and a Twilio call is preceded by a synced stage).
    /// </summary>
    public Task RunSyncedLaterAsync(Func<SqliteConnection, IDbTransaction, Task> work, CancellationToken cancellationToken) =>
        RunAsync(work, null, syncOnCommit: false, cancellationToken);

    public Task RunAsync(Func<SqliteConnection, IDbTransaction, Task> work, Func<System.Data.Common.DbTransaction, IDisposable>? enlist, CancellationToken cancellationToken) =>
        RunAsync(work, enlist, syncOnCommit: true, cancellationToken);

    /// <summary>
    /// As above, with a library enlisted in the same transaction (Quartz's job store: a follow-up and its trigger
    /// commit together or not at all). <paramref name="enlist"/> is called on each attempt's transaction, and what it
    /// returns is disposed after the commit, so the library learns of its changes once they are visible.
    /// </summary>
    private async Task RunAsync(Func<SqliteConnection, IDbTransaction, Task> work, Func<System.Data.Common.DbTransaction, IDisposable>? enlist, bool syncOnCommit,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var turn = await database.TakeWriteTurnAsync(cancellationToken);
                await using var connection = await database.OpenAsync(cancellationToken);
                if (!syncOnCommit)
                {
                    // Per connection; its next open from the pool sets FULL again, so a pooled connection never keeps this.
                    await database.RelaxSyncAsync(connection, cancellationToken);
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                using (var enlistment = enlist?.Invoke(transaction))
                {
                    await work(connection, transaction);
                    await transaction.CommitAsync(cancellationToken);
                }
                return;
            }
            catch (SqliteException busy) when (busy.SqliteErrorCode is 5 or 6 && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), timeProvider, cancellationToken);
            }
        }
    }
}
