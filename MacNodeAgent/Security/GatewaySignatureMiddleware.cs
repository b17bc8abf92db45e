using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Hosting;
using Softphone.Shared.Signing;

namespace Softphone.MacNodeAgent.Security;

/// <summary>
/// Every request to the agent must be signed by the gateway with this node's secret; anything else is
/// answered 401 before any endpoint runs (there is no VPN in front of the agent).
/// </summary>
internal sealed partial class GatewaySignatureMiddleware(
    RequestDelegate next,
    IOptions<AgentOptions> options,
    TimeProvider timeProvider,
    ILogger<GatewaySignatureMiddleware> logger)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await Results.Problem(statusCode: 413, title: "Body too large", extensions: Reason("body-too-large")).ExecuteAsync(context);
            return;
        }

        request.EnableBuffering(MaxBodyBytes);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;

        var node = request.Headers[NodeSignature.NodeHeader].ToString();
        var result = node == options.Value.NodeId
            ? NodeSignature.Verify(
                options.Value.Secret,
                request.Method,
                request.PathBase + request.Path + request.QueryString,
                node,
                request.Headers[NodeSignature.TimestampHeader],
                request.Headers[NodeSignature.SignatureHeader],
                buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
                timeProvider.GetUtcNow(),
                options.Value.ReplayWindow)
            : NodeSignatureResult.Mismatch;

        if (result != NodeSignatureResult.Valid)
        {
            LogRejected(request.Method, request.Path, result);
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Request not signed by the gateway",
                detail: $"Signature check: {result}.",
                extensions: Reason("bad-signature")).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static Dictionary<string, object?> Reason(string reason) => new() { ["reason"] = reason };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: signature {Result}")]
    private partial void LogRejected(string method, PathString path, NodeSignatureResult result);
}
