using Dapper;
using Softphone.Gateway.Storage;
using Softphone.Shared.Calls;

namespace Softphone.Gateway.Routing;

internal sealed class CallModeStore(Database database)
{
    public async Task<CallMode> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var name = await connection.ExecuteScalarAsync<string>("SELECT call_mode FROM tenants WHERE id = @tenantId", new { tenantId });
        return CallModeNames.TryParse(name, out var mode) ? mode : CallMode.IphonePrimary;
    }

    public async Task SetAsync(string tenantId, CallMode mode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE tenants SET call_mode = @mode, updated_at = @now WHERE id = @tenantId", new { tenantId, mode = mode.ToName(), now });
    }
}
