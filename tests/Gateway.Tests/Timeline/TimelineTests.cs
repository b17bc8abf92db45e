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

    [Fact]
    public void Schema_InDocs_ListsExactlyTheEntryTypesTheGatewayWrites()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "timeline.schema.json")));
        var documented = schema.RootElement.GetProperty("$defs").GetProperty("entry").GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(Softphone.Gateway.Timeline.TimelineTypes.All, documented);
    }

    [Fact]
    public async Task Timeline_IsCursorPaged_NewestFirst_WithStableIds()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        for (var i = 0; i < 5; i++)
        {
            using (await client.PostAsJsonAsync("/api/calls", new { leadId = "lead-page", to = "+13125550142", mode = "twilio-only" })) { }
        }

        var all = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-page/timeline");
        var paged = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-page/timeline?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            var ids = page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            Assert.InRange(ids.Count, 1, 2);
            paged.AddRange(ids);
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()), paged);
        Assert.Equal(5, all.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "call"));
        Assert.Equal((paged.Count + 1) / 2, pages);
        Assert.Equal(paged.Distinct().Count(), paged.Count);
        using var bad = await client.GetAsync("/api/leads/lead-page/timeline?cursor=not-ours");
        Assert.Equal("invalid-cursor", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }
}
