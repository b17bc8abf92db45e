using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Routing;

public sealed class CallQueriesTests : IAsyncLifetime
{
    private TestWorld _world = null!;

    public async Task InitializeAsync() => _world = await TestWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task List_FiltersByLeadAndRoute_NewestFirst_Paged()
    {
        for (var i = 0; i < 3; i++)
        {
            using (await _world.PressAsync(new { leadId = "lead-a", to = $"+1312555010{i}" })) { }
        }
        using (await _world.PressAsync(new { leadId = "lead-b", to = "+13125550109", mode = "twilio-only" })) { }
        using var client = _world.Gateway.Client();

        var leadA = await client.GetFromJsonAsync<JsonElement>("/api/calls?leadId=lead-a&pageSize=2");
        var twilio = await client.GetFromJsonAsync<JsonElement>("/api/calls?route=twilio");
        var page2 = await client.GetFromJsonAsync<JsonElement>("/api/calls?leadId=lead-a&pageSize=2&page=2");
        var future = await client.GetFromJsonAsync<JsonElement>($"/api/calls?since={Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddHours(1).ToString("O"))}");

        Assert.Equal(2, leadA.GetProperty("items").GetArrayLength());
        Assert.Equal(2, leadA.GetProperty("nextPage").GetInt32());
        Assert.Equal("+13125550102", leadA.GetProperty("items")[0].GetProperty("to").GetString());
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextPage").ValueKind);
        Assert.Equal("lead-b", twilio.GetProperty("items").EnumerateArray().Single().GetProperty("leadId").GetString());
        Assert.Equal(0, future.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnotherTenant_SeesNoneOfTheCallsLeadsOrNodes()
    {
        var call = await _world.PressJsonAsync(new { leadId = "lead-a", to = "+13125550142" });
        var id = call.GetProperty("callId").GetString();
        using var acme = _world.Gateway.Client(GatewayFactory.AcmeKey);

        using var get = await acme.GetAsync($"/api/calls/{id}");
        using var timeline = await acme.GetAsync("/api/leads/lead-a/timeline");
        using var fallback = await acme.PostAsync($"/api/calls/{id}/fallback", null);
        var list = await acme.GetFromJsonAsync<JsonElement>("/api/calls");
        var nodes = await acme.GetFromJsonAsync<JsonElement>("/api/nodes");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, timeline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fallback.StatusCode);
        Assert.DoesNotContain(id!, await get.Content.ReadAsStringAsync());
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(0, nodes.GetArrayLength());
    }

    [Fact]
    public async Task AnotherTenant_SameClientCallId_IsItsOwnCall()
    {
        using (await _world.PressAsync(new { leadId = "lead-a", to = "+13125550142", callId = "shared-id" })) { }

        using var acme = await _world.PressAsync(new { leadId = "lead-z", to = "+12145550100", callId = "shared-id" }, GatewayFactory.AcmeKey);

        // Acme's agent has no Mac node: iphone-primary falls to Twilio, caller ID from Acme's own numbers.
        Assert.Equal(HttpStatusCode.Created, acme.StatusCode);
        var call = await acme.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("twilio", "no-node", "+12145550177"), (call.GetProperty("route").GetString(), call.GetProperty("reason").GetString(), call.GetProperty("callerId").GetString()));
    }

    [Fact]
    public async Task Nodes_ShowsStateCircuitHeartbeatProbeAndRoundTrip()
    {
        // Up can come from a heartbeat before the first probe succeeds; wait for both signals.
        await Eventually.WaitAsync(async () => await _world.NodeAsync() is var n
            && n.GetProperty("lastHeartbeatAt").ValueKind != JsonValueKind.Null && n.GetProperty("lastProbeOk").ValueKind == JsonValueKind.True,
            "a heartbeat and a successful probe");
        var node = await _world.NodeAsync();

        Assert.Equal("boss-mac", node.GetProperty("nodeId").GetString());
        Assert.Equal("boss", node.GetProperty("agentId").GetString());
        Assert.Equal("up", node.GetProperty("state").GetString());
        Assert.Equal("closed", node.GetProperty("circuit").GetString());
        Assert.True(node.GetProperty("lastProbeOk").GetBoolean(), node.ToString());
        Assert.True(node.GetProperty("roundTripMs").GetDouble() >= 0);
        Assert.True(node.GetProperty("dialerReady").GetBoolean());
        Assert.Contains(node.GetProperty("recentTransitions").EnumerateArray(), t => t.GetProperty("toState").GetString() == "up");
    }
}
