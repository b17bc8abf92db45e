using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// A database file on which the gateway's own <see cref="Migrator"/> has applied every migration, made once per test
/// process; an in-process gateway whose file does not exist yet starts from a copy of it (<see cref="GatewayFactory"/>).
/// </summary>
/// <remarks>
/// Only the schema is in it: no host ever ran on it, so it holds no tenant rows, scheduled triggers or receipts, and
/// every gateway still seeds its tenants and schedules its jobs at its own start. A copy saves each of the ~150
/// in-process host starts its seven migration transactions (75-82 ms of CPU per warm start against 53-55 ms, and
/// 69-70 ms of wall clock against 37-43 ms, measured with a scratch loop of 20 starts each). Migrations on a fresh file
/// are still run by this template, by every gateway process the process tests start, and in-process by the tests
/// that ask for a fresh file (<c>DurabilityTests</c>, which also checks they run once).
/// </remarks>
internal static class MigratedTemplate
{
    private static readonly Lazy<string> File = new(() => Task.Run(CreateAsync).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the template to <paramref name="path"/> unless a file is there already (a restarted gateway's).</summary>
    public static void CopyUnlessPresent(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            System.IO.File.Copy(File.Value, path);
        }
    }

    private static async Task<string> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gateway-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary directory: nothing holds it once the process is gone.
            }
        };
        using (var database = new Database(Options.Create(new StorageOptions { Path = "template.db" }), new HostingEnvironment { ContentRootPath = folder }))
        {
            await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).StartAsync(CancellationToken.None);
        }
        var path = Path.Combine(folder, "template.db");
        // Disposing the database closed its pooled connections; the last one to close copies the write-ahead log into the
        // file and removes it, so the one file is the whole database.
        if (System.IO.File.Exists(path + "-wal"))
        {
            throw new InvalidOperationException($"the migrated template still has a write-ahead log: {path}-wal");
        }
        return path;
    }
}
