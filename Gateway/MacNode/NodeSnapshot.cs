using Polly.CircuitBreaker;
using Softphone.Shared.NodeProtocol;

namespace Softphone.Gateway.MacNode;

/// <summary>A consistent reading of one node's state and signals (see <see cref="NodeHealth.Snapshot"/>).</summary>
internal sealed record NodeSnapshot(
    NodeState State,
    CircuitState Circuit,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? LastProbeAt,
    bool? LastProbeOk,
    TimeSpan? LastRoundTrip,
    string? LastFailure,
    DateTimeOffset? LastFailureAt,
    NodeStatusReport? LastReport);
