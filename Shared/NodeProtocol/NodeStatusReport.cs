namespace Softphone.Shared.NodeProtocol;

/// <summary>
/// What a node says about itself: the body of its <c>GET /health</c> answer and of the heartbeats it
/// pushes to the gateway (<c>POST /api/node/heartbeat</c>).
/// </summary>
/// <param name="NodeId">The node's id, as configured on both sides.</param>
/// <param name="Version">The agent's version.</param>
/// <param name="UptimeSeconds">Seconds since the agent started.</param>
/// <param name="DialerReady">Whether the dialer can place a call now.</param>
/// <param name="Dialer">Which dialer runs (<c>command</c>, <c>dry-run</c>).</param>
/// <param name="LastDial">The most recent dial, if any.</param>
public sealed record NodeStatusReport(
    string NodeId,
    string Version,
    long UptimeSeconds,
    bool DialerReady,
    string Dialer,
    LastDialReport? LastDial);
