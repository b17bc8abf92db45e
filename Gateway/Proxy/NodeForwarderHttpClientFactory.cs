using Microsoft.Extensions.Options;
using Softphone.Gateway.MacNode;
using Softphone.Shared.Signing;
using Yarp.ReverseProxy.Forwarder;

namespace Softphone.Gateway.Proxy;

/// <summary>
/// YARP's clients, able to reach Mac nodes like the gateway's own node client: tunnelled nodes through the
/// tunnel pool's connect callback (other hosts over TCP), requests carrying node credentials signed, and the
/// node's answers checked for its signature (an unsigned answer becomes a 502, never reaches the CRM).
/// </summary>
internal sealed class NodeForwarderHttpClientFactory(TunnelPool tunnels, IOptions<MacNodeOptions> options, TimeProvider timeProvider) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectCallback = tunnels.ConnectAsync;
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new NodeSigningHandler(timeProvider)
        {
            InnerHandler = new NodeResponseVerifier(options, timeProvider) { InnerHandler = base.WrapHandler(context, handler) },
        };
}
