using Microsoft.AspNetCore.Http.HttpResults;

namespace Softphone.Gateway.Hosting;

/// <summary>Every client-caused error is a ProblemDetails with a stable machine-readable <c>reason</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string reason, string title, string? detail = null, Dictionary<string, object?>? extensions = null)
    {
        extensions ??= [];
        extensions["reason"] = reason;
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }

    /// <summary>The detail given to a problem raised without one: what the client can do about it.</summary>
    public static string DefaultDetail(int? status, string? title) => status switch
    {
        400 => $"{title ?? "The request is not valid"}: correct it and send it again.",
        401 => "Send the agent's API key as 'Authorization: Bearer <key>'.",
        403 => "This caller may not do this.",
        404 => "There is nothing at this address for this caller.",
        405 => "This address does not take this method.",
        413 => "The body is larger than this route accepts; send less.",
        415 => "Send the body in a type this route accepts (JSON for /api, form-encoded or JSON for Twilio webhooks).",
        429 => "Slow down and try again after Retry-After.",
        >= 500 => "The gateway failed; try again shortly.",
        _ => title ?? "See the status code.",
    };

    /// <summary>The reason given to problems the framework raises itself (bad JSON, unknown route, …).</summary>
    public static string DefaultReason(int? status) => status switch
    {
        400 => "invalid-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        413 => "body-too-large",
        415 => "unsupported-media-type",
        >= 500 => "internal-error",
        _ => "error",
    };
}
