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
        var snapshot = node.Snapshot();
        var state = snapshot.State;
        var report = snapshot.LastReport;
        return new NodeView(
            node.Node.NodeId,
            node.Node.AgentId,
            node.Node.Url.ToString(),
            state.Name,
            state.Reason,
            state.Since,
            snapshot.Circuit.ToString().ToLowerInvariant(),
            snapshot.LastHeartbeatAt,
            snapshot.LastProbeAt,
            snapshot.LastProbeOk,
            snapshot.LastRoundTrip is { } rtt ? Math.Round(rtt.TotalMilliseconds, 1) : null,
            snapshot.LastFailure,
            snapshot.LastFailureAt,
            report?.DialerReady,
            report?.Version,
            report?.UptimeSeconds,
            report?.LastDial,
            recent);
    }
}
