using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Routing;

/// <summary>A stored press always ends in exactly one outcome, whatever fails between the decision and the answer.</summary>
public sealed class PressPipelineTests : IAsyncLifetime
{
    private const string Account = LiveTwilio.Account;
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private Dictionary<string, string?> LiveBridge()
    {
        var settings = LiveTwilio.Bridge(_twilio);
        settings["Tenants:demo:CallMode"] = "twilio-only";
        return settings;
    }

    [Fact]
    public async Task Press_TwilioAcceptsTheBridgeButItsAnswerIsGarbled_StoresUnconfirmed_AndARetryGetsIt()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Calls.json", 201, "{\"sid\": <html>not json");
        await using var world = await TestWorld.StartAsync(LiveBridge(), startAgent: false);
        var press = new { leadId = "lead-g", to = "+13125550142", callId = "garbled-1" };

        using var first = await world.PressAsync(press);
        using var retry = await world.PressAsync(press);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var call = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("unconfirmed", "twilio", "twilio-unconfirmed"), (call.GetProperty("status").GetString(), call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode); // not 409 call-in-progress: the press has its outcome
        Assert.Equal("unconfirmed", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Single(_twilio.Requests); // the retry placed nothing
        Assert.Equal(1, await world.CountAsync("calls"));
        using var client = world.Gateway.Client();
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-g/timeline");
        Assert.Single(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "call");
    }

    [Fact]
    public async Task Retry_OfAPressWhoseProcessCouldNotStoreItsOutcome_AfterTheLease_GetsTheOutcomeOfItsLastStage()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        await using (var connection = await world.Gateway.Services.GetRequiredService<Database>().OpenAsync())
        {
            // What a press leaves when its outcome could not be written: still routing, the dial sent, lease run out.
            await connection.ExecuteAsync("""
                INSERT INTO calls (tenant_id, id, agent_id, lead_id, to_e164, mode, status, route, created_at, updated_at, routing_until)
                VALUES ('demo', 'stuck', 'boss', 'lead-s', '+13125550142', 'iphone-primary', 'routing', 'iphone',
                        '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:10.0000000Z')
                """);
            // One still inside its lease: that one is genuinely in progress.
            await connection.ExecuteAsync("""
                INSERT INTO calls (tenant_id, id, agent_id, lead_id, to_e164, mode, status, route, created_at, updated_at, routing_until)
                VALUES ('demo', 'busy', 'boss', 'lead-s', '+13125550142', 'iphone-primary', 'routing', NULL,
                        '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', '2999-01-01T00:00:00.0000000Z')
                """);
        }

        using var stuck = await world.PressAsync(new { leadId = "lead-s", to = "+13125550142", callId = "stuck" });
        using var busy = await world.PressAsync(new { leadId = "lead-s", to = "+13125550142", callId = "busy" });

        Assert.Equal(HttpStatusCode.OK, stuck.StatusCode);
        var call = await stuck.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("unconfirmed", "iphone", "press-abandoned"), (call.GetProperty("status").GetString(), call.GetProperty("route").GetString(), call.GetProperty("reason").GetString()));
        Assert.Equal("/api/calls/stuck/fallback", call.GetProperty("fallbackUrl").GetString());
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal("call-in-progress", (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task Press_CallIdEndingInANewline_400_NothingStoredOrDialed()
    {
        await using var world = await TestWorld.StartAsync();

        using var response = await world.PressAsync(new { leadId = "lead-n", to = "+13125550142", callId = "abc\n" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-call-id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(0, await world.CountAsync("calls"));
        Assert.Empty(world.Dialer.Dialed);
    }

    [Theory]
    [InlineData("page=21474837&pageSize=200")]
    [InlineData("page=2147483647")]
    [InlineData("page=0")]
    public async Task ListCalls_PageOutOfRange_400WithTheBounds(string query)
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();

        using var response = await client.GetAsync($"/api/calls?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-page", problem.GetProperty("reason").GetString());
        Assert.Contains("100000", problem.GetProperty("detail").GetString());
    }
}
