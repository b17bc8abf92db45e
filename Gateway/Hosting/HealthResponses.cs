using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Softphone.Gateway.Hosting;

internal static class HealthResponses
{
    /// <summary>Writes <c>{ status, checks: { name: { status, description } } }</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
