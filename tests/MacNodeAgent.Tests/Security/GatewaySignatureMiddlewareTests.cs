using System.Globalization;
using System.Net;
using System.Text;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;

namespace Softphone.MacNodeAgent.Tests.Security;

public sealed class GatewaySignatureMiddlewareTests
{
    private static readonly byte[] Body = NodeJson.Serialize(new DialRequest("c-1", "+16305550100"));

    private static HttpRequestMessage Signed(string nodeId = "boss-mac", string secret = AgentFixture.Secret, long? at = null, byte[]? sentBody = null)
    {
        var timestamp = at ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "dial") { Content = new ByteArrayContent(sentBody ?? Body) };
        request.Headers.Add(NodeSignature.NodeHeader, nodeId);
        request.Headers.Add(NodeSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(NodeSignature.SignatureHeader, NodeSignature.Compute(secret, "POST", "/dial", nodeId, timestamp, Body));
        return request;
    }

    private static async Task AssertRejectedAsync(HttpRequestMessage request)
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.PlainClient();
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("bad-signature", await response.Content.ReadAsStringAsync());
        Assert.Empty(agent.Dialer.Dialed);
    }

    [Fact]
    public async Task Dial_HandSignedCorrectly_Accepted()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.PlainClient();
        using var response = await client.SendAsync(Signed());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public Task Dial_Unsigned_401() =>
        AssertRejectedAsync(new HttpRequestMessage(HttpMethod.Post, "dial") { Content = new ByteArrayContent(Body) });

    [Fact]
    public Task Dial_WrongSecret_401() => AssertRejectedAsync(Signed(secret: "someone-elses-secret"));

    [Fact]
    public Task Dial_OtherNodeId_401() => AssertRejectedAsync(Signed(nodeId: "other-mac"));

    [Fact]
    public Task Dial_BodyTamperedAfterSigning_401() =>
        AssertRejectedAsync(Signed(sentBody: Encoding.UTF8.GetBytes("""{"callId":"c-1","to":"+19005550100"}""")));

    [Fact]
    public Task Dial_StaleTimestamp_401() =>
        AssertRejectedAsync(Signed(at: TimeProvider.System.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds()));

    [Fact]
    public async Task Health_Unsigned_401_SignedReportsTheNode()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var plain = agent.PlainClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.GetAsync("health")).StatusCode);

        using var signed = agent.SignedClient();
        var report = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<NodeStatusReport>(signed, "health", NodeJson.Options);
        Assert.Equal("boss-mac", report!.NodeId);
        Assert.True(report.DialerReady);
        Assert.Equal("recording", report.Dialer);
    }
}
