using Microsoft.AspNetCore.Http.Features;

namespace Softphone.Gateway.Hosting;

internal static class RawTargetExtensions
{
    /// <summary>
    /// The path and query exactly as the client sent them, percent-encoding intact: what a signer signed
    /// (ASP.NET Core's <c>Request.Path</c> is decoded, so "%2F" and "/" would look alike).
    /// </summary>
    public static string RawTarget(this HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : (request.PathBase + request.Path + request.QueryString).ToString();
}
