using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Hosting;

/// <summary>ASP.NET Core's rate limiter with one policy per kind of caller.</summary>
internal static class RateLimits
{
    public const string Api = "api";
    public const string Webhooks = "webhooks";
    public const string Nodes = "nodes";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section).BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Api, http => Window(http, o => o.ApiPerMinute,
                http.User.Identity?.IsAuthenticated == true ? $"key:{http.User.GetAgent().TenantId}/{http.User.GetAgent().AgentId}" : Source(http)));
            limiter.AddPolicy(Webhooks, http => Window(http, o => o.WebhooksPerMinute, Source(http)));
            limiter.AddPolicy(Nodes, http => Window(http, o => o.NodesPerMinute, Source(http)));
        });
        return builder;
    }

    private static RateLimitPartition<string> Window(HttpContext http, Func<RateLimitOptions, int> permits, string key)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>The caller's address (the proxy's client address when it is a trusted proxy, see Gateway:TrustedProxies).</summary>
    private static string Source(HttpContext http) => $"ip:{http.Connection.RemoteIpAddress}";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = 429,
                Title = "Too many requests",
                Detail = $"Slow down; try again in {seconds} s.",
                Extensions = { ["reason"] = "rate-limited", ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
