using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Forwarding;

/// <summary>Validated Twilio webhooks copied to a downstream URL through the durable outbox.</summary>
public sealed class ForwardingTests : IAsyncLifetime
{
    private const string Caller = "+13125550142";
    private readonly ConcurrentQueue<(string Key, string Route, string Body)> _received = new();
    private WebApplication _downstream = null!;
    private int _port;

    /// <summary>How many of the next requests the downstream fails with 503 (an outage).</summary>
    private int _failNext;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        _downstream = builder.Build();
        _downstream.MapPost("/hooks", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failNext) >= 0)
            {
                return Results.StatusCode(503);
            }
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((request.Headers["Idempotency-Key"].ToString(), request.Headers["X-Softphone-Webhook"].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await _downstream.StartAsync();
    }

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    private Task<TestWorld> StartAsync(int maxAttempts = 8) => TestWorld.StartAsync(new Dictionary<string, string?>
    {
        ["Twilio:SimulatedCallbackDelay"] = "01:00:00",
        ["Forwarding:Targets:0:Name"] = "crm",
        ["Forwarding:Targets:0:Url"] = $"http://127.0.0.1:{_port}/hooks",
        ["Forwarding:Targets:0:Routes:0"] = "voice/inbound",
        ["Forwarding:Targets:0:Routes:1"] = "voice/status",
        ["Forwarding:InitialBackoff"] = "00:00:00.050",
        ["Forwarding:MaxBackoff"] = "00:00:00.200",
        ["Forwarding:PollInterval"] = "00:00:00.050",
        ["Forwarding:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }, startAgent: false);

    private static async Task<JsonElement> OutboxAsync(TestWorld world)
    {
        using var client = world.Gateway.Client(apiKey: null);
        return (await client.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("checks").GetProperty("outbox");
    }

    [Fact]
    public async Task Webhook_IsCopiedDownstream_WithItsFormAndAnIdempotencyKey_OnlyForTheConfiguredRoutes()
    {
        await using var world = await StartAsync();
        var twilio = new TwilioWebhooks(world.Gateway);
        var sid = "CA" + new string('2', 32);

        await twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", sid), ("From", Caller), ("To", "+16305550100"));
        await twilio.PostTwimlAsync("/twilio/voice/dial-status?tenant=demo&leg=inbound", ("CallSid", sid), ("DialCallStatus", "completed"));
        await Eventually.WaitAsync(() => Task.FromResult(!_received.IsEmpty), "the copy reaches the downstream");
        await Eventually.WaitAsync(async () => (await OutboxAsync(world)).GetProperty("description").GetString() == "0 pending, 0 dead-lettered", "nothing left pending");

        var copy = Assert.Single(_received); // dial-status is not among the target's routes
        Assert.Equal("voice/inbound", copy.Route);
        Assert.Contains($"CallSid={sid}", copy.Body);
        Assert.Contains("From=%2B13125550142", copy.Body);
        Assert.StartsWith("voice/inbound:sha256:", copy.Key);
    }

    [Fact]
    public async Task DownstreamOutage_TwilioIsAnsweredAnyway_TheCopyArrivesOnceAfterwards_EvenIfTwilioRetried()
    {
        _failNext = 3;
        await using var world = await StartAsync();
        var twilio = new TwilioWebhooks(world.Gateway);
        (string, string)[] inbound = [("CallSid", "CA" + new string('3', 32)), ("From", Caller), ("To", "+16305550100")];

        await twilio.PostTwimlAsync("/twilio/voice/inbound", inbound);
        await twilio.PostTwimlAsync("/twilio/voice/inbound", inbound); // Twilio's retry: answered from the receipt
        await Eventually.WaitAsync(() => Task.FromResult(!_received.IsEmpty), "delivered after the outage");
        await Eventually.WaitAsync(async () => (await OutboxAsync(world)).GetProperty("description").GetString() == "0 pending, 0 dead-lettered", "nothing left pending");

        Assert.Single(_received);
    }

    [Fact]
    public async Task DownstreamAlwaysFailing_DeadLetteredAfterTheLimit_ReadyzDegradedAndSaysSo()
    {
        _failNext = int.MaxValue;
        await using var world = await StartAsync(maxAttempts: 3);
        var twilio = new TwilioWebhooks(world.Gateway);

        await twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", "CA" + new string('4', 32)), ("From", Caller), ("To", "+16305550100"));
        await Eventually.WaitAsync(async () => (await OutboxAsync(world)).GetProperty("description").GetString() == "0 pending, 1 dead-lettered", "dead-lettered");

        var outbox = await OutboxAsync(world);
        Assert.Equal("degraded", outbox.GetProperty("status").GetString());
        Assert.Empty(_received);
        Assert.Equal(int.MaxValue - 3, _failNext); // exactly three attempts
    }
}
