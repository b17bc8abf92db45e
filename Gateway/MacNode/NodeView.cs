using Softphone.Shared.NodeProtocol;

namespace Softphone.Gateway.MacNode;

/// <summary>One node in <c>GET /api/nodes</c>.</summary>
internal sealed record NodeView(
    string NodeId,
    string? AgentId,
    string Url,
    string State,
    string Reason,
    DateTimeOffset Since,
    string Circuit,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? LastProbeAt,
    bool? LastProbeOk,
    double? RoundTripMs,
    string? LastFailure,
    DateTimeOffset? LastFailureAt,
    bool? DialerReady,
    string? Version,
    long? UptimeSeconds,
    LastDialReport? LastDial,
    IReadOnlyList<NodeTransition> RecentTransitions)
{
    public static NodeView From(NodeHealth node, IReadOnlyList<NodeTransition> recent)
    {
        var state = node.State;
        var report = node.LastReport;
        return new NodeView(
            node.Node.NodeId,
            node.Node.AgentId,
            node.Node.Url.ToString(),
            state.Name,
            state.Reason,
            state.Since,
            node.Circuit.ToString().ToLowerInvariant(),
            node.LastHeartbeatAt,
            node.LastProbeAt,
            node.LastProbeOk,
            node.LastRoundTrip is { } rtt ? Math.Round(rtt.TotalMilliseconds, 1) : null,
            node.LastFailure,
            node.LastFailureAt,
            report?.DialerReady,
            report?.Version,
            report?.UptimeSeconds,
            report?.LastDial,
            recent);
    }
}
