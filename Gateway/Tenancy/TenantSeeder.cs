using Dapper;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Storage;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Tenancy;

/// <summary>
/// Brings the configured tenants and their numbers into the database at start (after migrations).
/// Configuration seeds: a call mode or default number changed at run time is kept across restarts.
/// </summary>
internal sealed partial class TenantSeeder(Database database, IOptions<TenantsOptions> tenants, TimeProvider timeProvider, ILogger<TenantSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (tenantId, tenant) in tenants.Value)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO tenants (id, name, call_mode, created_at, updated_at) VALUES (@tenantId, @name, @mode, @now, @now)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name
                """,
                new { tenantId, name = tenant.Name, mode = tenant.CallMode.Trim().ToLowerInvariant(), now }, transaction);

            var hasDefault = await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM numbers WHERE tenant_id = @tenantId AND is_default = 1)", new { tenantId }, transaction);
            foreach (var number in tenant.Numbers)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO numbers (tenant_id, e164, state, is_default, created_at, sms_enabled) VALUES (@tenantId, @e164, @state, @isDefault, @now, @sms)
                    ON CONFLICT (tenant_id, e164) DO UPDATE SET state = excluded.state, sms_enabled = excluded.sms_enabled
                    """,
                    new { tenantId, e164 = E164Number.Parse(number.Number).Value, state = number.State?.ToUpperInvariant(), isDefault = number.Default && !hasDefault, now, sms = number.Sms },
                    transaction);
            }
            LogSeeded(tenantId, tenant.Agents.Count, tenant.Nodes.Count, tenant.Numbers.Count);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Agents} agents, {Nodes} Mac nodes, {Numbers} numbers")]
    private partial void LogSeeded(string tenantId, int agents, int nodes, int numbers);
}
