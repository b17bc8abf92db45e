using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Hosting;

/// <summary>Each kind of caller has its own budget; past it, 429 ProblemDetails with Retry-After, and other callers are not affected.</summary>
public sealed class RateLimitTests
{
    private static Task<TestWorld> StartAsync() => TestWorld.StartAsync(new Dictionary<string, string?>
    {
        ["RateLimits:ApiPerMinute"] = "3",
        ["RateLimits:WebhooksPerMinute"] = "2",
        ["RateLimits:NodesPerMinute"] = "2",
    }, startAgent: false);

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rate-limited", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Api_PerKey_429AfterTheBudget_OtherKeyUnaffected()
    {
        await using var world = await StartAsync();
        using var boss = world.Gateway.Client();
        using var acme = world.Gateway.Client(GatewayFactory.AcmeKey);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await boss.GetAsync("/api/dnc");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await boss.GetAsync("/api/dnc");
        using var other = await acme.GetAsync("/api/dnc");

        await AssertLimitedAsync(limited);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Webhooks_PerSource_429AfterTheBudget()
    {
        await using var world = await StartAsync();
        var twilio = new TwilioWebhooks(world.Gateway);
        (string, string)[] form = [("CallSid", "CA" + new string('1', 32)), ("CallStatus", "ringing")];

        using var first = await twilio.PostAsync("/twilio/voice/status", form);
        using var second = await twilio.PostAsync("/twilio/voice/status", form);
        using var third = await twilio.PostAsync("/twilio/voice/status", form);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await AssertLimitedAsync(third);
    }

    [Fact]
    public async Task NodeHeartbeats_PerSource_429AfterTheBudget()
    {
        await using var world = await StartAsync();
        using var client = world.Gateway.Client(apiKey: null);

        for (var i = 0; i < 2; i++)
        {
            using var refused = await client.PostAsync("/api/node/heartbeat", null);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var limited = await client.PostAsync("/api/node/heartbeat", null);

        await AssertLimitedAsync(limited);
    }
}
