using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Sms;

/// <summary>POST /api/sms and the SMS webhooks, against the fake Twilio server (live settings) or the simulation.</summary>
[Slow]
public sealed class SmsTests(SmsTests.RefusalWorld refusals) : IAsyncLifetime, IClassFixture<SmsTests.RefusalWorld>
{
    private const string Account = "AC0123456789abcdef0123456789abcdef";
    private const string Lead = "+13125550142";
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private Task<TestWorld> LiveAsync(IDictionary<string, string?>? more = null) => LiveAsync(_twilio, more);

    private static Task<TestWorld> LiveAsync(FakeTwilioServer twilio, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = Account, ["Twilio:AuthToken"] = "live-auth-token", ["Twilio:ApiBaseUrl"] = twilio.BaseUrl, ["Twilio:MessagingBaseUrl"] = twilio.BaseUrl,
            ["Tenants:demo:MessagingServiceSid"] = "MGdemo", 
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return TestWorld.StartAsync(settings, startAgent: false);
    }

    private void Campaign(string status) => Campaign(_twilio, status);

    private static void Campaign(FakeTwilioServer twilio, string status) => twilio.Answer("GET", "/v1/Services/MGdemo/Compliance/Usa2p", 200,
        """{"compliance":[{"sid":"QEdemo","campaign_status":"STATUS","errors":[],"date_created":"2026-11-10T09:00:00Z","date_updated":"2026-11-12T09:00:00Z"}],"meta":{}}""".Replace("STATUS", status, StringComparison.Ordinal));

    private void MessagesAccepted() => _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Messages.json", 201, """{"sid":"SMsent{n}","status":"accepted"}""");

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString();

    [Fact]
    public async Task A2p_PendingRefusesWithDates_ThenApprovedSends()
    {
        Campaign("IN_PROGRESS");
        MessagesAccepted();
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();

        using var pending = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "Hello" });
        var problem = await pending.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "a2p-pending"), (pending.StatusCode, problem.GetProperty("reason").GetString()));
        Assert.Equal("IN_PROGRESS", problem.GetProperty("campaignStatus").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), problem.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), problem.GetProperty("expectedApprovalBy").GetDateTimeOffset());
        Assert.DoesNotContain(_twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));

        // Approved at Twilio: a forced check switches texting on without waiting for the next hourly poll.
        Campaign("VERIFIED");
        using var refreshed = await client.PostAsync("/api/a2p/refresh", null);
        var a2p = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.OK, "VERIFIED", true), (refreshed.StatusCode, a2p.GetProperty("status").GetString(), a2p.GetProperty("smsEnabled").GetBoolean()));
        using var sent = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "Hello", leadId = "lead-a2p" });

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var request = Assert.Single(_twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
        Assert.Equal("MGdemo", request.Field("MessagingServiceSid"));
        Assert.Null(request.Field("From"));
        Assert.StartsWith(world.Gateway.Address.ToString().TrimEnd('/') + "/twilio/sms/status?tenant=demo", request.Field("StatusCallback"));
    }

    [Fact]
    public async Task FirstText_IdentifiesTheBusiness_LaterOnesDoNot_AndTheAnswerHasSegments()
    {
        Campaign("VERIFIED");
        MessagesAccepted();
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();

        var first = await (await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "Hi Pat 😀" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(first.TryGetProperty("identificationAdded", out _), first.ToString());
        var second = await (await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = new string('a', 161) })).Content.ReadFromJsonAsync<JsonElement>();
        var named = await (await client.PostAsJsonAsync("/api/sms", new { to = "+13125550143", body = "Demo Realty here: the house is ready" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(first.GetProperty("identificationAdded").GetBoolean());
        Assert.Equal("Demo Realty: Hi Pat 😀", first.GetProperty("body").GetString());
        Assert.Equal(("UCS-2", 1), (first.GetProperty("encoding").GetString(), first.GetProperty("segments").GetInt32()));
        Assert.False(second.GetProperty("identificationAdded").GetBoolean());
        Assert.Equal(("GSM-7", 2), (second.GetProperty("encoding").GetString(), second.GetProperty("segments").GetInt32()));
        Assert.False(named.GetProperty("identificationAdded").GetBoolean());
    }

    [Theory]
    [InlineData("""{"to":"+13125550142","body":"   "}""", 400, "empty-body")]
    [InlineData("""{"to":"+13125550142"}""", 400, "empty-body")]
    [InlineData("""{"to":"911","body":"hi"}""", 400, "invalid-number")]
    [InlineData("""{"to":"+13125550142","body":"hi","leadState":"XX"}""", 400, "invalid-state")]
    public async Task Send_BadInput_400_NothingSent(string body, int status, string reason)
    {
        using var client = refusals.World.Gateway.Client();
        var stored = await refusals.World.CountAsync("messages");
        using var response = await client.PostAsync("/api/sms", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal((status, reason), ((int)response.StatusCode, await ReasonAsync(response)));
        Assert.Equal(stored, await refusals.World.CountAsync("messages"));
        Assert.DoesNotContain(refusals.Twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_TooLong_400()
    {
        using var client = refusals.World.Gateway.Client();
        using var response = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = new string('a', 1601) });
        Assert.Equal((HttpStatusCode.BadRequest, "too-long"), (response.StatusCode, await ReasonAsync(response)));
        Assert.DoesNotContain(refusals.Twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_DncOutsideHoursAndSmsDisabled_RefusedWithReasons()
    {
        Campaign("VERIFIED");
        MessagesAccepted();
        var more = ClosedHours.For("TextingHours");
        more["Tenants:acme:Numbers:0:Sms"] = "false";
        await using var world = await LiveAsync(more);
        using var client = world.Gateway.Client();
        using (await client.PostAsJsonAsync("/api/dnc", new { phone = "+13125550199" })) { }

        using var dnc = await client.PostAsJsonAsync("/api/sms", new { to = "+13125550199", body = "hi", leadState = "IL" });
        using var hours = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi", leadState = "IL" });
        Assert.Equal((HttpStatusCode.Conflict, "do-not-call"), (dnc.StatusCode, await ReasonAsync(dnc)));
        var hoursProblem = await hours.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.Conflict, "outside-texting-hours"), (hours.StatusCode, hoursProblem.GetProperty("reason").GetString()));
        Assert.NotEqual(JsonValueKind.Null, hoursProblem.GetProperty("nextAllowedAt").ValueKind);
        Assert.DoesNotContain(_twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_FromANumberWithoutSms_409SmsDisabled()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Tenants:acme:Numbers:0:Sms"] = "false" }, startAgent: false);
        using var acme = world.Gateway.Client(GatewayFactory.AcmeKey);
        using var response = await acme.PostAsJsonAsync("/api/sms", new { to = "+12145550100", body = "hi" });
        Assert.Equal((HttpStatusCode.Conflict, "sms-disabled"), (response.StatusCode, await ReasonAsync(response)));
    }

    [Fact]
    public async Task Twilio21610_OnSend_MarksTheContactOptedOut_SoCallsAndTextsAreRefusedWithoutAskingTwilio()
    {
        Campaign("VERIFIED");
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Messages.json", 400, """{"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400}""");
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();

        using var response = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi", leadId = "lead-21610" });
        using var again = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi again" });
        using var call = await world.PressAsync(new { leadId = "lead-21610", to = Lead, mode = "twilio-only" });

        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (response.StatusCode, await ReasonAsync(response)));
        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (again.StatusCode, await ReasonAsync(again)));
        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (call.StatusCode, await ReasonAsync(call)));
        Assert.Single(_twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-21610/timeline");
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "opt-out");
    }

    [Fact]
    public async Task StatusCallback_BeforeTheSendStoredItsSid_IsAppliedWhenTheSendCompletes()
    {
        Campaign("VERIFIED");
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Messages.json", 201, """{"sid":"SMearly","status":"accepted"}""");
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();
        var twilio = new TwilioWebhooks(world.Gateway, "live-auth-token");

        // Twilio's callback wins the race against its own REST answer.
        using var early = await twilio.PostAsync("/twilio/sms/status?tenant=demo", [("MessageSid", "SMearly"), ("MessageStatus", "undelivered"), ("ErrorCode", "30007")]);
        using var sent = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "Hello", leadId = "lead-early" });

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var thread = await client.GetFromJsonAsync<JsonElement>($"/api/sms/threads/{Uri.EscapeDataString(Lead)}");
        var message = Assert.Single(thread.EnumerateArray());
        Assert.Equal(("undelivered", "carrier-filtered"), (message.GetProperty("status").GetString(), message.GetProperty("errorReason").GetString()));
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-early/timeline");
        var text = Assert.Single(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "sms");
        Assert.Equal(("undelivered", "carrier-filtered"), (text.GetProperty("details").GetProperty("status").GetString(), text.GetProperty("details").GetProperty("errorReason").GetString()));
    }

    [Fact]
    public async Task Send_A2pStatusCannotBeRead_503ProblemAndNothingSent()
    {
        _twilio.Answer("GET", "/v1/Services/MGdemo/Compliance/Usa2p", 500, """{"code":20500,"message":"Internal Server Error","status":500}""");
        MessagesAccepted();
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();

        using var response = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("a2p-unknown", problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain(_twilio.Requests, r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inbound_KeywordsChangeOptOutState_ThreadsShowUnread_ReadingMarksRead()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
        var twilio = new TwilioWebhooks(world.Gateway);
        using var client = world.Gateway.Client();
        async Task Text(string sid, string body) => await twilio.PostTwimlAsync("/twilio/sms/inbound", ("MessageSid", sid), ("From", Lead), ("To", "+16305550100"), ("Body", body));
        async Task<HttpStatusCode> PressAsync() { using var r = await world.PressAsync(new { leadId = "k", to = Lead, mode = "twilio-only" }); return r.StatusCode; }

        await Text("SM01", "stop texting me");
        Assert.Equal(HttpStatusCode.Created, await PressAsync());
        await Text("SM02", "  QUIT\n");
        Assert.Equal(HttpStatusCode.Conflict, await PressAsync());
        await Text("SM03", "help");
        Assert.Equal(HttpStatusCode.Conflict, await PressAsync());
        await Text("SM04", "Unstop");
        Assert.Equal(HttpStatusCode.Created, await PressAsync());
        await Text("SM04", "Unstop"); // Twilio's retry: stored once

        var threads = await client.GetFromJsonAsync<JsonElement>("/api/sms/threads");
        var thread = Assert.Single(threads.EnumerateArray());
        Assert.Equal((Lead, 4, "Unstop"), (thread.GetProperty("contact").GetString(), thread.GetProperty("unread").GetInt32(), thread.GetProperty("lastBody").GetString()));
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/sms/threads/{Uri.EscapeDataString(Lead)}");
        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/sms/threads"))[0].GetProperty("unread").GetInt32());
        // Texts land on the contact's most recently active lead: "k", which the presses created.
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/k/timeline");
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "opt-out");
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "opt-in");
    }

    [Fact]
    public async Task Status_DuplicatedAndReordered_MonotonicWithActionableReasons()
    {
        Campaign("VERIFIED");
        MessagesAccepted();
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();
        using var sent = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi", leadId = "lead-st" });
        var sid = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
        var twilio = new TwilioWebhooks(world.Gateway, "live-auth-token");
        async Task Status(string status, string? code = null)
        {
            (string, string)[] form = code is null ? [("MessageSid", sid), ("MessageStatus", status)] : [("MessageSid", sid), ("MessageStatus", status), ("ErrorCode", code)];
            await twilio.PostTwimlAsync("/twilio/sms/status?tenant=demo", form);
        }

        await Status("undelivered", "30034");
        await Status("undelivered", "30034"); // duplicate
        await Status("sent");                 // late

        var message = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/sms/threads/{Uri.EscapeDataString(Lead)}")).EnumerateArray());
        Assert.Equal(("undelivered", "unregistered-10dlc", 30034), (message.GetProperty("status").GetString(), message.GetProperty("errorReason").GetString(), message.GetProperty("errorCode").GetInt32()));
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-st/timeline");
        // The delivery statuses updated the text's own entry: one entry, now undelivered with the reason in words.
        var failed = Assert.Single(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "sms");
        Assert.Equal(30034, failed.GetProperty("details").GetProperty("errorCode").GetInt32());
        Assert.Contains("A2P 10DLC", failed.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Simulated_SendThenDeliveredThroughTheSignedCallbacks()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "00:00:00.020" }, startAgent: false);
        using var client = world.Gateway.Client();
        using var sent = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        await Eventually.WaitAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/sms/threads/{Uri.EscapeDataString(Lead)}"))[0].GetProperty("status").GetString() == "delivered",
            "the simulated delivery receipt");
        // Without a leadId the text lands on the lead found (or made) by the number.
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/leads/{Uri.EscapeDataString(Lead)}/timeline");
        var entry = Assert.Single(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "sms");
        Assert.Equal(("outbound", "delivered"), (entry.GetProperty("details").GetProperty("direction").GetString(), entry.GetProperty("details").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Simulated_CampaignPending_Refuses()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCampaignStatus"] = "PENDING" }, startAgent: false);
        using var client = world.Gateway.Client();
        using var response = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "hi" });
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "a2p-pending"), (response.StatusCode, await ReasonAsync(response)));
    }

    /// <summary>
    /// One live gateway (approved campaign, the fake Twilio server) for the requests refused before anything is
    /// sent: they change nothing, so they share it and check that nothing was stored or sent.
    /// </summary>
    public sealed class RefusalWorld : IAsyncLifetime
    {
        private TestWorld? _world;
        private FakeTwilioServer? _twilio;

        internal TestWorld World => _world ?? throw new InvalidOperationException("The world has not started.");

        internal FakeTwilioServer Twilio => _twilio ?? throw new InvalidOperationException("The world has not started.");

        public async Task InitializeAsync()
        {
            _twilio = await FakeTwilioServer.StartAsync();
            Campaign(_twilio, "VERIFIED");
            _world = await LiveAsync(_twilio);
        }

        public async Task DisposeAsync()
        {
            if (_world is not null)
            {
                await _world.DisposeAsync();
            }
            if (_twilio is not null)
            {
                await _twilio.DisposeAsync();
            }
        }
    }
}
