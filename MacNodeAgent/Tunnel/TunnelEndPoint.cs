using System.Net;

namespace Softphone.MacNodeAgent.Tunnel;

/// <summary>Where Kestrel "listens" in tunnel mode: the gateway's <c>/nodes/tunnel</c> URL the agent dials out to.</summary>
internal sealed class TunnelEndPoint(Uri uri) : EndPoint
{
    public Uri Uri { get; } = uri;

    public override string ToString() => Uri.ToString();
}
