using System.Globalization;
using Dapper;

namespace Softphone.Gateway.Storage;

/// <summary>
/// Applies the numbered SQL files under <c>Storage/Migrations</c> (embedded) in order, each in its own
/// transaction, before Kestrel serves (hosted services start first).
/// </summary>
internal sealed partial class Migrator(Database database, TimeProvider timeProvider, ILogger<Migrator> logger) : IHostedService
{
    public bool Completed { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToHashSet();

        foreach (var (version, name, sql) in LoadMigrations())
        {
            if (applied.Contains(version))
            {
                continue;
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = timeProvider.GetUtcNow() }, transaction);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(version, name);
        }

        Completed = true;
        LogReady(database.FilePath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<(long Version, string Name, string Sql)> LoadMigrations()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "Softphone.Gateway.Storage.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                var name = resource[prefix.Length..^4];
                var version = long.Parse(name.Split('_')[0], CultureInfo.InvariantCulture);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                return (version, name, reader.ReadToEnd());
            })
            .OrderBy(m => m.version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private partial void LogApplied(long version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready at {Path}")]
    private partial void LogReady(string path);
}
