using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Shared.Signing;

namespace Softphone.Gateway.MacNode;

internal static partial class TunnelEndpoints
{
    /// <summary>The header naming the agent process that opens a tunnel (<c>&lt;unix-ms started&gt;-&lt;random&gt;</c>).</summary>
    public const string InstanceHeader = "X-Softphone-Instance";

    /// <summary><c>GET /nodes/tunnel</c>: a Mac agent opens its tunnel (WebSocket, node-signed; checked before the upgrade).</summary>
    public static IEndpointRouteBuilder MapTunnel(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/nodes/tunnel", AcceptAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Nodes);
        return endpoints;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> AcceptAsync(
        HttpContext http, TenantDirectory directory, NodeRegistry registry, TunnelPool pool, IOptions<MacNodeOptions> options, TimeProvider timeProvider, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Softphone.Gateway.MacNode.Tunnel");
        var request = http.Request;
        var nodeId = request.Headers[NodeSignature.NodeHeader].ToString();
        var node = directory.FindNode(nodeId);
        var check = node is null
            ? NodeSignatureResult.Mismatch
            : NodeSignature.Verify(node.Credentials.Secret, request.Method, request.RawTarget(), nodeId,
                request.Headers[NodeSignature.TimestampHeader], request.Headers[NodeSignature.SignatureHeader], [], timeProvider.GetUtcNow(), options.Value.ReplayWindow);
        if (check != NodeSignatureResult.Valid || registry.Find(nodeId) is not { } health)
        {
            LogRefused(logger, nodeId.Length > 64 ? nodeId[..64] : nodeId, check.ToString());
            return Problems.Create(401, "bad-signature", "Tunnel not opened by a known node",
                "Sign the upgrade request with a configured node id, that node's shared secret and the current time.");
        }
        if (!node!.Tunnel)
        {
            return Problems.Create(409, "node-not-tunnelled", "This node is configured with a direct link", $"Set Tenants:{node.TenantId}:Nodes:{nodeId}:Link to tunnel.");
        }
        var instance = request.Headers[InstanceHeader].ToString();
        if (instance.Length is 0 or > 100)
        {
            return Problems.Create(400, "invalid-instance", "The agent instance header is missing", $"Send {InstanceHeader}: <unix-ms started>-<random>.");
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return Problems.Create(400, "websocket-required", "The tunnel is a WebSocket", "Open it with a WebSocket upgrade.");
        }
        if (pool.IsSuperseded(nodeId, instance))
        {
            LogSuperseded(logger, nodeId);
            return Problems.Create(409, "replaced-by-newer-agent", "A newer agent process holds this node", "Stop this agent: another Mac (or a later start) serves the node.");
        }

        var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.Value.TunnelKeepAlive,
            KeepAliveTimeout = options.Value.TunnelKeepAliveTimeout,
        });
        var connection = new TunnelConnection(socket, nodeId, instance);
        await pool.AddAsync(health, connection);
        // The request lives as long as the tunnel; nothing more is written on it. The socket is let go before the
        // request ends (an HTTP connection still holding the tunnel's stream may dispose it later, harmlessly).
        await connection.Closed;
        connection.ReleaseSocket();
        return TypedResults.Empty;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a tunnel claiming node {NodeId}: signature {Result}")]
    private static partial void LogRefused(ILogger logger, string nodeId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a tunnel of an older agent instance for node {NodeId}: a newer one holds it")]
    private static partial void LogSuperseded(ILogger logger, string nodeId);
}
