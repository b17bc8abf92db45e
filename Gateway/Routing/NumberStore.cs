using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Routing;

internal sealed class NumberStore(Database database)
{
    public async Task<IReadOnlyList<OwnedNumber>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OwnedNumber>(
            "SELECT e164, state, is_default FROM numbers WHERE tenant_id = @tenantId ORDER BY e164",
            new { tenantId });
        return rows.AsList();
    }
}
