using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Sms;

/// <summary>The A2P poll (a Quartz job per tenant) against the loopback fake Twilio server.</summary>
// Slow: its polls wait on the scheduler's real clock (4 s in all; after the classes above started first, it was the project's tail).
[Slow(seconds: 4)]
public sealed class A2pPollingTests : IAsyncLifetime
{
    private const string Account = "AC0123456789abcdef0123456789abcdef";
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private void Campaign(string status, string errors = "[]") => _twilio.Answer("GET", "/v1/Services/MGdemo/Compliance/Usa2p", 200,
        """{"compliance":[{"sid":"QEdemo","campaign_status":"STATUS","errors":ERRORS,"date_created":"2026-11-10T09:00:00Z"}],"meta":{}}"""
            .Replace("STATUS", status, StringComparison.Ordinal).Replace("ERRORS", errors, StringComparison.Ordinal));

    private Task<TestWorld> LiveAsync(string pollInterval) => TestWorld.StartAsync(new Dictionary<string, string?>
    {
        ["Twilio:AccountSid"] = Account, ["Twilio:AuthToken"] = "live-auth-token", ["Twilio:ApiBaseUrl"] = _twilio.BaseUrl, ["Twilio:MessagingBaseUrl"] = _twilio.BaseUrl,
        ["Tenants:demo:MessagingServiceSid"] = "MGdemo", ["Sms:A2pPollInterval"] = pollInterval,
    }, startAgent: false);

    [Fact]
    public async Task PendingThenVerified_ThePollSwitchesTextingOn_WithoutARestart_ThenSlowsDown()
    {
        Campaign("IN_PROGRESS");
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Messages.json", 201, """{"sid":"SMsent{n}","status":"accepted"}""");
        await using var world = await LiveAsync("00:00:01");
        using var client = world.Gateway.Client();
        await Eventually.WaitAsync(async () => (await client.GetFromJsonAsync<JsonElement>("/api/a2p")).GetProperty("status").GetString() == "IN_PROGRESS", "the first poll");
        using (var refused = await client.PostAsJsonAsync("/api/sms", new { to = "+13125550142", body = "hello" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        Campaign("VERIFIED");
        await Eventually.WaitAsync(async () => (await client.GetFromJsonAsync<JsonElement>("/api/a2p")).GetProperty("smsEnabled").GetBoolean(), "a poll to see VERIFIED");

        using var sent = await client.PostAsJsonAsync("/api/sms", new { to = "+13125550142", body = "hello" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var a2p = await client.GetFromJsonAsync<JsonElement>("/api/a2p");
        Assert.Equal(JsonValueKind.Null, a2p.GetProperty("reason").ValueKind);
        // Approved: read once a day (Sms:A2pApprovedPollInterval), not every second.
        Assert.True(a2p.GetProperty("nextCheckAt").GetDateTimeOffset() > TimeProvider.System.GetUtcNow() + TimeSpan.FromHours(23), a2p.ToString());
        var polls = _twilio.Requests.Count(r => r.Path.EndsWith("/Usa2p", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2.5), TimeProvider.System);
        Assert.Equal(polls, _twilio.Requests.Count(r => r.Path.EndsWith("/Usa2p", StringComparison.Ordinal)));
        await using var connection = await world.Gateway.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE type = 'a2p-verified'"));
    }

    [Fact]
    public async Task FailedCampaign_KeepsTextingOff_WithTwilioReasonShown()
    {
        Campaign("FAILED", """["Opt-in flow is missing the consent language"]""");
        await using var world = await LiveAsync("01:00:00");
        using var client = world.Gateway.Client();

        await Eventually.WaitAsync(async () => (await client.GetFromJsonAsync<JsonElement>("/api/a2p")).GetProperty("status").GetString() == "FAILED", "the first poll");
        var a2p = await client.GetFromJsonAsync<JsonElement>("/api/a2p");
        using var text = await client.PostAsJsonAsync("/api/sms", new { to = "+13125550142", body = "hello" });
        var problem = await text.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(a2p.GetProperty("smsEnabled").GetBoolean());
        Assert.Equal("Opt-in flow is missing the consent language", a2p.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, a2p.GetProperty("expectedApprovalBy").ValueKind);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "a2p-rejected"), (text.StatusCode, problem.GetProperty("reason").GetString()));
        Assert.Contains("consent language", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(_twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readyz_ShowsTheSchedulerRunning_WithTheA2pPollTrigger()
    {
        Campaign("VERIFIED");
        await using var world = await LiveAsync("01:00:00");
        using var client = world.Gateway.Client(null);

        // /readyz answers 503 until the first credential check against the fake Twilio is done: read its body either way.
        JsonElement scheduler = default;
        await Eventually.WaitAsync(async () =>
        {
            using var response = await client.GetAsync("/readyz");
            scheduler = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("scheduler");
            return scheduler.GetProperty("status").GetString() == "healthy";
        }, "the scheduler healthy in /readyz");


        Assert.StartsWith("running; triggers: 1 a2p", scheduler.GetProperty("description").GetString());
    }
}
