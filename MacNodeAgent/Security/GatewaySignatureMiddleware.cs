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

        await SignedResponseAsync(context, request.Headers[NodeSignature.SignatureHeader].ToString());
    }

    /// <summary>
    /// Runs the endpoint with its answer buffered (answers are a few hundred bytes), then signs it for the
    /// request it answers: the gateway takes "dialed" only from the holder of this node's secret.
    /// </summary>
    private async Task SignedResponseAsync(HttpContext context, string requestSignature)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        context.Response.Headers[NodeSignature.NodeHeader] = options.Value.NodeId;
        context.Response.Headers[NodeSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[NodeSignature.SignatureHeader] =
            NodeSignature.ComputeResponse(options.Value.Secret, requestSignature, context.Response.StatusCode, options.Value.NodeId, timestamp, body);
        context.Response.ContentLength = buffer.Length;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
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
