using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.MacNodeAgent.Tunnel;

/// <summary>Lets Kestrel bind a <see cref="TunnelEndPoint"/>; TCP endpoints stay with Kestrel's socket transport.</summary>
internal sealed class TunnelListenerFactory(IOptions<AgentOptions> options, TimeProvider timeProvider, ILoggerFactory loggers)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is TunnelEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IConnectionListener>(new TunnelListener((TunnelEndPoint)endpoint, options.Value, timeProvider, loggers.CreateLogger<TunnelListener>()));
}
