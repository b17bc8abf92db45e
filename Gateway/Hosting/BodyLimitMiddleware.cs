using Microsoft.AspNetCore.Http.Features;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// Gives each route its own body cap before anything reads the body: Kestrel then refuses a larger
/// declared length at once and stops a chunked body as soon as it passes the cap (413), instead of
/// buffering up to its 30 MB default for an unauthenticated caller.
/// </summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is { } limit
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit.Bytes;
        }
        return next(context);
    }
}

internal static class BodyLimitExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));
}
