using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Storage;

/// <summary>Requests never checkpoint the write-ahead log; the background worker does, and truncates it on shutdown.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-checkpoint-").FullName;

    [Fact]
    public async Task TheGatewaysConnections_DoNotCheckpoint_TheWorkerCopiesTheLogIntoTheFile_AndTruncatesItOnStop()
    {
        var path = Path.Combine(_folder, "gateway.db");
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

        var wal = new FileInfo(path + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0, $"the WAL still holds {wal.Length} bytes after a clean stop");
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM dnc WHERE e164 = '+13125550311'";
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
