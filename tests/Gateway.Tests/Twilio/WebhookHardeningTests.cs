using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;
using Softphone.Gateway.Twilio;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>What the webhook inbox stores, retries and refuses: failures, replays, connection overrides, and bodies Twilio never sends.</summary>
/// <remarks>One gateway for the class (<see cref="SharedWorld"/>): each test has its own CallSids and checks what it changed by difference.</remarks>
public sealed class WebhookHardeningTests(WebhookHardeningTests.Gateway shared) : IClassFixture<WebhookHardeningTests.Gateway>
{
    private const string Caller = "+13125550142";
    private readonly TestWorld _world = shared.World;
    private readonly TwilioWebhooks _twilio = new(shared.World.Gateway);

    /// <summary>The gateway alone, callbacks played by hand, and a short busy timeout so that a held write lock fails a callback quickly.</summary>
    public sealed class Gateway : SharedWorld
    {
        private protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:SimulatedCallbackDelay"] = "01:00:00",
            ["Storage:BusyTimeout"] = "00:00:00.200",
        }, startAgent: false);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _world.Gateway.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task StatusCallback_ThatCannotBeStored_Answers5xx_StoresNoReceipt_AndTwiliosRetryApplies()
    {
        var sid = "CA" + new string('4', 32);
        await _twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", sid), ("From", Caller), ("To", "+16305550100"));
        (string, string)[] completed = [("CallSid", sid), ("CallStatus", "completed"), ("SequenceNumber", "3"), ("CallDuration", "17")];
        var receipts = await CountAsync("SELECT COUNT(*) FROM webhook_receipts");

        HttpResponseMessage failed;
        await using (var locker = await _world.Gateway.Services.GetRequiredService<Database>().OpenAsync())
        {
            // Another writer holds the database past the busy timeout: the callback's transaction cannot commit.
            await locker.ExecuteAsync("BEGIN IMMEDIATE");
            failed = await _twilio.PostAsync("/twilio/voice/status?tenant=demo", completed);
            await locker.ExecuteAsync("ROLLBACK");
        }
        using var retried = await _twilio.PostAsync("/twilio/voice/status?tenant=demo", completed);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("callback-not-stored", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        failed.Dispose();
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(receipts + 1, await CountAsync("SELECT COUNT(*) FROM webhook_receipts"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM voice_calls WHERE call_sid = '{sid}' AND status = 'completed' AND duration_seconds = 17"));
    }

    [Fact]
    public async Task VoiceWebhook_WhereACallerWaits_ThatCannotBeStored_StillAnswersTwiml()
    {
        HttpResponseMessage answer;
        await using (var locker = await _world.Gateway.Services.GetRequiredService<Database>().OpenAsync())
        {
            await locker.ExecuteAsync("BEGIN IMMEDIATE");
            answer = await _twilio.PostAsync("/twilio/voice/inbound", [("CallSid", "CA" + new string('5', 32)), ("From", Caller), ("To", "+16305550100")]);
            await locker.ExecuteAsync("ROLLBACK");
        }

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var xml = System.Xml.Linq.XDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.NotNull(xml.Root!.Element("Say"));
        Assert.NotNull(xml.Root.Element("Hangup"));
        answer.Dispose();
    }

    [Fact]
    public async Task Callback_SignedOverTheUrlWithConnectionOverrides_AsTwilioSignsIt_IsAccepted()
    {
        var sid = "CA" + new string('6', 32);
        await _twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", sid), ("From", Caller), ("To", "+16305550100"));

        // Twilio was handed ".../status?tenant=demo#rc=5&rp=ct,rt,5xx": it signs that, and requests it without the fragment.
        using var response = await _twilio.PostAsync("/twilio/voice/status?tenant=demo" + WebhookUrls.CallbackOverrides, [("CallSid", sid), ("CallStatus", "ringing")]);
        using var otherFragment = await _twilio.PostAsync("/twilio/voice/status?tenant=demo#rc=1", [("CallSid", sid), ("CallStatus", "in-progress")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherFragment.StatusCode); // only the overrides the gateway hands out
    }

    [Fact]
    public async Task CallbackUrls_HandedToTwilio_CarryTheConnectionOverrides()
    {
        using var client = _world.Gateway.Client();
        using var press = await _world.PressAsync(new { leadId = "lead-o", to = Caller, mode = "twilio-only" });
        var sid = "CA" + new string('7', 32);
        var call = await press.Content.ReadFromJsonAsync<JsonElement>();
        var twiml = System.Xml.Linq.XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/outbound", ("CallSid", sid), ("From", "client:demo_boss"), ("To", Caller),
            ("CallId", call.GetProperty("callId").GetString()!)));
        var voicemail = System.Xml.Linq.XDocument.Parse(await _twilio.PostTwimlAsync("/twilio/voice/dial-status?tenant=demo&leg=inbound", ("CallSid", sid), ("DialCallStatus", "no-answer")));

        var number = twiml.Root!.Element("Dial")!.Element("Number")!;
        Assert.EndsWith(WebhookUrls.CallbackOverrides, (string)number.Attribute("statusCallback")!);
        Assert.EndsWith(WebhookUrls.CallbackOverrides, (string)twiml.Root.Element("Dial")!.Attribute("recordingStatusCallback")!);
        var record = voicemail.Root!.Element("Record")!;
        Assert.EndsWith(WebhookUrls.CallbackOverrides, (string)record.Attribute("transcribeCallback")!);
        Assert.EndsWith(WebhookUrls.CallbackOverrides, (string)record.Attribute("recordingStatusCallback")!);
        Assert.DoesNotContain("#", (string)record.Attribute("action")!); // where a caller waits, no retries of ours
    }

    [Fact]
    public async Task Replay_WithAMadeUpIdempotencyToken_OrARepeatedParameter_ChangesNothing()
    {
        var sid = "CA" + new string('3', 32);
        (string, string)[] form = [("From", Caller), ("To", "+16305550100"), ("CallSid", sid)];
        await _twilio.PostTwimlAsync("/twilio/voice/inbound", form);
        // The call's own writes; the node's state events (its agent is not running here) come whenever its probes say so.
        const string Timeline = "SELECT COUNT(*) FROM timeline";
        const string Events = "SELECT COUNT(*) FROM events WHERE type NOT LIKE 'node-%'";
        var before = (await CountAsync(Timeline), await CountAsync(Events));

        using var newToken = await _twilio.PostAsync("/twilio/voice/inbound", form, idempotencyToken: "made-up-" + Guid.NewGuid());
        using var repeated = await _twilio.PostAsync("/twilio/voice/inbound", [.. form, ("CallSid", sid)]);

        Assert.Equal(HttpStatusCode.OK, newToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(before, (await CountAsync(Timeline), await CountAsync(Events)));
    }

    [Fact]
    public async Task ABurstOfWebhooks_CommittedTogether_IsEachStoredOnce_AndADeliveryTwiceInTheBurstGetsOneAnswer()
    {
        var services = _world.Gateway.Services;
        var groupCommit = services.GetRequiredService<GroupCommit>();
        var sids = Enumerable.Range(0, 12).Select(i => $"CA{i:D2}" + new string('6', 30)).ToArray();
        (string, string)[] Form(string sid) => [("From", Caller), ("To", "+16305550100"), ("CallSid", sid)];
        var receipts = await CountAsync("SELECT COUNT(*) FROM webhook_receipts");

        Task<HttpResponseMessage>[] answers;
        using (await services.GetRequiredService<Database>().TakeWriteTurnAsync(CancellationToken.None))
        {
            // Another writer holds the turn: the burst (and the first webhook delivered a second time) queues behind it.
            answers = [.. sids.Select(sid => _twilio.PostAsync("/twilio/voice/inbound", Form(sid))), _twilio.PostAsync("/twilio/voice/inbound", Form(sids[0]))];
            await Eventually.WaitAsync(() => Task.FromResult(groupCommit.Waiting == answers.Length), "the burst queued for one batch");
            Assert.All(answers, answer => Assert.False(answer.IsCompleted));
        }
        var bodies = new List<string>();
        foreach (var answer in answers)
        {
            using var response = await answer;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(bodies, body => Assert.Contains("<Response>", body));
        Assert.Equal(bodies[0], bodies[^1]);
        Assert.Equal(receipts + sids.Length, await CountAsync("SELECT COUNT(*) FROM webhook_receipts"));
        Assert.Equal(sids.Length, await CountAsync($"SELECT COUNT(*) FROM voice_calls WHERE call_sid IN ({string.Join(',', sids.Select(s => $"'{s}'"))})"));
    }

    [Fact]
    public async Task MalformedMultipart_415_OneLineNoStackTrace()
    {
        using var client = _world.Gateway.Client(apiKey: null);
        using var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\nCA1\r\n--broken", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        using var response = await client.PostAsync("/twilio/voice/status", content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("unsupported-media-type", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Theory]
    [InlineData(300, 10, 10)]      // too many fields
    [InlineData(1, 1000, 10)]      // a key too long
    [InlineData(1, 10, 40_000)]    // a value too long
    public async Task OversizedForms_4xxProblem_NotA500(int fields, int keyLength, int valueLength)
    {
        var form = Enumerable.Range(0, fields).Select(i => ($"K{i}" + new string('k', keyLength), new string('v', valueLength))).ToList();

        using var response = await _twilio.PostAsync("/twilio/voice/status", form);

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BodyOverTwiliosSizes_413BeforeTheSignatureIsChecked()
    {
        using var client = _world.Gateway.Client(apiKey: null);
        var body = Encoding.ASCII.GetBytes("Body=" + new string('a', 200_000));

        using var response = await OversizedBody.SendAsync(client, () =>
        {
            var content = new StreamContent(new MemoryStream(body));
            content.Headers.ContentType = new("application/x-www-form-urlencoded");
            return new HttpRequestMessage(HttpMethod.Post, "/twilio/sms/inbound") { Content = content };
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
