using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// One log line per request: method, path, status and time taken. Built to be safe to ship anywhere: the query
/// string and headers (API keys, cookies, signatures) are never logged, and a path segment that looks like a
/// phone number (seven or more digits, no letters) keeps only its last four digits. Health probes log at Debug.
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, IOptions<LogsOptions> options, TimeProvider timeProvider, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Requests)
        {
            await next(context);
            return;
        }
        var started = timeProvider.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.Path.Value ?? "/";
            var elapsed = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var status = context.Response.StatusCode;
            if (path is "/healthz" or "/readyz")
            {
                LogProbe(context.Request.Method, path, status, elapsed);
            }
            else
            {
                LogRequest(context.Request.Method, MaskPath(path), status, elapsed);
            }
        }
    }

    /// <summary>See <see cref="Softphone.Hosting.HostLogging.MaskPath"/>.</summary>
    internal static string MaskPath(string path) => Softphone.Hosting.HostLogging.MaskPath(path);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogRequest(string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogProbe(string method, string path, int statusCode, double elapsedMs);
}
