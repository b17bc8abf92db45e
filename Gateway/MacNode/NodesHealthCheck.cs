using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// Mac nodes in /readyz: each node's state with its reason and since when ("acme/alice-mac up; demo/boss-mac down
/// (no-tunnel) since …"). A node that is down leaves the gateway ready (presses fall back to Twilio), so any node
/// down is <c>degraded</c>, all up (or none configured) is <c>healthy</c>.
/// </summary>
internal sealed class NodesHealthCheck(NodeRegistry registry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var nodes = registry.All.OrderBy(n => n.Node.TenantId, StringComparer.Ordinal).ThenBy(n => n.Node.NodeId, StringComparer.Ordinal).ToList();
        if (nodes.Count == 0)
        {
            return HealthCheckResult.Healthy("no Mac nodes configured");
        }
        var parts = new List<string>(nodes.Count);
        var down = 0;
        foreach (var node in nodes)
        {
            var state = await registry.RefreshAsync(node, cancellationToken);
            parts.Add(state.IsUp
                ? $"{node.Node.TenantId}/{node.Node.NodeId} up"
                : $"{node.Node.TenantId}/{node.Node.NodeId} down ({state.Reason}) since {state.Since:yyyy-MM-dd HH:mm:ss}Z");
            down += state.IsUp ? 0 : 1;
        }
        var description = string.Join("; ", parts);
        return down == 0 ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description);
    }
}
