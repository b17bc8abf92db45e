using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// The public URLs Twilio calls: the configured <c>Twilio:PublicBaseUrl</c>, else (for a request) its
/// scheme and host — from <c>X-Forwarded-*</c> only when trusted — else the gateway's own listening
/// address (the simulated Twilio calls back there). Paths and queries are taken raw, as received.
/// </summary>
internal sealed class WebhookUrls(IOptions<TwilioOptions> options, IServer server)
{
    public string BaseUrl
    {
        get
        {
            if (options.Value.PublicBaseUrl.Length > 0)
            {
                return options.Value.PublicBaseUrl.TrimEnd('/');
            }
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>The full URL Twilio requested, for signature checks.</summary>
    public string RequestUrl(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        return RequestBase(request) + target;
    }

    /// <summary>The base for URLs put into TwiML answered to this request.</summary>
    public string RequestBase(HttpRequest request)
    {
        if (options.Value.PublicBaseUrl.Length > 0)
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }
        if (options.Value.TrustForwardedHeaders
            && request.Headers["X-Forwarded-Proto"].ToString() is { Length: > 0 } proto
            && request.Headers["X-Forwarded-Host"].ToString() is { Length: > 0 } host)
        {
            return $"{proto.Split(',')[0].Trim()}://{host.Split(',')[0].Trim()}";
        }
        return $"{request.Scheme}://{request.Host.Value}";
    }

    public string Voice(string baseUrl, string route, params (string Name, string? Value)[] query) => baseUrl + "/twilio/voice/" + route + Query(query);

    public string Sms(string baseUrl, string route, params (string Name, string? Value)[] query) => baseUrl + "/twilio/sms/" + route + Query(query);

    private static string Query((string Name, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
