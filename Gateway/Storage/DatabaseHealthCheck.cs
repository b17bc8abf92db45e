using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Softphone.Gateway.Storage;

/// <summary>Ready when migrations have run and the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(Database database, Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed)
        {
            return HealthCheckResult.Unhealthy("migrations not applied yet");
        }
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_migrations");
            return HealthCheckResult.Healthy($"sqlite, schema version {version}");
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return HealthCheckResult.Unhealthy("database unavailable", exception);
        }
    }
}
