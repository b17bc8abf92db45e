using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Softphone.Gateway.Hosting;

/// <summary>The <c>Gateway</c> section.</summary>
internal sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>Where Kestrel listens (semicolon-separated URLs).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Addresses of the reverse proxies in front of the gateway (e.g. <c>127.0.0.1</c> for Caddy on the same
    /// host). Only their <c>X-Forwarded-For/Proto/Host</c> are believed; empty: none are.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The configured proxies, blank entries (an empty environment value) left out.</summary>
    public IEnumerable<string> Proxies => TrustedProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim());

    /// <summary>The largest request body any route accepts (routes set smaller caps of their own).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in Proxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Gateway:TrustedProxies: '{proxy}' is not an IP address.", [nameof(TrustedProxies)]);
        }
    }
}
