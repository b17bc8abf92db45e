using System.Net;
using System.Net.Http.Json;
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
    public async Task BadLastEventId_400()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
