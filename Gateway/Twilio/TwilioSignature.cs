using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// <c>X-Twilio-Signature</c>: Base64 HMAC-SHA1, keyed with the auth token, of the exact public URL
/// followed by every POST parameter's name and value (names sorted ordinally; a repeated name
/// contributes each distinct value, sorted). Validation accepts the URL with its port removed or with
/// the default port added, built on the raw string, as Twilio's SDKs do. JSON bodies are signed
/// through a <c>bodySHA256</c> query parameter instead.
/// </summary>
internal static partial class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters) =>
        Compute(authToken, url, Canonical(parameters));

    /// <summary>The signed text after the URL: names sorted ordinally, each followed by each distinct value, sorted.</summary>
    private static string Canonical(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters)
    {
        var sorted = parameters.ToArray();
        if (sorted.Length == 0)
        {
            return "";
        }
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(256);
        foreach (var (name, values) in sorted)
        {
            // Nearly every Twilio parameter has one value: no set and no sort for it.
            if (values.Count == 1)
            {
                text.Append(name).Append(values[0]);
                continue;
            }
            foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                text.Append(name).Append(value);
            }
        }
        return text.ToString();
    }

    private static string Compute(string authToken, string url, string canonical)
    {
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(url + canonical));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Checks a form (or parameterless) request against the URL as received, without and with the default port.</summary>
    public static bool IsValid(string authToken, string? signature, string url, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters) =>
        IsValid(authToken, signature, [url], parameters);

    /// <summary>As above against each of <paramref name="urls"/> (the parameters are put in signing order once).</summary>
    public static bool IsValid(string authToken, string? signature, IReadOnlyList<string> urls, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }
        var canonical = Canonical(parameters);
        var given = Encoding.ASCII.GetBytes(signature);
        // The URL as received first (what Twilio signed, nearly always); its port variants only when that fails.
        foreach (var url in urls)
        {
            if (Matches(authToken, url, canonical, given))
            {
                return true;
            }
        }
        foreach (var url in urls)
        {
            var withoutPort = RemovePort(url);
            var withPort = AddDefaultPort(url);
            if ((!string.Equals(withoutPort, url, StringComparison.Ordinal) && Matches(authToken, withoutPort, canonical, given))
                || (!string.Equals(withPort, url, StringComparison.Ordinal) && Matches(authToken, withPort, canonical, given)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(string authToken, string url, string canonical, byte[] given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(authToken, url, canonical)), given);

    /// <summary>Checks a JSON (non-form) request: the URL carries <c>bodySHA256</c>, the signature covers the URL alone.</summary>
    public static bool IsValidWithBody(string authToken, string? signature, string url, ReadOnlySpan<byte> body)
    {
        var expectedHash = BodyHashFromUrl(url);
        if (expectedHash is null)
        {
            return false;
        }
        var actual = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(body)));
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.ASCII.GetBytes(expectedHash))
            && IsValid(authToken, signature, url, []);
    }

    public static string? BodyHashFromUrl(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }
        foreach (var pair in url[(query + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == "bodySHA256")
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }
        return null;
    }

    /// <summary>The URL without any port, by string surgery on the authority (never through <see cref="Uri"/>).</summary>
    public static string RemovePort(string url) =>
        Split(url) is { } parts ? parts.Scheme + parts.UserInfo + parts.Host + parts.Rest : url;

    /// <summary>The URL with :443 (https) or :80 added when it names no port.</summary>
    public static string AddDefaultPort(string url)
    {
        if (Split(url) is not { Port: "" } parts)
        {
            return url;
        }
        var port = parts.Scheme.Equals("https://", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80";
        return parts.Scheme + parts.UserInfo + parts.Host + port + parts.Rest;
    }

    private static UrlParts? Split(string url)
    {
        var match = Prefix().Match(url);
        if (!match.Success)
        {
            return null;
        }
        var authority = match.Groups[2].Value;
        var userInfoEnd = authority.LastIndexOf('@');
        var hostAndPort = authority[(userInfoEnd + 1)..];
        // A colon starts the port only after the closing bracket of an IPv6 literal.
        var portStart = hostAndPort.IndexOf(':', hostAndPort.LastIndexOf(']') + 1);
        return new UrlParts(
            match.Groups[1].Value,
            authority[..(userInfoEnd + 1)],
            portStart < 0 ? hostAndPort : hostAndPort[..portStart],
            portStart < 0 ? "" : hostAndPort[portStart..],
            url[match.Length..]);
    }

    private sealed record UrlParts(string Scheme, string UserInfo, string Host, string Port, string Rest);

    [GeneratedRegex(@"\A([a-z][a-z0-9+.-]*://)([^/?#]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();
}
