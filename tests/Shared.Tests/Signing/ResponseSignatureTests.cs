using System.Text;
using Softphone.Shared.Signing;

namespace Softphone.Shared.Tests.Signing;

/// <summary>An agent's answer is signed for the one request it answers.</summary>
public sealed class ResponseSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Dialed = Encoding.UTF8.GetBytes("""{"callId":"c-1","status":"dialed"}""");
    private const string Request = "cmVxdWVzdC1zaWduYXR1cmU=";

    private static NodeSignatureResult Verify(string requestSignature = Request, int status = 200, byte[]? body = null, string secret = "a-node-secret", string? signature = null) =>
        NodeSignature.VerifyResponse(secret, requestSignature, status, "boss-mac", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            signature ?? NodeSignature.ComputeResponse("a-node-secret", Request, 200, "boss-mac", Now.ToUnixTimeSeconds(), Dialed), body ?? Dialed, Now, TimeSpan.FromSeconds(30));

    [Fact]
    public void Response_SignedForItsRequest_Valid() => Assert.Equal(NodeSignatureResult.Valid, Verify());

    [Fact]
    public void Response_ReplayedForAnotherRequest_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(requestSignature: "YW5vdGhlci1yZXF1ZXN0"));

    [Fact]
    public void Response_StatusChanged_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(status: 409));

    [Fact]
    public void Response_BodyChanged_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(body: Encoding.UTF8.GetBytes("""{"callId":"c-2","status":"dialed"}""")));

    [Fact]
    public void Response_OtherSecret_Mismatch() => Assert.Equal(NodeSignatureResult.Mismatch, Verify(secret: "someone-elses-secret"));

    [Fact]
    public void Response_IsNotARequestSignature()
    {
        // A request signature over the same bytes must not pass as an answer (different signed text).
        var asRequest = NodeSignature.Compute("a-node-secret", "POST", "/dial", "boss-mac", Now.ToUnixTimeSeconds(), Dialed);
        Assert.Equal(NodeSignatureResult.Mismatch, Verify(signature: asRequest));
    }
}
