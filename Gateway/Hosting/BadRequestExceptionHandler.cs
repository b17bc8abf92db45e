using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// A request the framework could not bind (malformed JSON, wrong types, a body that is too large)
/// is the client's error: answer its 4xx as ProblemDetails, never a 500, saying what to fix and no more
/// (the framework's own messages name internal types).
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var json = bad.InnerException as JsonException;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = json is not null ? "The body is not valid JSON for this request" : bad.StatusCode == 413 ? "Body too large" : "Bad request",
                Detail = Describe(bad, json),
                Extensions = { ["reason"] = json is not null ? "invalid-json" : Problems.DefaultReason(bad.StatusCode) },
            },
        });
    }

    private static string Describe(BadHttpRequestException bad, JsonException? json)
    {
        if (json is not null)
        {
            return string.IsNullOrEmpty(json.Path) || json.Path == "$"
                ? $"The body is not well-formed JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1})."
                : $"The value at '{json.Path}' has the wrong type or is not valid.";
        }
        if (bad.StatusCode == 413)
        {
            return "The body is larger than this route accepts.";
        }
        if (Parameter().Match(bad.Message) is { Success: true } parameter)
        {
            return $"The value of '{parameter.Groups["name"].Value}' is not valid.";
        }
        return bad.Message.Contains("Softphone.", StringComparison.Ordinal) || bad.Message.Contains("System.", StringComparison.Ordinal)
            ? "The request could not be read."
            : bad.Message;
    }

    /// <summary>"Failed to bind parameter "int? page" from "abc"." and "Required parameter "string id" was not provided …".</summary>
    [GeneratedRegex("parameter \"[^\"]* (?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex Parameter();
}
