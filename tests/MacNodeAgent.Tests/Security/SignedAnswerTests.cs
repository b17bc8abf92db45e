using System.Net;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;

namespace Softphone.MacNodeAgent.Tests.Security;

/// <summary>Every answer to a signed request carries the node's signature for that request.</summary>
public sealed class SignedAnswerTests
{
    private static async Task<NodeSignatureResult> VerifyAsync(HttpRequestMessage request, HttpResponseMessage response) =>
        NodeSignature.VerifyResponse(AgentFixture.Secret, request.Headers.GetValues(NodeSignature.SignatureHeader).Single(), (int)response.StatusCode, "boss-mac",
            response.Headers.GetValues(NodeSignature.TimestampHeader).Single(), response.Headers.GetValues(NodeSignature.SignatureHeader).Single(),
            await response.Content.ReadAsByteArrayAsync(), TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Health_AnswerIsSignedForTheRequest()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.SignedClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "health");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(NodeSignatureResult.Valid, await VerifyAsync(request, response));
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Conflict)]
    public async Task Dial_DialedAndRefusedAnswers_AreSignedForTheRequest(bool ready, HttpStatusCode expected)
    {
        await using var agent = await AgentFixture.StartAsync();
        agent.Dialer.IsReady = ready;
        using var client = agent.SignedClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "dial") { Content = new ByteArrayContent(NodeJson.Serialize(new DialRequest("c-signed", "+16305550100"))) };

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(NodeSignatureResult.Valid, await VerifyAsync(request, response));
    }
}
