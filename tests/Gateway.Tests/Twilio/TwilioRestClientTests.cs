using System.Text;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Tests.Support;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>The REST client against a fake Twilio server that speaks HTTP on loopback.</summary>
public sealed class TwilioRestClientTests : IAsyncLifetime
{
    private const string Account = "AC0123456789abcdef0123456789abcdef";
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private TwilioRestClient Client(string? apiKey = "SK0123456789abcdef0123456789abcdef", string? timeout = null) => new(new HttpClient(), Options.Create(new TwilioOptions
    {
        AccountSid = Account, AuthToken = "auth-token", ApiKeySid = apiKey ?? "", ApiKeySecret = apiKey is null ? "" : "key-secret",
        ApiBaseUrl = _twilio.BaseUrl, MessagingBaseUrl = _twilio.BaseUrl, RequestTimeout = TimeSpan.Parse(timeout ?? "00:00:05", System.Globalization.CultureInfo.InvariantCulture),
    }));

    [Fact]
    public async Task CreateCall_PostsTheFormTwilioExpects_WithApiKeyBasicAuth()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Calls.json", 201,
            """{"sid":"CAabc","status":"queued","to":"client:demo_boss","from":"+16305550100","direction":"outbound-api"}""");

        var call = await Client().CreateCallAsync(new CreateCallRequest("client:demo_boss", "+16305550100", Twiml: "<Response><Dial>+13125550142</Dial></Response>",
            StatusCallback: "https://gw.example.com/twilio/voice/status?tenant=demo", StatusCallbackEvents: ["initiated", "ringing", "answered", "completed"], Timeout: 20), CancellationToken.None);

        Assert.Equal(("CAabc", "queued"), (call.Sid, call.Status));
        var sent = Assert.Single(_twilio.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("SK0123456789abcdef0123456789abcdef:key-secret")), sent.Authorization);
        Assert.Contains("application/json", sent.Accept);
        Assert.Equal("client:demo_boss", sent.Field("To"));
        Assert.Equal("<Response><Dial>+13125550142</Dial></Response>", sent.Field("Twiml"));
        Assert.Equal(["initiated", "ringing", "answered", "completed"], sent.Fields("StatusCallbackEvent"));
        Assert.Equal("20", sent.Field("Timeout"));
        Assert.Null(sent.Field("Url"));
    }

    [Fact]
    public async Task Auth_WithoutApiKey_UsesAccountSidAndAuthToken()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Messages.json", 201, """{"sid":"SMabc","status":"queued","num_segments":"2"}""");

        var message = await Client(apiKey: null).CreateMessageAsync(new CreateMessageRequest("+13125550142", "Hi & bye", From: "+16305550100"), CancellationToken.None);

        Assert.Equal((2, "SMabc"), (message.NumSegments, message.Sid));
        var sent = Assert.Single(_twilio.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Account}:auth-token")), sent.Authorization);
        Assert.Equal("Hi & bye", sent.Field("Body"));
    }

    [Fact]
    public async Task Errors_TwilioErrorJson_BecomesATypedError()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Calls.json", 400,
            """{"code":21211,"message":"The 'To' number +1555 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}""");

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => Client().CreateCallAsync(new CreateCallRequest("+1555", "+16305550100", Url: "https://x"), CancellationToken.None));

        Assert.Equal((400, 21211), (error.Status, error.Code));
        Assert.Equal("https://www.twilio.com/docs/errors/21211", error.MoreInfo);
        Assert.Single(_twilio.Requests); // never retried
    }

    [Fact]
    public async Task Errors_NotJson_StillTyped()
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/Calls.json", 503, "");
        var error = await Assert.ThrowsAsync<TwilioApiException>(() => Client().CreateCallAsync(new CreateCallRequest("+13125550142", "+16305550100", Url: "https://x"), CancellationToken.None));
        Assert.Equal(503, error.Status);
    }

    [Fact]
    public async Task Unreachable_ConnectionRefused_IsCertainlyNotSent()
    {
        await _twilio.DisposeAsync();
        var error = await Assert.ThrowsAsync<TwilioUnreachableException>(() => Client().CreateCallAsync(new CreateCallRequest("+13125550142", "+16305550100", Url: "https://x"), CancellationToken.None));
        Assert.False(error.OutcomeUnknown);
        _twilio = await FakeTwilioServer.StartAsync();
    }

    [Fact]
    public async Task Numbers_SearchBuyConfigureRelease()
    {
        _twilio.Answer("GET", $"/2010-04-01/Accounts/{Account}/AvailablePhoneNumbers/US/Local.json", 200,
            """{"available_phone_numbers":[{"phone_number":"+13125550177","friendly_name":"(312) 555-0177","locality":"Chicago","region":"IL","capabilities":{"voice":true,"SMS":true,"MMS":false}}],"uri":"/x"}""");
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/IncomingPhoneNumbers.json", 201,
            """{"sid":"PNabc","phone_number":"+13125550177","voice_url":"https://gw/twilio/voice/inbound","sms_url":"https://gw/twilio/sms/inbound","status_callback":"https://gw/twilio/voice/status"}""");
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/IncomingPhoneNumbers/PNabc.json", 200, """{"sid":"PNabc","phone_number":"+13125550177"}""");
        _twilio.Answer("DELETE", $"/2010-04-01/Accounts/{Account}/IncomingPhoneNumbers/PNabc.json", 204, "");
        var client = Client();
        var hooks = new NumberWebhooks("https://gw/twilio/voice/inbound", "https://gw/twilio/sms/inbound", "https://gw/twilio/voice/status");

        var found = await client.SearchAvailableNumbersAsync("US", "312", "55*", CancellationToken.None);
        var bought = await client.BuyNumberAsync("+13125550177", hooks, CancellationToken.None);
        await client.ConfigureNumberAsync("PNabc", hooks, CancellationToken.None);
        await client.ReleaseNumberAsync("PNabc", CancellationToken.None);

        var number = Assert.Single(found);
        Assert.Equal(("+13125550177", true, true, false), (number.PhoneNumber, number.Voice, number.Sms, number.Mms));
        Assert.Equal("PNabc", bought.Sid);
        var requests = _twilio.Requests.ToList();
        Assert.Contains("AreaCode=312", requests[0].Query);
        Assert.Contains("Contains=55%2A", requests[0].Query);
        Assert.Equal("+13125550177", requests[1].Field("PhoneNumber"));
        Assert.Equal("https://gw/twilio/voice/inbound", requests[1].Field("VoiceUrl"));
        Assert.Equal("https://gw/twilio/sms/inbound", requests[2].Field("SmsUrl"));
        Assert.Equal("DELETE", requests[3].Method);
    }

    [Fact]
    public async Task A2p_CampaignStatus_FromTheMessagingService()
    {
        _twilio.Answer("GET", "/v1/Services/MGabc/Compliance/Usa2p", 200,
            """{"compliance":[{"sid":"QEabc","campaign_status":"FAILED","errors":[{"code":30896,"description":"Opt-in missing"}],"date_created":"2026-03-01T10:00:00Z","date_updated":"2026-03-03T10:00:00Z"}],"meta":{}}""");
        _twilio.Answer("GET", "/v1/Services/MGnone/Compliance/Usa2p", 200, """{"compliance":[],"meta":{}}""");

        var failed = await Client().GetCampaignStatusAsync("MGabc", CancellationToken.None);
        var none = await Client().GetCampaignStatusAsync("MGnone", CancellationToken.None);

        Assert.Equal(("QEabc", "FAILED", false), (failed!.CampaignSid, failed.Status, failed.IsVerified));
        Assert.Contains("Opt-in missing", Assert.Single(failed.Errors));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), failed.DateUpdated);
        Assert.Null(none);
    }
}
