using Softphone.Gateway.Hosting;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Tenancy;
using Softphone.Shared.Signing;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Softphone.Gateway.Proxy;

/// <summary>
/// The <c>caller-node</c> destination: the calling agent's own node, picked per request after the API key
/// was checked (another agent's node cannot be named). Refused before anything is sent when the agent has
/// no node (404), when its node is down (503 <c>node-down</c>, at once while its circuit is open), and for
/// <c>/dial</c>, which only the press pipeline may use (403): proxying it would skip DNC, opt-outs and hours.
/// </summary>
internal sealed class CallerNodeRoute(RequestDelegate next)
{
    public const string MetadataKey = "SoftphoneDestination";
    public const string MetadataValue = "caller-node";
    private static readonly object NodeKey = new();

    public static bool Applies(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(MetadataKey, out var value) && value == MetadataValue;

    public async Task InvokeAsync(HttpContext context, TenantDirectory directory, NodeRegistry registry)
    {
        if (!Applies(context.GetReverseProxyFeature().Route.Config.Metadata))
        {
            await next(context);
            return;
        }
        var agent = context.User.GetAgent();
        if (agent.NodeId is null || directory.FindNode(agent.NodeId) is not { } node || registry.Find(agent.NodeId) is not { } health)
        {
            await Problems.Create(404, "no-node", "This agent has no Mac node", "Give the agent a Node in the tenant's configuration.").ExecuteAsync(context);
            return;
        }
        if (context.Request.Path.Value?.TrimEnd('/').EndsWith("/dial", StringComparison.OrdinalIgnoreCase) == true)
        {
            await Problems.Create(403, "dial-through-press", "Calls are placed with POST /api/calls",
                "The press applies do-not-call, opt-outs and calling hours; the node's dial endpoint is not proxied.").ExecuteAsync(context);
            return;
        }
        var state = await registry.RefreshAsync(health, context.RequestAborted);
        if (!state.IsUp)
        {
            context.Response.Headers.RetryAfter = "2";
            await Problems.Create(503, "node-down", "The agent's Mac node is down", $"Down since {state.Since:O} ({state.Reason}); nothing was sent.",
                new() { ["nodeId"] = node.NodeId, ["nodeReason"] = state.Reason }).ExecuteAsync(context);
            return;
        }
        context.Items[NodeKey] = node;
        await next(context);
    }

    /// <summary>Points the proxied request at the node and has it signed over the exact path, query and body sent.</summary>
    public static async ValueTask TransformAsync(RequestTransformContext context)
    {
        if (context.HttpContext.Items[NodeKey] is not NodeEntry node)
        {
            return;
        }
        context.DestinationPrefix = node.Url.ToString().TrimEnd('/');
        context.ProxyRequest.Options.Set(NodeSigningHandler.Credentials, node.Credentials);
        if (context.ProxyRequest.Content is not null)
        {
            // Signed over the body, so the body is read once here (capped with the /api routes' limit).
            using var buffer = new MemoryStream();
            await context.HttpContext.Request.Body.CopyToAsync(buffer, context.CancellationToken);
            var content = new ByteArrayContent(buffer.ToArray());
            foreach (var header in context.ProxyRequest.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            context.ProxyRequest.Content = content;
        }
    }
}
