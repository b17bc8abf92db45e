using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// A request the framework could not bind (malformed JSON, wrong types, a body that is too large)
/// is the client's error: answer its 4xx as ProblemDetails, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var json = bad.InnerException is JsonException;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = json ? "The body is not valid JSON for this request" : "Bad request",
                Detail = json ? bad.InnerException!.Message : bad.Message,
                Extensions = { ["reason"] = json ? "invalid-json" : Problems.DefaultReason(bad.StatusCode) },
            },
        });
    }
}
