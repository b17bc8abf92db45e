using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Mints the JWT the Twilio Voice SDKs expect, byte for byte as Twilio's Node helper library does:
/// header <c>{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"[,"twr":region]}</c>, payload
/// <c>{"jti":"SK…-now","grants":{"identity":…,"voice":{…}}[,"nbf"],"iat","exp","iss":SK…,"sub":AC…}</c>,
/// signed HS256 with the API key secret. <c>incoming.allow</c> is written only when true; the lifetime is
/// capped at 24 hours (Twilio rejects longer tokens, error 20104).
/// </summary>
internal static class VoiceAccessToken
{
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    public static string Create(VoiceTokenRequest request, long nowUnixSeconds)
    {
        if (request.Ttl <= TimeSpan.Zero || request.Ttl > MaxTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Ttl, "A Voice access token lives more than 0 s and at most 24 h.");
        }
        ArgumentException.ThrowIfNullOrEmpty(request.Identity);
        var header = new StringBuilder("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"cty\":\"twilio-fpa;v=1\"");
        if (!string.IsNullOrEmpty(request.Region))
        {
            header.Append(",\"twr\":").Append(JsJson.Quote(request.Region));
        }
        header.Append('}');

        var now = nowUnixSeconds.ToString(CultureInfo.InvariantCulture);
        var payload = new StringBuilder()
            .Append("{\"jti\":").Append(JsJson.Quote($"{request.ApiKeySid}-{now}"))
            .Append(",\"grants\":{\"identity\":").Append(JsJson.Quote(request.Identity))
            .Append(",\"voice\":").Append(VoiceGrant(request)).Append('}');
        if (request.NotBefore is { } nbf)
        {
            payload.Append(",\"nbf\":").Append(nbf.ToString(CultureInfo.InvariantCulture));
        }
        payload.Append(",\"iat\":").Append(now)
            .Append(",\"exp\":").Append((nowUnixSeconds + (long)request.Ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture))
            .Append(",\"iss\":").Append(JsJson.Quote(request.ApiKeySid))
            .Append(",\"sub\":").Append(JsJson.Quote(request.AccountSid))
            .Append('}');

        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(request.ApiKeySecret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    private static string VoiceGrant(VoiceTokenRequest request)
    {
        var parts = new List<string>();
        if (request.IncomingAllow)
        {
            parts.Add("\"incoming\":{\"allow\":true}");
        }
        if (!string.IsNullOrEmpty(request.OutgoingApplicationSid))
        {
            var outgoing = "\"outgoing\":{\"application_sid\":" + JsJson.Quote(request.OutgoingApplicationSid);
            if (request.OutgoingParams is { } parameters)
            {
                outgoing += ",\"params\":{" + string.Join(',', parameters.Select(p => JsJson.Quote(p.Key) + ":" + JsJson.Quote(p.Value))) + "}";
            }
            parts.Add(outgoing + "}");
        }
        if (!string.IsNullOrEmpty(request.PushCredentialSid))
        {
            parts.Add("\"push_credential_sid\":" + JsJson.Quote(request.PushCredentialSid));
        }
        if (!string.IsNullOrEmpty(request.EndpointId))
        {
            parts.Add("\"endpoint_id\":" + JsJson.Quote(request.EndpointId));
        }
        return "{" + string.Join(',', parts) + "}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
