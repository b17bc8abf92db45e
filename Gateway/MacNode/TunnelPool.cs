using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// The open tunnels of every node, and the <see cref="SocketsHttpHandler.ConnectCallback"/> that hands one to
/// an HTTP connection for a tunnelled node (any other host gets a plain TCP connection: direct links).
/// With no tunnel open the connect fails at once with a connection error: certainly nothing was sent. A
/// second agent process claiming the same node: the one started later wins, the older one's tunnels are
/// closed with a policy-violation status that its log shows, and its new attempts are refused (409).
/// </summary>
internal sealed partial class TunnelPool(NodeRegistry registry, IOptions<MacNodeOptions> options, TimeProvider timeProvider, ILogger<TunnelPool> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeTunnels> _nodes = new(StringComparer.Ordinal);

    private sealed class NodeTunnels
    {
        public List<TunnelConnection> Open { get; } = [];
        public Queue<TunnelConnection> Idle { get; } = new();
        public string? Instance { get; set; }
        public TaskCompletionSource Added { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>How many tunnels a node has open now.</summary>
    public int OpenCount(string nodeId)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(nodeId, out var node) ? node.Open.Count(c => c.IsOpen) : 0;
        }
    }

    /// <summary>True when an agent process started later than <paramref name="instance"/> holds the node.</summary>
    public bool IsSuperseded(string nodeId, string instance)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(nodeId, out var node) && node.Instance is { } current && Compare(instance, current) < 0;
        }
    }

    public async Task AddAsync(NodeHealth health, TunnelConnection connection)
    {
        List<TunnelConnection> replaced = [];
        lock (_lock)
        {
            if (!_nodes.TryGetValue(connection.NodeId, out var node))
            {
                node = new NodeTunnels();
                _nodes[connection.NodeId] = node;
            }
            if (node.Instance is { } current && current != connection.Instance && Compare(connection.Instance, current) > 0)
            {
                replaced.AddRange(node.Open);
                node.Open.Clear();
                node.Idle.Clear();
            }
            node.Instance = connection.Instance;
            node.Open.Add(connection);
            node.Idle.Enqueue(connection);
            var added = node.Added;
            node.Added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            added.TrySetResult();
        }
        if (replaced.Count > 0)
        {
            LogReplaced(connection.NodeId, replaced.Count);
            // What fails on the old instance's tunnels as they are cut is not held against the new one.
            await health.NewInstanceAsync();
            await Task.WhenAll(replaced.Select(c => c.CloseAsync(WebSocketCloseStatus.PolicyViolation, "replaced by a newer agent instance for this node")));
        }
        _ = connection.Closed.ContinueWith(_ => RemovedAsync(health, connection), TaskScheduler.Default).Unwrap();
        await ChangedAsync(health);
    }

    /// <summary>
    /// Cuts every tunnel of a node (its agent opens new ones at once), as a dropped network would: requests in
    /// flight on them end with an unknown outcome. For an operator rotating a node's secret, and the chaos tests.
    /// </summary>
    public Task DisconnectAsync(string nodeId)
    {
        List<TunnelConnection> open;
        lock (_lock)
        {
            open = _nodes.TryGetValue(nodeId, out var node) ? [.. node.Open] : [];
        }
        return Task.WhenAll(open.Select(c => c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "disconnected by the gateway")));
    }

    /// <summary>The connect callback of the node client's handler.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        if (!host.EndsWith(NodeEntry.TunnelHost, StringComparison.OrdinalIgnoreCase))
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        return await TakeAsync(host[..^NodeEntry.TunnelHost.Length], cancellationToken);
    }

    private async Task<Stream> TakeAsync(string nodeId, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp();
        while (true)
        {
            Task added;
            lock (_lock)
            {
                if (!_nodes.TryGetValue(nodeId, out var node) || !node.Open.Any(c => c.IsOpen))
                {
                    // Nothing was written anywhere: a certain "not delivered", so a press falls back at once.
                    throw new NoTunnelException($"node {nodeId} has no tunnel open");
                }
                while (node.Idle.TryDequeue(out var idle))
                {
                    if (idle.IsOpen)
                    {
                        return idle;
                    }
                }
                added = node.Added.Task;
            }
            // Every open tunnel carries a connection already: the agent opens a fresh one when one is released.
            var remaining = options.Value.TunnelWait - timeProvider.GetElapsedTime(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                throw new NoTunnelException($"node {nodeId} has no free tunnel");
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(remaining);
            try
            {
                await added.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task RemovedAsync(NodeHealth health, TunnelConnection connection)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(connection.NodeId, out var node))
            {
                node.Open.Remove(connection);
            }
        }
        await ChangedAsync(health);
    }

    private async Task ChangedAsync(NodeHealth health)
    {
        await health.RecordTunnelsAsync(OpenCount(health.Node.NodeId), timeProvider.GetUtcNow());
        await registry.RefreshAsync(health, CancellationToken.None);
    }

    /// <summary>Instances are "&lt;unix-ms started&gt;-&lt;random&gt;": later start wins, then the text.</summary>
    private static int Compare(string a, string b)
    {
        static long Started(string instance) =>
            long.TryParse(instance.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
        var byStart = Started(a).CompareTo(Started(b));
        return byStart != 0 ? byStart : string.CompareOrdinal(a, b);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A newer agent instance claimed node {NodeId}; closed {Count} tunnel(s) of the older one")]
    private partial void LogReplaced(string nodeId, int count);
}
