using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Events;

public sealed class EventStreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<(HttpResponseMessage Response, SseReader Reader)> OpenAsync(GatewayFactory gateway, string? lastEventId = null, string key = GatewayFactory.BossKey)
    {
        var client = gateway.Client(key);
        client.Timeout = Timeout.InfiniteTimeSpan;
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task Resume_AfterADisconnect_LosesNoEvent()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
        // No agent: its node's "down" comes when the probes say so; it must not land among the events this test counts.
        await world.WaitForNodeAsync("down");
        using var client = world.Gateway.Client();
        var first = await OpenAsync(world.Gateway);
        using (await client.PostAsJsonAsync("/api/calls", new { leadId = "e1", to = "+13125550101", mode = "twilio-only" })) { }
        var seen = await first.Reader.NextAsync(Wait);
        Assert.Equal("call-updated", seen.Type);
        first.Reader.Dispose();
        first.Response.Dispose();

        // While the browser is away:
        using (await client.PostAsJsonAsync("/api/calls", new { leadId = "e2", to = "+13125550102", mode = "twilio-only" })) { }
        using (await client.PostAsJsonAsync("/api/calls", new { leadId = "e3", to = "+13125550103", mode = "twilio-only" })) { }

        var second = await OpenAsync(world.Gateway, lastEventId: seen.Id.ToString());
        var missed = new[] { await second.Reader.NextAsync(Wait), await second.Reader.NextAsync(Wait) };
        // And one that happens while connected.
        using (await client.PostAsJsonAsync("/api/calls", new { leadId = "e4", to = "+13125550104", mode = "twilio-only" })) { }
        var live = await second.Reader.NextAsync(Wait);

        Assert.Contains("e2", missed[0].Data);
        Assert.Contains("e3", missed[1].Data);
        Assert.Contains("e4", live.Data);
        Assert.True(seen.Id < missed[0].Id && missed[0].Id < missed[1].Id && missed[1].Id < live.Id);
        second.Reader.Dispose();
        second.Response.Dispose();
    }

    [Fact]
    public async Task Stream_IsPerTenant_AndNeedsAKey()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
        using var anonymous = world.Gateway.Client(apiKey: null);
        using var refused = await anonymous.GetAsync("/api/events");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var acme = await OpenAsync(world.Gateway, key: GatewayFactory.AcmeKey);
        using var boss = world.Gateway.Client();
        using (await boss.PostAsJsonAsync("/api/calls", new { leadId = "demo-only", to = "+13125550101", mode = "twilio-only" })) { }
        using var acmeClient = world.Gateway.Client(GatewayFactory.AcmeKey);
        using (await acmeClient.PostAsJsonAsync("/api/calls", new { leadId = "acme-lead", to = "+12145550100", mode = "twilio-only" })) { }

        var first = await acme.Reader.NextAsync(Wait);
        Assert.Contains("acme-lead", first.Data);
        Assert.DoesNotContain("demo-only", first.Data);
        acme.Reader.Dispose();
        acme.Response.Dispose();
    }

    [Fact]
    public async Task Stopping_TheGateway_EndsOpenStreams_WithoutWaitingForTheBrowser()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        var (response, reader) = await OpenAsync(world.Gateway);

        // What systemctl stop starts. The browser keeps its stream open; the gateway ends it rather than wait for it
        // (the server would wait its whole shutdown timeout, 30 s, for a console left open).
        world.Gateway.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        await reader.EndAsync(Wait);
        reader.Dispose();
        response.Dispose();
    }

    [Fact]
    public async Task BadLastEventId_400()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Streams_AreLimitedPerAgent_429PastTheLimit_OtherAgentsUnaffected_AClosedOneFreesASlot()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:EventStreamsPerAgent"] = "2" }, startAgent: false);
        var first = await OpenAsync(world.Gateway);
        var second = await OpenAsync(world.Gateway);
        using var client = world.Gateway.Client();
        client.Timeout = Timeout.InfiniteTimeSpan;

        using (var third = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("too-many-streams", (await third.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reason").GetString());
            Assert.True(third.Headers.Contains("Retry-After"));
        }
        var acme = await OpenAsync(world.Gateway, key: GatewayFactory.AcmeKey);
        first.Reader.Dispose();
        first.Response.Dispose();
        (HttpResponseMessage Response, SseReader Reader)? reopened = null;
        await Eventually.WaitAsync(async () =>
        {
            var response = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                reopened = (response, new SseReader(await response.Content.ReadAsStreamAsync()));
                return true;
            }
            response.Dispose();
            return false;
        }, "a slot freed by the closed stream");

        foreach (var (response, reader) in new[] { second, acme, reopened!.Value })
        {
            reader.Dispose();
            response.Dispose();
        }
    }

    [Fact]
    public async Task OneEvent_ReachesEveryOpenStream_WithOneDatabaseReadForTheTenant()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
        // No agent: its node's "down" comes when the probes say so; it must not land among the events this test counts.
        await world.WaitForNodeAsync("down");
        var streams = new List<(HttpResponseMessage Response, SseReader Reader)>();
        for (var i = 0; i < 5; i++)
        {
            streams.Add(await OpenAsync(world.Gateway));
        }
        var hub = world.Gateway.Services.GetRequiredService<Softphone.Gateway.Events.EventBroadcaster>();
        await Eventually.WaitAsync(() => Task.FromResult(hub.FeedReads >= 1), "the first stream's catch-up read");
        var before = hub.FeedReads;

        using var client = world.Gateway.Client();
        using (await client.PostAsJsonAsync("/api/dnc", new { phone = "+13125550142" })) { }
        using (await client.PostAsJsonAsync("/api/calls", new { leadId = "fan", to = "+13125550101", mode = "twilio-only" })) { }
        var seen = new List<(long Id, string Type, string Data)>();
        foreach (var (_, reader) in streams)
        {
            seen.Add(await reader.NextAsync(Wait));
        }

        Assert.All(seen, e => Assert.Equal(("call-updated", seen[0].Id), (e.Type, e.Id)));
        Assert.Equal(1, hub.FeedReads - before); // one read for five streams, not five
        foreach (var (response, reader) in streams)
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
