using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Timeline;

public sealed class TimelineTests
{
    [Fact]
    public async Task Timeline_ShowsEachCallWithRouteAndReason_AndTheNodeTransitionThatAffectedIt()
    {
        await using var world = await TestWorld.StartAsync();
        using (await world.PressAsync(new { leadId = "lead-t", to = "+13125550142", leadName = "Pat Lee", leadState = "IL" })) { }
        await world.StopAgentAsync();
        await world.WaitForNodeAsync("down");
        using (await world.PressAsync(new { leadId = "lead-t", to = "+13125550142" })) { }
        using var client = world.Gateway.Client();

        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-t/timeline");

        Assert.Equal(("Pat Lee", "IL", "+13125550142"), (timeline.GetProperty("name").GetString(), timeline.GetProperty("state").GetString(), timeline.GetProperty("phone").GetString()));
        var entries = timeline.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal("call", entries[0].GetProperty("type").GetString());
        Assert.Equal("twilio", entries[0].GetProperty("details").GetProperty("route").GetString());
        Assert.Equal("node-down", entries[0].GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("node-failover", entries[1].GetProperty("type").GetString());
        Assert.Contains("boss-mac was down", entries[1].GetProperty("summary").GetString());
        Assert.Equal("iphone", entries[2].GetProperty("details").GetProperty("route").GetString());
        Assert.Contains("Pat Lee", entries[2].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Timeline_UnknownLead_404()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        using var response = await client.GetAsync("/api/leads/nobody/timeline");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("lead-not-found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }
}
