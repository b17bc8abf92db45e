using System.Collections.Concurrent;
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
    // What the agent's (simulated) browser did to a ringing or connected call: answer, decline, hangup.
    private readonly ConcurrentDictionary<string, Channel<string>> _controls = new(StringComparer.Ordinal);

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
                await RunTwimlAsync(sid, request.Twiml, request.From, null, ct);
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

    public Task<string> GetAccountStatusAsync(CancellationToken cancellationToken) => Task.FromResult("active");

    public Task<A2pCampaignStatus?> GetCampaignStatusAsync(string messagingServiceSid, CancellationToken cancellationToken) =>
        Task.FromResult<A2pCampaignStatus?>(new A2pCampaignStatus("QE" + new string('0', 32), options.Value.SimulatedCampaignStatus, [],
            timeProvider.GetUtcNow().AddDays(-3), timeProvider.GetUtcNow().AddDays(-1)));

    /// <summary>A simulated recording: a second of a soft 440 Hz tone per second of the simulated call, as 8 kHz mono WAV.</summary>
    public Task<(byte[] Audio, string ContentType)> GetRecordingAudioAsync(string recordingSid, CancellationToken cancellationToken)
    {
        const int rate = 8000;
        var samples = rate * Math.Min(Seconds, 30);
        using var wav = new MemoryStream();
        using (var writer = new BinaryWriter(wav, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + samples * 2);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1); // PCM
            writer.Write((short)1); // mono
            writer.Write(rate);
            writer.Write(rate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(samples * 2);
            for (var i = 0; i < samples; i++)
            {
                writer.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 3000));
            }
        }
        return Task.FromResult((wav.ToArray(), "audio/wav"));
    }

    /// <summary>Plays the agent's browser placing a call: the outbound webhook, then what its TwiML says.</summary>
    public void StartBrowserCall(string identity, IReadOnlyDictionary<string, string> parameters)
    {
        var sid = TwilioSids.New("CA");
        var control = Register(sid);
        Enqueue(async ct =>
        {
            using var done = new Unregister(_controls, sid);
            var baseUrl = urls.BaseUrl;
            var client = "client:" + identity;
            List<(string, string)> form = [("AccountSid", _accountSid), ("ApiVersion", "2010-04-01"), ("CallSid", sid), ("CallStatus", "ringing"),
                ("Direction", "inbound"), ("From", client), ("Caller", client), ("ApplicationSid", "AP" + new string('0', 32))];
            form.AddRange(parameters.Select(p => (p.Key, p.Value)));
            var twiml = await PostAsync(baseUrl + "/twilio/voice/outbound", form, ct);
            if (twiml is not null)
            {
                await RunTwimlAsync(sid, twiml, client, control, ct);
            }
            await StatusAsync(baseUrl + "/twilio/voice/status", sid, null, "completed", 1, client, parameters.GetValueOrDefault("To"), Seconds, ct);
        });
        LogSimulated("browser call", sid);
    }

    /// <summary>
    /// Plays a caller dialling one of the tenant's numbers: the signed inbound webhook, then what its TwiML says —
    /// a browser Client rings until <see cref="Control"/> answers or declines it (or the Dial times out), an
    /// unanswered call reaches voicemail and leaves a recording and its transcription.
    /// </summary>
    public string StartInboundCall(string from, string to)
    {
        var sid = TwilioSids.New("CA");
        var control = Register(sid);
        Enqueue(async ct =>
        {
            using var done = new Unregister(_controls, sid);
            var baseUrl = urls.BaseUrl;
            List<(string, string)> form = [("AccountSid", _accountSid), ("ApiVersion", "2010-04-01"), ("CallSid", sid), ("CallStatus", "ringing"),
                ("Direction", "inbound"), ("From", from), ("Caller", from), ("To", to), ("Called", to)];
            var twiml = await PostAsync(baseUrl + "/twilio/voice/inbound", form, ct);
            if (twiml is not null)
            {
                await RunTwimlAsync(sid, twiml, from, control, ct);
            }
            await StatusAsync(baseUrl + "/twilio/voice/status", sid, null, "completed", 1, from, to, Seconds, ct);
        });
        LogSimulated("inbound call", sid);
        return sid;
    }

    /// <summary>The agent's browser answers, declines or hangs up a simulated call; false when no such call is ringing or connected.</summary>
    public bool Control(string callSid, string action) => _controls.TryGetValue(callSid, out var control) && control.Writer.TryWrite(action);

    private Channel<string> Register(string sid) => _controls[sid] = Channel.CreateUnbounded<string>();

    /// <summary>The next control action, or null when <paramref name="timeout"/> passes first.</summary>
    private async Task<string?> NextControlAsync(Channel<string>? control, TimeSpan timeout, CancellationToken ct)
    {
        if (control is null)
        {
            await Task.Delay(timeout, timeProvider, ct);
            return null;
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, timeProvider, wait.Token);
        var read = control.Reader.ReadAsync(wait.Token).AsTask();
        var first = await Task.WhenAny(delay, read);
        await wait.CancelAsync();
        ct.ThrowIfCancellationRequested();
        return first == read && read.IsCompletedSuccessfully ? read.Result : null;
    }

    private sealed class Unregister(ConcurrentDictionary<string, Channel<string>> controls, string sid) : IDisposable
    {
        public void Dispose() => controls.TryRemove(sid, out _);
    }

    private int Seconds => Math.Max(1, (int)options.Value.SimulatedCallDuration.TotalSeconds);

    /// <summary>
    /// Executes a TwiML answer as Twilio would: a Dial to a Number (the lead's leg callbacks, the recording, the
    /// Dial action), a Dial to a browser Client (rings until answered, declined or timed out), a Record (voicemail).
    /// The Dial action's own TwiML is executed in turn.
    /// </summary>
    private async Task RunTwimlAsync(string parentSid, string twiml, string from, Channel<string>? control, CancellationToken ct)
    {
        var root = XDocument.Parse(twiml).Root;
        if (root?.Element("Record") is { } record)
        {
            await RunRecordAsync(parentSid, record, ct);
            return;
        }
        var dial = root?.Element("Dial");
        if (dial is null)
        {
            return;
        }
        var callerId = (string?)dial.Attribute("callerId") ?? from;
        var child = TwilioSids.New("CA");
        string dialStatus;
        if (dial.Element("Number") is { } number)
        {
            var to = number.Value;
            var callback = (string?)number.Attribute("statusCallback");
            var sequence = 0;
            foreach (var state in new[] { "initiated", "ringing", "in-progress" })
            {
                await StatusAsync(callback, child, parentSid, state, sequence++, callerId, to, null, ct);
            }
            await NextControlAsync(control, options.Value.SimulatedCallDuration, ct); // the call lasts until the agent hangs up
            await StatusAsync(callback, child, parentSid, "completed", sequence, callerId, to, Seconds, ct);
            dialStatus = "completed";
        }
        else if (dial.Element("Client") is not null)
        {
            var timeout = TimeSpan.FromSeconds((int?)dial.Attribute("timeout") ?? 30);
            var answer = await NextControlAsync(control, timeout, ct);
            dialStatus = answer switch
            {
                "answer" => "completed",
                "decline" => "busy",
                _ => "no-answer",
            };
            if (answer == "answer")
            {
                await NextControlAsync(control, options.Value.SimulatedCallDuration, ct);
            }
        }
        else
        {
            return;
        }
        if (dialStatus == "completed" && ((string?)dial.Attribute("record"))?.StartsWith("record-", StringComparison.Ordinal) == true
            && (string?)dial.Attribute("recordingStatusCallback") is { } recording)
        {
            var recordingSid = TwilioSids.New("RE");
            await PostAsync(recording, [("AccountSid", _accountSid), ("CallSid", parentSid), ("RecordingSid", recordingSid),
                ("RecordingUrl", RecordingUrl(recordingSid)), ("RecordingStatus", "completed"),
                ("RecordingDuration", Seconds.ToString(CultureInfo.InvariantCulture)), ("RecordingChannels", "2"), ("RecordingSource", "DialVerb")], ct);
        }
        if ((string?)dial.Attribute("action") is { } action)
        {
            List<(string, string)> form = [("AccountSid", _accountSid), ("CallSid", parentSid), ("DialCallStatus", dialStatus)];
            if (dialStatus == "completed")
            {
                form.Add(("DialCallSid", child));
                form.Add(("DialCallDuration", Seconds.ToString(CultureInfo.InvariantCulture)));
            }
            if (await PostAsync(action, form, ct) is { } next)
            {
                await RunTwimlAsync(parentSid, next, from, null, ct);
            }
        }
    }

    /// <summary>The caller leaves a voicemail: the Record action, the recording status callback, the transcription.</summary>
    private async Task RunRecordAsync(string parentSid, XElement record, CancellationToken ct)
    {
        var recordingSid = TwilioSids.New("RE");
        var seconds = Seconds.ToString(CultureInfo.InvariantCulture);
        List<(string, string)> recorded = [("AccountSid", _accountSid), ("CallSid", parentSid), ("RecordingSid", recordingSid), ("RecordingUrl", RecordingUrl(recordingSid)),
            ("RecordingStatus", "completed"), ("RecordingDuration", seconds), ("RecordingChannels", "1"), ("RecordingSource", "RecordVerb")];
        if ((string?)record.Attribute("action") is { } action)
        {
            await PostAsync(action, [.. recorded, ("Digits", "hangup")], ct);
        }
        if ((string?)record.Attribute("recordingStatusCallback") is { } status)
        {
            await PostAsync(status, recorded, ct);
        }
        if ((string?)record.Attribute("transcribeCallback") is { } transcription)
        {
            await PostAsync(transcription, [("AccountSid", _accountSid), ("CallSid", parentSid), ("RecordingSid", recordingSid), ("RecordingUrl", RecordingUrl(recordingSid)),
                ("TranscriptionSid", TwilioSids.New("TR")), ("TranscriptionStatus", "completed"), ("TranscriptionText", SimulatedVoicemail)], ct);
        }
    }

    /// <summary>What every simulated caller says after the beep.</summary>
    public const string SimulatedVoicemail = "Hi, this is a simulated caller. Please call me back about the quote when you have a minute. Thanks.";

    private string RecordingUrl(string recordingSid) => $"https://api.twilio.com/2010-04-01/Accounts/{_accountSid}/Recordings/{recordingSid}";

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
