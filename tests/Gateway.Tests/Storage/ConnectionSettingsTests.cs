using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Storage;

public sealed class ConnectionSettingsTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-connection-");

    [Fact]
    public async Task EveryOpen_HasTheSettings_AndACommitWithoutSyncNeverLeavesAPooledConnectionRelaxed()
    {
        using var database = new Database(Options.Create(new StorageOptions { Path = "gateway.db", BusyTimeout = TimeSpan.FromSeconds(3) }),
            new HostingEnvironment { ContentRootPath = _folder.Path });
        var unitOfWork = new UnitOfWork(database, TimeProvider.System);

        SQLitePCL.sqlite3? first;
        await using (var connection = await database.OpenAsync())
        {
            first = connection.Handle;
            await AssertSettingsAsync(connection, synchronous: 2);
        }
        SQLitePCL.sqlite3? relaxedHandle = null;
        await unitOfWork.RunSyncedLaterAsync(async (connection, transaction) =>
        {
            relaxedHandle = connection.Handle;
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: transaction));
        }, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            await using var connection = await database.OpenAsync();
            // The pool hands back the same native connection: what it was set to is what is checked.
            Assert.Same(first, connection.Handle);
            Assert.Same(relaxedHandle, connection.Handle);
            await AssertSettingsAsync(connection, synchronous: 2);
        }
    }

    [Fact]
    public async Task TheJobStoresConnections_HaveTheSameSettings_FromTheirFirstOpen()
    {
        using var database = new Database(Options.Create(new StorageOptions { Path = "quartz.db", BusyTimeout = TimeSpan.FromSeconds(3) }),
            new HostingEnvironment { ContentRootPath = _folder.Path });
        var source = database.DataSource();

        // The first connection to this file: nothing the gateway opened has set it up before.
        await using (var connection = (SqliteConnection)await source.OpenConnectionAsync())
        {
            await AssertSettingsAsync(connection, synchronous: 2);
        }
        // Quartz's own way: a connection it creates and opens itself.
        await using (var connection = (SqliteConnection)source.CreateConnection())
        {
            await connection.OpenAsync();
            await AssertSettingsAsync(connection, synchronous: 2);
        }
    }

    private static async Task AssertSettingsAsync(SqliteConnection connection, long synchronous)
    {
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(synchronous, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(3000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
        Assert.Equal(Database.JournalSizeLimit, await connection.ExecuteScalarAsync<long>("PRAGMA journal_size_limit"));
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
