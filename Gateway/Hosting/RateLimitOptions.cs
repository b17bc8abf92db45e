using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Hosting;

/// <summary>The <c>RateLimits</c> section: fixed one-minute windows, answered 429 with <c>Retry-After</c> past them.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per minute to <c>/api/*</c> per API key (per source address before a key is recognised).</summary>
    [Range(1, 1_000_000_000)]
    public int ApiPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute to <c>/twilio/*</c> per source address (Twilio calls from many addresses).</summary>
    [Range(1, 1_000_000_000)]
    public int WebhooksPerMinute { get; set; } = 6000;

    /// <summary>Requests per minute to the Mac node endpoints (<c>/api/node/*</c>, <c>/nodes/*</c>) per source address.</summary>
    [Range(1, 1_000_000_000)]
    public int NodesPerMinute { get; set; } = 600;

    /// <summary>Live-event streams (<c>GET /api/events</c>) one agent may hold open at once.</summary>
    [Range(1, 1000)]
    public int EventStreamsPerAgent { get; set; } = 5;
}
