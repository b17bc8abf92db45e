using Dapper;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Tests;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Storage;

/// <summary>Requests never checkpoint the write-ahead log; the background worker does, and truncates it on shutdown.</summary>
[Slow]
public sealed class CheckpointTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-checkpoint-");

    [Fact]
    public async Task TheGatewaysConnections_DoNotCheckpoint_TheWorkerCopiesTheLogIntoTheFile_AndTruncatesItOnStop_ReleasingTheFile()
    {
        var path = _folder.File("gateway.db");
        var factory = new GatewayFactory(Softphone.Tests.FreePort.Next(), path, new Dictionary<string, string?> { ["Storage:CheckpointInterval"] = "00:00:00.100" });
        await using (factory)
        {
            factory.StartServer();
            await using (var connection = await factory.Services.GetRequiredService<Database>().OpenAsync())
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA wal_autocheckpoint;";
                Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
            }

            using var client = factory.Client();
            var fileBefore = new FileInfo(path).LastWriteTimeUtc;
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/dnc", new { phone = "+13125550311", reason = "checkpoint" })).StatusCode);
            // The commit went to the log; the worker then writes it into the database file itself.
            await Eventually.WaitAsync(() => Task.FromResult(new FileInfo(path).LastWriteTimeUtc > fileBefore), "a checkpoint into the database file");
        }

        // The stopped gateway closed the connections it pooled: this process holds no handle on its files any more.
        // Once finalizers have run: about once in 20 loaded runs a few handles were still open at this point and gone
        // after a GC with its finalizers (a native SQLite object released by its finalizer, not by a pooled
        // connection: the gateway's connections were all closed by then, counted in a scratch run). A pool left
        // uncleared holds its connections from a live object, which no GC closes: that is what this catches.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var open = Directory.GetFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget).Where(t => t?.StartsWith(path, StringComparison.Ordinal) == true).ToList();
        Assert.True(open.Count == 0, $"still open after the gateway stopped: {string.Join(", ", open)}");
        // No log file at all is as good as an empty one (the last connection to close may delete it as we look).
        long walBytes;
        try
        {
            walBytes = new FileInfo(path + "-wal").Length;
        }
        catch (FileNotFoundException)
        {
            walBytes = 0;
        }
        Assert.True(walBytes == 0, $"the WAL still holds {walBytes} bytes after a clean stop");
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM dnc WHERE e164 = '+13125550311'";
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task UnderSteadyPresses_TheLogStartsOverEveryTick_InsteadOfGrowingWithEveryPress()
    {
        var path = _folder.File("gateway.db");
        await using var factory = new GatewayFactory(Softphone.Tests.FreePort.Next(), path, new Dictionary<string, string?> { ["Storage:CheckpointInterval"] = "00:00:00.100" });
        factory.StartServer();
        var database = factory.Services.GetRequiredService<Database>();
        using var client = factory.Client();

        // Presses back to back, as a busy gateway takes them (each reads, then commits twice; the node probe and the
        // scheduler read meanwhile): a PASSIVE checkpoint alone is always overtaken by the next commit, so SQLite never
        // starts the log over, and it grew by every press's pages until the gateway stopped.
        long presses = 0, framesInLog = 0;
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/calls", new { leadId = $"lead-{i % 20}", to = $"+1312555{i:D4}", mode = "twilio-only" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            presses++;
            if (presses % 30 == 0)
            {
                await using var connection = await database.OpenAsync();
                // (busy, frames in the log, frames copied); a PASSIVE checkpoint blocks nobody.
                var row = await connection.QuerySingleAsync<(long Busy, long Log, long Copied)>("PRAGMA wal_checkpoint(PASSIVE)");
                framesInLog = Math.Max(framesInLog, row.Log);
            }
        }

        // A press writes ~30 pages (frames): without a restart the log holds them all (~9000 here); with one, what was
        // written since the last tick or two.
        Assert.True(framesInLog < presses * 5, $"the log held up to {framesInLog} frames after {presses} presses: it never started over");
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
