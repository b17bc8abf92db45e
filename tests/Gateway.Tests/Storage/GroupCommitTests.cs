using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Storage;

/// <summary>Units queued behind a writer commit together, each in its own savepoint, and are answered only after the commit.</summary>
public sealed class GroupCommitTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-group-commit-");
    private readonly Database _database;
    private readonly GroupCommit _groupCommit;

    public GroupCommitTests()
    {
        _database = new Database(Options.Create(new StorageOptions { Path = "gateway.db", BusyTimeout = TimeSpan.FromSeconds(3) }),
            new HostingEnvironment { ContentRootPath = _folder.Path });
        _groupCommit = new GroupCommit(_database, NullLogger<GroupCommit>.Instance);
    }

    private async Task CreateTablesAsync()
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE items (id INTEGER PRIMARY KEY);
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
            """);
    }

    private async Task<long[]> StoredAsync()
    {
        await using var connection = await _database.OpenAsync();
        return [.. await connection.QueryAsync<long>("SELECT id FROM items ORDER BY id")];
    }

    private Task<System.Data.IDbTransaction> InsertAsync(long id) => _groupCommit.RunAsync(async (connection, transaction) =>
    {
        await connection.ExecuteAsync("INSERT INTO items (id) VALUES (@id)", new { id }, transaction);
        return transaction;
    });

    /// <summary>Holds the write turn until <paramref name="count"/> units wait behind it, so that they make one batch.</summary>
    private async Task<T[]> QueuedBehindAWriterAsync<T>(int count, Func<int, Task<T>> submit)
    {
        Task<T>[] units;
        using (await _database.TakeWriteTurnAsync(CancellationToken.None))
        {
            units = [.. Enumerable.Range(0, count).Select(submit)];
            Assert.Equal(count, _groupCommit.Waiting);
            Assert.All(units, unit => Assert.False(unit.IsCompleted));
        }
        return await Task.WhenAll(units);
    }

    [Fact]
    public async Task UnitsQueuedBehindAWriter_RunInOneTransaction_AndAreCommittedWhenTheirTasksEnd()
    {
        await CreateTablesAsync();

        var transactions = await QueuedBehindAWriterAsync(10, i => InsertAsync(i + 1));

        Assert.All(transactions, transaction => Assert.Same(transactions[0], transaction));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), await StoredAsync());
        Assert.Equal(0, _groupCommit.Waiting);
    }

    [Fact]
    public async Task MoreThanABatch_IsCommittedInSeveral_InOrder()
    {
        await CreateTablesAsync();
        var count = GroupCommit.MaxBatch + 5;

        var transactions = await QueuedBehindAWriterAsync(count, i => InsertAsync(i + 1));

        Assert.Equal(2, transactions.Distinct().Count());
        Assert.All(transactions[..GroupCommit.MaxBatch], transaction => Assert.Same(transactions[0], transaction));
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), await StoredAsync());
    }

    [Fact]
    public async Task AUnitThatThrows_IsRolledBackToItsSavepoint_AndTheOthersInItsBatchCommit()
    {
        await CreateTablesAsync();
        var failure = new InvalidOperationException("the handler failed halfway");
        Task<int> failing = null!;

        var results = await QueuedBehindAWriterAsync(3, i =>
        {
            if (i != 1)
            {
                return _groupCommit.RunAsync(async (connection, transaction) =>
                {
                    await connection.ExecuteAsync("INSERT INTO items (id) VALUES (@id)", new { id = i + 1 }, transaction);
                    return i;
                });
            }
            failing = _groupCommit.RunAsync<int>(async (connection, transaction) =>
            {
                await connection.ExecuteAsync("INSERT INTO items (id) VALUES (20), (21)", transaction: transaction);
                throw failure;
            });
            return failing.ContinueWith(_ => -1, TaskScheduler.Default);
        });

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => failing));
        Assert.Equal([0, -1, 2], results);
        Assert.Equal(new long[] { 1, 3 }, await StoredAsync());
    }

    [Fact]
    public async Task ACommitThatFails_FailsEveryUnitOfTheBatch_AndStoresNoneOfIt()
    {
        await CreateTablesAsync();
        Task<System.Data.IDbTransaction>[] units;
        Task<int> orphan;
        using (await _database.TakeWriteTurnAsync(CancellationToken.None))
        {
            units = [InsertAsync(1), InsertAsync(2)];
            // A deferred foreign key is only checked by COMMIT: the batch's commit fails after every unit ran.
            orphan = _groupCommit.RunAsync(async (connection, transaction) =>
                await connection.ExecuteAsync("INSERT INTO children (id, parent_id) VALUES (1, 99)", transaction: transaction));
        }

        var refused = await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT
        foreach (var unit in units)
        {
            Assert.Same(refused, await Assert.ThrowsAsync<SqliteException>(() => unit));
        }
        Assert.Empty(await StoredAsync());

        // The next batch starts afresh.
        await InsertAsync(7);
        Assert.Equal(new long[] { 7 }, await StoredAsync());
    }

    [Fact]
    public async Task AUnitRunsInItsCallersExecutionContext()
    {
        await CreateTablesAsync();
        var caller = new AsyncLocal<string>();

        var seen = await QueuedBehindAWriterAsync(3, i =>
        {
            caller.Value = $"caller {i}";
            return _groupCommit.RunAsync(async (connection, transaction) =>
            {
                var before = caller.Value;
                await connection.ExecuteAsync("INSERT INTO items (id) VALUES (@id)", new { id = i + 1 }, transaction);
                await Task.Yield();
                return $"{before} / {caller.Value}";
            });
        });

        Assert.Equal(["caller 0 / caller 0", "caller 1 / caller 1", "caller 2 / caller 2"], seen);
    }

    [Fact]
    public async Task AUnitAlone_IsCommittedAtOnce()
    {
        await CreateTablesAsync();

        await InsertAsync(5);
        await InsertAsync(6);

        Assert.Equal(new long[] { 5, 6 }, await StoredAsync());
        Assert.Equal(0, _groupCommit.Waiting);
    }

    public async ValueTask DisposeAsync()
    {
        _database.Dispose();
        await _folder.DisposeAsync();
    }
}
