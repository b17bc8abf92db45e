using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;

namespace Softphone.Gateway.MacNode;

internal static partial class NodeEndpoints
{
    private const int MaxHeartbeatBytes = 16 * 1024;

    /// <summary><c>GET /api/nodes</c> for agents (API key).</summary>
    public static RouteGroupBuilder MapNodeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes", ListAsync);
        return api;
    }

    /// <summary><c>POST /api/node/heartbeat</c> for Mac nodes (HMAC-signed, no API key).</summary>
    public static IEndpointRouteBuilder MapNodeHeartbeat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/node/heartbeat", HeartbeatAsync).AllowAnonymous().WithBodyLimit(MaxHeartbeatBytes).RequireRateLimiting(RateLimits.Nodes);
        return endpoints;
    }

    private static async Task<Ok<NodeView[]>> ListAsync(HttpContext http, NodeRegistry registry, NodeTransitionStore transitions, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        var views = new List<NodeView>();
        foreach (var node in registry.All.Where(n => n.Node.TenantId == agent.TenantId).OrderBy(n => n.Node.NodeId, StringComparer.Ordinal))
        {
            await registry.RefreshAsync(node, cancellationToken);
            var recent = await transitions.RecentAsync(agent.TenantId, node.Node.NodeId, 10, cancellationToken);
            views.Add(NodeView.From(node, recent));
        }
        return TypedResults.Ok(views.ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HeartbeatAsync(
        HttpRequest request, TenantDirectory directory, NodeRegistry registry, IOptions<MacNodeOptions> options,
        TimeProvider timeProvider, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Softphone.Gateway.MacNode.Heartbeat");
        if (request.ContentLength > MaxHeartbeatBytes)
        {
            return Problems.Create(413, "body-too-large", "Heartbeat too large");
        }
        var body = await ReadBodyAsync(request, cancellationToken);
        var nodeId = request.Headers[NodeSignature.NodeHeader].ToString();
        var node = directory.FindNode(nodeId);
        var check = node is null
            ? NodeSignatureResult.Mismatch
            : NodeSignature.Verify(node.Credentials.Secret, request.Method, request.RawTarget(), nodeId,
                request.Headers[NodeSignature.TimestampHeader], request.Headers[NodeSignature.SignatureHeader], body,
                timeProvider.GetUtcNow(), options.Value.ReplayWindow);
        if (check != NodeSignatureResult.Valid || registry.Find(nodeId) is not { } health)
        {
            LogRejected(logger, nodeId.Length > 64 ? nodeId[..64] : nodeId, check);
            // Which part was wrong goes to the log only; the caller learns what to fix, no more.
            return Problems.Create(401, "bad-signature", "Heartbeat not signed by a known node",
                "Sign each request with a configured node id, that node's shared secret and the current time.");
        }

        NodeStatusReport? report;
        try
        {
            report = JsonSerializer.Deserialize<NodeStatusReport>(body, NodeJson.Options);
        }
        catch (JsonException)
        {
            report = null;
        }
        if (report is null || report.NodeId != nodeId)
        {
            return Problems.Create(400, "invalid-heartbeat", "Heartbeat body is not a status report for this node");
        }

        health.RecordHeartbeat(report, timeProvider.GetUtcNow());
        await registry.RefreshAsync(health, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxHeartbeatBytes)
            {
                break;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a heartbeat claiming node {NodeId}: signature {Result}")]
    private static partial void LogRejected(ILogger logger, string nodeId, NodeSignatureResult result);
}
