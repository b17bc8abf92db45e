using Microsoft.Net.Http.Headers;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// JSON bodies are UTF-8. <c>charset="utf-8"</c> (quoted, valid HTTP) and any spelling of UTF-8 are
/// accepted and normalised; any other charset is refused with 415 before a handler tries to decode it.
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && media.Charset.HasValue)
        {
            var charset = HeaderUtilities.RemoveQuotes(media.Charset).Value ?? "";
            if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = 415,
                        Title = "Unsupported charset",
                        Detail = "Send JSON as UTF-8: Content-Type: application/json (charset=utf-8 or none).",
                        Extensions = { ["reason"] = "unsupported-charset" },
                    },
                });
                return;
            }
            request.ContentType = $"{media.MediaType.Value}; charset=utf-8";
        }
        await next(context);
    }
}
