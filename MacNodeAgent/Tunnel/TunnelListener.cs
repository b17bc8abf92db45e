using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Softphone.MacNodeAgent.Hosting;
using Softphone.Shared.Signing;

namespace Softphone.MacNodeAgent.Tunnel;

/// <summary>
/// Kestrel's "listener" in tunnel mode: each accept dials out to the gateway (a signed WebSocket upgrade)
/// and hands the socket to Kestrel as a connection, keeping <see cref="AgentOptions.TunnelConnections"/>
/// open at all times. A failed attempt is retried with jittered back-off (the first within 250 ms, doubling
/// to <see cref="AgentOptions.TunnelMaxBackoff"/>). The agent listens on no port.
/// </summary>
internal sealed partial class TunnelListener(TunnelEndPoint endpoint, AgentOptions options, TimeProvider timeProvider, ILogger<TunnelListener> logger) : IConnectionListener
{
    /// <summary>This process, for the gateway: the instance started later wins a node two agents claim.</summary>
    private readonly string _instance = timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
    private readonly SemaphoreSlim _slots = new(options.TunnelConnections, options.TunnelConnections);
    private readonly CancellationTokenSource _unbound = new();
    private int _failures;

    public EndPoint EndPoint => endpoint;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _unbound.Token);
        try
        {
            await _slots.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        while (!stop.IsCancellationRequested)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = options.TunnelKeepAlive;
            socket.Options.KeepAliveTimeout = options.TunnelKeepAliveTimeout;
            socket.Options.CollectHttpResponseDetails = true;
            var at = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            socket.Options.SetRequestHeader(NodeSignature.NodeHeader, options.NodeId);
            socket.Options.SetRequestHeader(NodeSignature.TimestampHeader, at.ToString(CultureInfo.InvariantCulture));
            socket.Options.SetRequestHeader(NodeSignature.SignatureHeader, NodeSignature.Compute(options.Secret, "GET", endpoint.Uri.PathAndQuery, options.NodeId, at, []));
            socket.Options.SetRequestHeader("X-Softphone-Instance", _instance);
            try
            {
                await socket.ConnectAsync(endpoint.Uri, stop.Token);
                if (Interlocked.Exchange(ref _failures, 0) > 0)
                {
                    LogConnected(endpoint.Uri.Authority);
                }
                return new TunnelConnectionContext(socket, new DnsEndPoint(endpoint.Uri.Host, endpoint.Uri.Port), Closed);
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                var status = (int)socket.HttpStatusCode;
                socket.Dispose();
                if (stop.IsCancellationRequested)
                {
                    break;
                }
                var failures = Interlocked.Increment(ref _failures);
                if (failures == 1 || failures % 20 == 0)
                {
                    LogConnectFailed(endpoint.Uri.Authority, status, exception.Message);
                }
                // 401: wrong secret or node id; 409: a newer agent holds the node. Retrying fast changes neither.
                var wait = status is 401 or 409 ? options.TunnelMaxBackoff : Backoff(failures);
                try
                {
                    await Task.Delay(wait, timeProvider, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        _slots.Release();
        return null;
    }

    /// <summary>250 ms, 500 ms, 1 s … up to the maximum, each with up to 50 % jitter so many Macs do not reconnect in step.</summary>
    private TimeSpan Backoff(int failures)
    {
        var baseMs = Math.Min(options.TunnelMaxBackoff.TotalMilliseconds, 125 * Math.Pow(2, Math.Min(failures, 20)));
        return TimeSpan.FromMilliseconds(baseMs * (0.5 + RandomNumberGenerator.GetInt32(0, 1000) / 2000.0));
    }

    private void Closed(WebSocketCloseStatus? status, string? description)
    {
        if (status == WebSocketCloseStatus.PolicyViolation)
        {
            LogReplaced(description ?? "");
        }
        _slots.Release();
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default) => await _unbound.CancelAsync();

    public ValueTask DisposeAsync()
    {
        _unbound.Cancel();
        _unbound.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tunnel to the gateway {Gateway} open again")]
    private partial void LogConnected(string gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a tunnel to the gateway {Gateway} (HTTP {Status}): {Error}; retrying")]
    private partial void LogConnectFailed(string gateway, int status, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gateway closed this agent's tunnel: {Reason}. Another agent process serves this node; stop one of them.")]
    private partial void LogReplaced(string reason);
}
