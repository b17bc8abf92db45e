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
