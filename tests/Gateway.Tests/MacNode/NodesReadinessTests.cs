using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>/readyz lists each Mac node's state; a node down degrades readiness but does not fail it (presses fall back to Twilio).</summary>
public sealed class NodesReadinessTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Nodes)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks").GetProperty("nodes"));
    }

    [Fact]
    public async Task ANodeUp_IsHealthy_AndANodeDown_IsDegradedWithItsReason_WhileTheGatewayStaysReady()
    {
        await using var world = await TestWorld.StartAsync();
        using var client = world.Gateway.Client(apiKey: null);
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Nodes.GetProperty("status").GetString() == "healthy", "the node up in /readyz");
        Assert.Equal("demo/boss-mac up", (await ReadyAsync(client)).Nodes.GetProperty("description").GetString());

        await world.StopAgentAsync();
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Nodes.GetProperty("status").GetString() == "degraded", "the node down in /readyz");
        var (status, nodes) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"^demo/boss-mac down \([a-z-]+\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", nodes.GetProperty("description").GetString());
    }
}
