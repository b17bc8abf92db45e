using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Softphone.Shared.Signing;

/// <summary>
/// HMAC-SHA256 request signing for the gateway ↔ Mac node link, used in both directions.
/// The signed text is <c>METHOD \n path-and-query \n node-id \n unix-seconds \n hex(SHA-256(body))</c>;
/// the signature is its Base64 HMAC under the node's shared secret. A request is accepted only when
/// the signature matches (constant-time) and its timestamp lies within the replay window of now.
/// </summary>
public static class NodeSignature
{
    /// <summary>Header naming the node the request is from or for.</summary>
    public const string NodeHeader = "X-Softphone-Node";

    /// <summary>Header with the signing time in unix seconds.</summary>
    public const string TimestampHeader = "X-Softphone-Timestamp";

    /// <summary>Header with the Base64 HMAC-SHA256 signature.</summary>
    public const string SignatureHeader = "X-Softphone-Signature";

    /// <summary>Computes the signature of one request.</summary>
    public static string Compute(string secret, string method, string pathAndQuery, string nodeId, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> bodyHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, bodyHash);
        var text = string.Join('\n',
            method.ToUpperInvariant(),
            pathAndQuery,
            nodeId,
            unixSeconds.ToString(CultureInfo.InvariantCulture),
            Convert.ToHexStringLower(bodyHash));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Signs a response: the text is that of a request whose method is <c>RESPONSE</c> and whose target is the
    /// status code and the signature of the request it answers, so a response is valid for that one request
    /// only (a recorded "dialed" cannot be replayed for another call, and nothing without the secret can
    /// answer in the node's name).
    /// </summary>
    public static string ComputeResponse(string secret, string requestSignature, int status, string nodeId, long unixSeconds, ReadOnlySpan<byte> body) =>
        Compute(secret, "RESPONSE", ResponseTarget(requestSignature, status), nodeId, unixSeconds, body);

    /// <summary>Checks a response's signature headers against the request it answers.</summary>
    public static NodeSignatureResult VerifyResponse(
        string secret,
        string requestSignature,
        int status,
        string nodeId,
        string? timestampHeader,
        string? signatureHeader,
        ReadOnlySpan<byte> body,
        DateTimeOffset now,
        TimeSpan replayWindow) =>
        Verify(secret, "RESPONSE", ResponseTarget(requestSignature, status), nodeId, timestampHeader, signatureHeader, body, now, replayWindow);

    private static string ResponseTarget(string requestSignature, int status) =>
        status.ToString(CultureInfo.InvariantCulture) + " " + requestSignature;

    /// <summary>Checks a received request's signature headers.</summary>
    /// <param name="secret">The node's shared secret.</param>
    /// <param name="method">The request method.</param>
    /// <param name="pathAndQuery">The raw path and query as received.</param>
    /// <param name="nodeId">The node id the request names.</param>
    /// <param name="timestampHeader">The timestamp header value, if any.</param>
    /// <param name="signatureHeader">The signature header value, if any.</param>
    /// <param name="body">The raw body bytes.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="replayWindow">How far the timestamp may lie from now, either way.</param>
    public static NodeSignatureResult Verify(
        string secret,
        string method,
        string pathAndQuery,
        string nodeId,
        string? timestampHeader,
        string? signatureHeader,
        ReadOnlySpan<byte> body,
        DateTimeOffset now,
        TimeSpan replayWindow)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return NodeSignatureResult.Missing;
        }
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            return NodeSignatureResult.Malformed;
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - unixSeconds) > (long)replayWindow.TotalSeconds)
        {
            return NodeSignatureResult.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, method, pathAndQuery, nodeId, unixSeconds, body));
        var given = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? NodeSignatureResult.Valid : NodeSignatureResult.Mismatch;
    }
}
