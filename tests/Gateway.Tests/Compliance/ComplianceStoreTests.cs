using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Storage;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Compliance;

/// <summary>
/// The one-statement block check on the migrated schema: the reason given when a number is on several lists, that an
/// opt-in (opted_out = 0) does not block, and that another tenant's lists do not count.
/// </summary>
public sealed class ComplianceStoreTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);
    private readonly TestFolder _folder = new("gateway-compliance-store-");
    private readonly Database _database;

    public ComplianceStoreTests()
    {
        _database = new Database(Options.Create(new StorageOptions { Path = "gateway.db", BusyTimeout = TimeSpan.FromSeconds(3) }),
            new HostingEnvironment { ContentRootPath = _folder.Path });
    }

    private async Task<string?> BlockAsync(string tenantId, string e164)
    {
        await using var connection = await _database.OpenAsync();
        return await ComplianceStore.BlockAsync(connection, null, tenantId, e164);
    }

    private async Task WriteAsync(Func<Microsoft.Data.Sqlite.SqliteConnection, System.Data.IDbTransaction, Task> write)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await write(connection, transaction);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task Block_GivesDncFirst_ThenOptOut_ThenBadNumber_PerTenant()
    {
        await new Migrator(_database, TimeProvider.System, NullLogger<Migrator>.Instance).StartAsync(CancellationToken.None);
        const string number = "+13125550142";
        Assert.Null(await BlockAsync("t1", number));

        await WriteAsync((c, t) => ComplianceStore.MarkBadAsync(c, t, "t1", number, "call_1", "boss", Now));
        Assert.Equal("bad-number", await BlockAsync("t1", number));

        await WriteAsync((c, t) => ComplianceStore.SetOptOutAsync(c, t, "t1", number, true, "STOP", Now));
        Assert.Equal("opted-out", await BlockAsync("t1", number));

        await WriteAsync((c, t) => ComplianceStore.AddDncAsync(c, t, "t1", number, "asked", "boss", Now));
        Assert.Equal("do-not-call", await BlockAsync("t1", number));

        // An opt-in is stored as opted_out = 0 and no longer blocks; the number is still bad for t1 once off the DNC list.
        await WriteAsync((c, t) => ComplianceStore.SetOptOutAsync(c, t, "t1", number, false, "START", Now));
        Assert.Equal("do-not-call", await BlockAsync("t1", number));
        await WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c, "DELETE FROM dnc WHERE tenant_id = 't1'", transaction: t));
        Assert.Equal("bad-number", await BlockAsync("t1", number));

        // Another tenant, and another number of the same tenant, are not blocked by t1's lists.
        Assert.Null(await BlockAsync("t2", number));
        Assert.Null(await BlockAsync("t1", "+13125550143"));
    }

    public async ValueTask DisposeAsync()
    {
        _database.Dispose();
        await _folder.DisposeAsync();
    }
}
