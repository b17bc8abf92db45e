using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>Both directions of the gateway ↔ agent link refuse unsigned, tampered or stale requests.</summary>
/// <remarks>
/// The refusals share one gateway (<see cref="SharedWorld"/>) whose node no test ever sends a good heartbeat: each one
/// checks that the node was not touched, so a refusal that let one through would fail. Accepted heartbeats and the
/// dial each start their own gateway.
/// </remarks>
public sealed class NodeLinkSignatureTests(GatewayAlone refusing) : IClassFixture<GatewayAlone>
{
    private static readonly NodeStatusReport Report = new("boss-mac", "9.9.9", 1, true, "recording", null);

    private static HttpRequestMessage Heartbeat(string secret, string nodeId = "boss-mac", long? at = null, byte[]? sentBody = null)
    {
        var body = NodeJson.Serialize(Report with { NodeId = nodeId });
        var timestamp = at ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/node/heartbeat") { Content = new ByteArrayContent(sentBody ?? body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(NodeSignature.NodeHeader, nodeId);
        request.Headers.Add(NodeSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(NodeSignature.SignatureHeader, NodeSignature.Compute(secret, "POST", "/api/node/heartbeat", nodeId, timestamp, body));
        return request;
    }

    [Fact]
    public async Task Heartbeat_PercentEncodedPath_SignedAsSent_Accepted()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        const string target = "/api/node/he%61rtbeat"; // routed as /api/node/heartbeat
        var body = NodeJson.Serialize(Report);
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        // The signer signed the target as sent, so that is what must be checked (not the decoded path).
        var status = await Softphone.Tests.RawHttp.SendAsync(world.Gateway.Address.Port, "POST", target, new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            [NodeSignature.NodeHeader] = "boss-mac",
            [NodeSignature.TimestampHeader] = at.ToString(CultureInfo.InvariantCulture),
            [NodeSignature.SignatureHeader] = NodeSignature.Compute(GatewayFactory.NodeSecret, "POST", target, "boss-mac", at, body),
        }, body);

        Assert.Equal(204, status);
    }

    [Fact]
    public async Task Heartbeat_Rejected_DetailDoesNotSayWhichPartWasWrong()
    {
        var world = refusing.World;
        using var client = world.Gateway.Client(apiKey: null);

        using var response = await client.SendAsync(Heartbeat(GatewayFactory.NodeSecret, at: TimeProvider.System.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds()));
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Stale", detail);
        Assert.Contains("current time", detail);
    }

    [Fact]
    public async Task Heartbeat_ChunkedBodyOverItsCap_413()
    {
        var world = refusing.World;
        using var client = world.Gateway.Client(apiKey: null);
        using var response = await OversizedBody.SendAsync(client,
            () => new HttpRequestMessage(HttpMethod.Post, "/api/node/heartbeat") { Content = new StreamContent(new MemoryStream(new byte[100_000])) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    public static TheoryData<string> Forgeries => new() { "unsigned", "wrong-secret", "unknown-node", "tampered-body", "stale" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Heartbeat_Forged_401_AndTheNodeIsNotTouched(string forgery)
    {
        var world = refusing.World;
        using var client = world.Gateway.Client(apiKey: null);
        using var request = forgery switch
        {
            "unsigned" => new HttpRequestMessage(HttpMethod.Post, "/api/node/heartbeat") { Content = JsonContent.Create(Report) },
            "wrong-secret" => Heartbeat("not-the-secret"),
            "unknown-node" => Heartbeat(GatewayFactory.NodeSecret, nodeId: "stranger-mac"),
            "tampered-body" => Heartbeat(GatewayFactory.NodeSecret, sentBody: Encoding.UTF8.GetBytes("""{"nodeId":"boss-mac","version":"x","uptimeSeconds":1,"dialerReady":false,"dialer":"x"}""")),
            _ => Heartbeat(GatewayFactory.NodeSecret, at: TimeProvider.System.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds()),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("bad-signature", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var node = await world.NodeAsync();
        Assert.Equal(JsonValueKind.Null, node.GetProperty("lastHeartbeatAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, node.GetProperty("version").ValueKind);
    }

    [Fact]
    public async Task Heartbeat_SignedCorrectly_204AndRecorded()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client(apiKey: null);

        using var response = await client.SendAsync(Heartbeat(GatewayFactory.NodeSecret));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var node = await world.NodeAsync();
        Assert.Equal("9.9.9", node.GetProperty("version").GetString());
        Assert.NotEqual(JsonValueKind.Null, node.GetProperty("lastHeartbeatAt").ValueKind);
    }

    [Fact]
    public async Task Heartbeat_SignedBodyForAnotherNode_400()
    {
        var world = refusing.World;
        using var client = world.Gateway.Client(apiKey: null);
        var body = NodeJson.Serialize(Report with { NodeId = "other-mac" });
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/node/heartbeat") { Content = new ByteArrayContent(body) };
        request.Headers.Add(NodeSignature.NodeHeader, "boss-mac");
        request.Headers.Add(NodeSignature.TimestampHeader, at.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(NodeSignature.SignatureHeader, NodeSignature.Compute(GatewayFactory.NodeSecret, "POST", "/api/node/heartbeat", "boss-mac", at, body));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Dial_GatewaySignsWithTheWrongSecret_AgentRefuses_PressFallsBackWithNothingDialed()
    {
        // The agent holds a different secret from the gateway: every gateway request to it is a forgery.
        await using var world = await TestWorld.StartAsync(startAgent: false, agentSecret: "agent-has-another-secret");
        await world.StartAgentAsync();

        var call = await world.PressJsonAsync(new { leadId = "l1", to = "+13125550142" });

        Assert.Equal("twilio", call.GetProperty("route").GetString());
        Assert.Contains(call.GetProperty("reason").GetString(), new[] { "node-rejected-signature", "node-down", "circuit-open" });
        Assert.Empty(world.Dialer.Dialed);
        var node = await world.NodeAsync();
        Assert.Equal("down", node.GetProperty("state").GetString());
    }
}
