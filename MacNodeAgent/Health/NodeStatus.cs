using System.Reflection;
using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Dialing;
using Softphone.MacNodeAgent.Hosting;
using Softphone.Shared.NodeProtocol;

namespace Softphone.MacNodeAgent.Health;

/// <summary>What the agent says about itself, in <c>GET /health</c> and in heartbeats.</summary>
internal sealed class NodeStatus(IOptions<AgentOptions> options, IDialer dialer, DialService dials, TimeProvider timeProvider)
{
    private static readonly string Version =
        typeof(NodeStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly long _started = timeProvider.GetTimestamp();

    public NodeStatusReport Report() => new(
        options.Value.NodeId,
        Version,
        (long)timeProvider.GetElapsedTime(_started).TotalSeconds,
        dialer.IsReady,
        dialer.Name,
        dials.LastDial);
}
