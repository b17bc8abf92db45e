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
    /// <summary>A dial request is a few hundred bytes; Kestrel refuses anything bigger before it is buffered.</summary>
    public const int MaxBodyBytes = 16 * 1024;

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
                RawTarget(context),
                node,
                request.Headers[NodeSignature.TimestampHeader],
                request.Headers[NodeSignature.SignatureHeader],
                buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
                timeProvider.GetUtcNow(),
                options.Value.ReplayWindow)
            : NodeSignatureResult.Mismatch;

        if (result != NodeSignatureResult.Valid)
        {
            // Which part was wrong goes to the log only; the caller learns what to fix, no more.
            LogRejected(request.Method, request.Path, result);
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Request not signed by the gateway",
                detail: "Sign each request with this node's id, its shared secret and the current time.",
                extensions: Reason("bad-signature")).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>The path and query exactly as sent (percent-encoding intact): what the signer signed.</summary>
    private static string RawTarget(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase + context.Request.Path + context.Request.QueryString;

    private static Dictionary<string, object?> Reason(string reason) => new() { ["reason"] = reason };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: signature {Result}")]
    private partial void LogRejected(string method, PathString path, NodeSignatureResult result);
}
