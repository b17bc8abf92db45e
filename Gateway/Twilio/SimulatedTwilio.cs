using System.Globalization;
using System.Threading.Channels;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Twilio without credentials: the same interface as the REST client, realistic SIDs, and the callbacks
/// Twilio would send — posted to the gateway's own webhook URLs, signed with the configured auth token, so
/// they go through the real signature check and handlers. The whole loop runs offline.
/// </summary>
internal sealed partial class SimulatedTwilio(
    IHttpClientFactory httpClients,
    WebhookUrls urls,
    IOptions<TwilioOptions> options,
    TimeProvider timeProvider,
    ILogger<SimulatedTwilio> logger) : ITwilioApi
{
    public const string HttpClientName = "simulated-twilio";
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>();
    private readonly string _accountSid = "AC" + new string('0', 32);

    public bool IsSimulated => true;

    internal ChannelReader<Func<CancellationToken, Task>> Work => _work.Reader;

    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken)
    {
        var sid = TwilioSids.New("CA");
        Enqueue(async ct =>
        {
            var status = 0;
            foreach (var state in new[] { "initiated", "ringing", "in-progress" })
            {
                await StatusAsync(request.StatusCallback, sid, null, state, status++, request.From, request.To, null, ct);
            }
            if (request.Twiml is not null)
            {
                await RunTwimlAsync(sid, request.Twiml, request.From, ct);
            }
            await StatusAsync(request.StatusCallback, sid, null, "completed", status, request.From, request.To, Seconds, ct);
        });
        LogSimulated("call", sid);
        return Task.FromResult(new TwilioCall(sid, "queued", request.To, request.From, "outbound-api"));
    }

    public Task<TwilioMessage> CreateMessageAsync(CreateMessageRequest request, CancellationToken cancellationToken)
    {
        var sid = TwilioSids.New("SM");
        Enqueue(async ct =>
        {
            foreach (var state in new[] { "sent", "delivered" })
            {
                if (request.StatusCallback is null)
                {
                    break;
                }
                await PostAsync(request.StatusCallback, [("AccountSid", _accountSid), ("MessageSid", sid), ("SmsSid", sid), ("MessageStatus", state),
                    ("SmsStatus", state), ("From", request.From ?? ""), ("To", request.To), ("ApiVersion", "2010-04-01")], ct);
            }
        });
        LogSimulated("message", sid);
        return Task.FromResult(new TwilioMessage(sid, request.MessagingServiceSid is null ? "queued" : "accepted", request.To, request.From, null, null, null));
    }

    public Task<IReadOnlyList<AvailableNumber>> SearchAvailableNumbersAsync(string country, string? areaCode, string? contains, CancellationToken cancellationToken)
    {
        var code = areaCode is { Length: 3 } ? areaCode : "555";
        IReadOnlyList<AvailableNumber> numbers = Enumerable.Range(50, 5)
            .Select(i => $"+1{code}55501{i:D2}")
            .Where(n => contains is null || n.Contains(contains.Trim('*'), StringComparison.Ordinal))
            .Select(n => new AvailableNumber(n, $"({code}) 555-01{n[^2..]}", "Simulated City", null, true, true, true))
            .ToList();
        return Task.FromResult(numbers);
    }

    public Task<IncomingNumber> BuyNumberAsync(string phoneNumber, NumberWebhooks webhooks, CancellationToken cancellationToken) =>
        Task.FromResult(new IncomingNumber(TwilioSids.New("PN"), phoneNumber, webhooks.VoiceUrl, webhooks.SmsUrl, webhooks.StatusCallback));

    public Task<IncomingNumber> ConfigureNumberAsync(string sid, NumberWebhooks webhooks, CancellationToken cancellationToken) =>
        Task.FromResult(new IncomingNumber(sid, "", webhooks.VoiceUrl, webhooks.SmsUrl, webhooks.StatusCallback));

    public Task ReleaseNumberAsync(string sid, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<A2pCampaignStatus?> GetCampaignStatusAsync(string messagingServiceSid, CancellationToken cancellationToken) =>
        Task.FromResult<A2pCampaignStatus?>(new A2pCampaignStatus("QE" + new string('0', 32), options.Value.SimulatedCampaignStatus, [],
            timeProvider.GetUtcNow().AddDays(-3), timeProvider.GetUtcNow().AddDays(-1)));

    /// <summary>Plays the agent's browser placing a call: the outbound webhook, then what its TwiML says.</summary>
    public void StartBrowserCall(string identity, IReadOnlyDictionary<string, string> parameters)
    {
        var sid = TwilioSids.New("CA");
        Enqueue(async ct =>
        {
            var baseUrl = urls.BaseUrl;
            var client = "client:" + identity;
            List<(string, string)> form = [("AccountSid", _accountSid), ("ApiVersion", "2010-04-01"), ("CallSid", sid), ("CallStatus", "ringing"),
                ("Direction", "inbound"), ("From", client), ("Caller", client), ("ApplicationSid", "AP" + new string('0', 32))];
            form.AddRange(parameters.Select(p => (p.Key, p.Value)));
            var twiml = await PostAsync(baseUrl + "/twilio/voice/outbound", form, ct);
            if (twiml is not null)
            {
                await RunTwimlAsync(sid, twiml, client, ct);
            }
            await StatusAsync(baseUrl + "/twilio/voice/status", sid, null, "completed", 1, client, parameters.GetValueOrDefault("To"), Seconds, ct);
        });
        LogSimulated("browser call", sid);
    }

    private int Seconds => Math.Max(1, (int)options.Value.SimulatedCallDuration.TotalSeconds);

    /// <summary>Executes the Dial of a TwiML answer as Twilio would: the lead's leg callbacks, the recording, the Dial action.</summary>
    private async Task RunTwimlAsync(string parentSid, string twiml, string from, CancellationToken ct)
    {
        var dial = XDocument.Parse(twiml).Root?.Element("Dial");
        var number = dial?.Element("Number");
        if (dial is null || number is null)
        {
            return;
        }
        var child = TwilioSids.New("CA");
        var to = number.Value;
        var callerId = (string?)dial.Attribute("callerId") ?? from;
        var callback = (string?)number.Attribute("statusCallback");
        var sequence = 0;
        foreach (var state in new[] { "initiated", "ringing", "in-progress" })
        {
            await StatusAsync(callback, child, parentSid, state, sequence++, callerId, to, null, ct);
        }
        await Task.Delay(options.Value.SimulatedCallDuration, timeProvider, ct);
        await StatusAsync(callback, child, parentSid, "completed", sequence, callerId, to, Seconds, ct);
        if (((string?)dial.Attribute("record"))?.StartsWith("record-", StringComparison.Ordinal) == true && (string?)dial.Attribute("recordingStatusCallback") is { } recording)
        {
            var recordingSid = TwilioSids.New("RE");
            await PostAsync(recording, [("AccountSid", _accountSid), ("CallSid", parentSid), ("RecordingSid", recordingSid),
                ("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{_accountSid}/Recordings/{recordingSid}"), ("RecordingStatus", "completed"),
                ("RecordingDuration", Seconds.ToString(CultureInfo.InvariantCulture)), ("RecordingChannels", "2"), ("RecordingSource", "DialVerb")], ct);
        }
        if ((string?)dial.Attribute("action") is { } action)
        {
            await PostAsync(action, [("AccountSid", _accountSid), ("CallSid", parentSid), ("DialCallSid", child), ("DialCallStatus", "completed"),
                ("DialCallDuration", Seconds.ToString(CultureInfo.InvariantCulture))], ct);
        }
    }

    private Task StatusAsync(string? url, string sid, string? parent, string status, int sequence, string? from, string? to, int? duration, CancellationToken ct)
    {
        if (url is null)
        {
            return Task.CompletedTask;
        }
        List<(string, string)> form = [("AccountSid", _accountSid), ("ApiVersion", "2010-04-01"), ("CallSid", sid), ("CallStatus", status),
            ("SequenceNumber", sequence.ToString(CultureInfo.InvariantCulture)), ("From", from ?? ""), ("To", to ?? ""),
            ("Timestamp", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture)), ("CallbackSource", "call-progress-events")];
        if (parent is not null)
        {
            form.Add(("ParentCallSid", parent));
            form.Add(("Direction", "outbound-dial"));
        }
        if (duration is { } seconds)
        {
            form.Add(("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)));
        }
        return PostAsync(url, form, ct);
    }

    /// <summary>Signs and posts a webhook like Twilio; returns the TwiML answered.</summary>
    private async Task<string?> PostAsync(string url, List<(string Name, string Value)> form, CancellationToken ct)
    {
        await Task.Delay(options.Value.SimulatedCallbackDelay, timeProvider, ct);
        var parameters = form.GroupBy(f => f.Name, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(g.Key, g.Select(x => x.Value).ToList()));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(options.Value.AuthToken, url, parameters));
        request.Headers.Add("I-Twilio-Idempotency-Token", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1 (simulated)");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                LogCallbackRejected(new Uri(url).AbsolutePath, (int)response.StatusCode);
                return null;
            }
            return body;
        }
        catch (HttpRequestException exception)
        {
            LogCallbackFailed(new Uri(url).AbsolutePath, exception.Message);
            return null;
        }
    }

    private void Enqueue(Func<CancellationToken, Task> work) => _work.Writer.TryWrite(work);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIMULATED Twilio: {What} {Sid} (no credentials configured; callbacks follow through the signed webhook path)")]
    private partial void LogSimulated(string what, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIMULATED Twilio: the gateway answered {Path} with {Status}")]
    private partial void LogCallbackRejected(string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIMULATED Twilio: callback to {Path} failed: {Error}")]
    private partial void LogCallbackFailed(string path, string error);
}
