using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// The public URLs Twilio calls: the configured <c>Twilio:PublicBaseUrl</c>, else (for a request) its
/// scheme and host — as ASP.NET Core's forwarded-headers middleware leaves them, which honours
/// <c>X-Forwarded-*</c> from <c>Gateway:TrustedProxies</c> only — else the gateway's own listening
/// address (the simulated Twilio calls back there). Paths and queries are taken raw, as received.
/// </summary>
internal sealed class WebhookUrls(IOptions<TwilioOptions> options, IServer server)
{
    /// <summary>
    /// Twilio's webhook connection overrides, put on every callback URL handed to Twilio: retry up to 5 times
    /// on a connect failure, a read timeout or a 5xx (Twilio's default retries only failed connects). A
    /// callback that could not be stored answers 5xx, and the inbox makes the retry safe. Twilio signs the URL
    /// with this fragment, though the request arrives without it.
    /// </summary>
    public const string CallbackOverrides = "#rc=5&rp=ct,rt,5xx";

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
        return RequestBase(request) + Softphone.Gateway.Hosting.RawTargetExtensions.RawTarget(request);
    }

    /// <summary>The base for URLs put into TwiML answered to this request.</summary>
    public string RequestBase(HttpRequest request)
    {
        if (options.Value.PublicBaseUrl.Length > 0)
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }
        return $"{request.Scheme}://{request.Host.Value}";
    }

    public string Voice(string baseUrl, string route, params (string Name, string? Value)[] query) => baseUrl + "/twilio/voice/" + route + Query(query);

    public string Sms(string baseUrl, string route, params (string Name, string? Value)[] query) => baseUrl + "/twilio/sms/" + route + Query(query);

    /// <summary>A voice callback URL (status, recording, transcription) with <see cref="CallbackOverrides"/>.</summary>
    public string VoiceCallback(string baseUrl, string route, params (string Name, string? Value)[] query) => Voice(baseUrl, route, query) + CallbackOverrides;

    /// <summary>An SMS callback URL (status, inbound) with <see cref="CallbackOverrides"/>.</summary>
    public string SmsCallback(string baseUrl, string route, params (string Name, string? Value)[] query) => Sms(baseUrl, route, query) + CallbackOverrides;

    private static string Query((string Name, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
