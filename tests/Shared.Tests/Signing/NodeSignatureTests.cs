using System.Text;
using Softphone.Shared.Signing;

namespace Softphone.Shared.Tests.Signing;

public sealed class NodeSignatureTests
{
    private const string Secret = "a-shared-secret";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"callId":"c1","to":"+16305550100"}""");

    private static string Sign(string method = "POST", string path = "/dial", string node = "boss-mac", long? at = null, byte[]? body = null) =>
        NodeSignature.Compute(Secret, method, path, node, at ?? Now.ToUnixTimeSeconds(), body ?? Body);

    private static NodeSignatureResult Verify(string? signature, string method = "POST", string path = "/dial", string node = "boss-mac",
        string? timestamp = null, byte[]? body = null, string secret = Secret, DateTimeOffset? now = null) =>
        NodeSignature.Verify(secret, method, path, node, timestamp ?? Now.ToUnixTimeSeconds().ToString(), signature, body ?? Body,
            now ?? Now, TimeSpan.FromSeconds(30));

    [Fact]
    public void Verify_RoundTrip_IsValid() => Assert.Equal(NodeSignatureResult.Valid, Verify(Sign()));

    [Fact]
    public void Compute_IsDeterministicAndMatchesAnIndependentHmac()
    {
        // HMAC-SHA256 over "POST\n/dial\nboss-mac\n<unix>\n<hex sha256(body)>", Base64: computed independently here.
        var bodyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Body));
        var text = $"POST\n/dial\nboss-mac\n{Now.ToUnixTimeSeconds()}\n{bodyHash}";
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, Sign());
    }

    [Fact]
    public void Verify_TamperedBody_Mismatch() =>
        Assert.Equal(NodeSignatureResult.Mismatch, Verify(Sign(), body: Encoding.UTF8.GetBytes("""{"callId":"c1","to":"+19005550100"}""")));

    [Fact]
    public void Verify_OtherPath_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(Sign(), path: "/dial?x=1"));

    [Fact]
    public void Verify_OtherMethod_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(Sign(), method: "PUT"));

    [Fact]
    public void Verify_OtherNode_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(Sign(), node: "other-mac"));

    [Fact]
    public void Verify_WrongSecret_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(Sign(), secret: "another-secret"));

    [Fact]
    public void Verify_TimestampChangedAfterSigning_Mismatch() =>
        Assert.Equal(NodeSignatureResult.Mismatch, Verify(Sign(), timestamp: (Now.ToUnixTimeSeconds() + 1).ToString()));

    [Theory]
    [InlineData(-31)]
    [InlineData(31)]
    [InlineData(-3600)]
    public void Verify_OutsideReplayWindow_Stale(int offsetSeconds)
    {
        var at = Now.ToUnixTimeSeconds() + offsetSeconds;
        Assert.Equal(NodeSignatureResult.Stale, Verify(Sign(at: at), timestamp: at.ToString()));
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(30)]
    public void Verify_AtTheEdgeOfTheWindow_Valid(int offsetSeconds)
    {
        var at = Now.ToUnixTimeSeconds() + offsetSeconds;
        Assert.Equal(NodeSignatureResult.Valid, Verify(Sign(at: at), timestamp: at.ToString()));
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("", "1")]
    [InlineData("sig", null)]
    [InlineData("sig", "")]
    public void Verify_MissingHeaders_Missing(string? signature, string? timestamp) =>
        Assert.Equal(NodeSignatureResult.Missing, NodeSignature.Verify(Secret, "POST", "/dial", "boss-mac", timestamp, signature, Body, Now, TimeSpan.FromSeconds(30)));

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Verify_NonNumericTimestamp_Malformed(string timestamp) =>
        Assert.Equal(NodeSignatureResult.Malformed, Verify(Sign(), timestamp: timestamp));

    [Fact]
    public void Credentials_ToString_HidesTheSecret() =>
        Assert.DoesNotContain(Secret, new NodeCredentials("boss-mac", Secret).ToString(), StringComparison.Ordinal);
}
