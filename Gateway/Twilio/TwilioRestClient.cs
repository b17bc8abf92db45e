using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Twilio's REST API over a typed HttpClient: form-encoded PascalCase requests (lists as repeated
/// fields), HTTP Basic auth with the API key (or the account SID and auth token), snake_case JSON
/// answers, Twilio's error JSON mapped to <see cref="TwilioApiException"/>. Nothing is retried: a
/// create whose outcome is unknown surfaces as <see cref="TwilioUnreachableException"/>.
/// </summary>
internal sealed class TwilioRestClient : ITwilioApi
{
    private readonly HttpClient _http;
    private readonly TwilioOptions _options;

    public TwilioRestClient(HttpClient http, IOptions<TwilioOptions> options)
    {
        _http = http;
        _options = options.Value;
        var (user, password) = string.IsNullOrEmpty(_options.ApiKeySid)
            ? (_options.AccountSid, _options.AuthToken)
            : (_options.ApiKeySid, _options.ApiKeySecret);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.Timeout = _options.RequestTimeout;
    }

    public bool IsSimulated => false;

    private string Account => $"{_options.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{_options.AccountSid}";

    public async Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken)
    {
        var form = new Form().Add("To", request.To).Add("From", request.From).Add("Twiml", request.Twiml).Add("Url", request.Url)
            .Add("StatusCallback", request.StatusCallback).AddAll("StatusCallbackEvent", request.StatusCallbackEvents)
            .Add("Timeout", request.Timeout?.ToString(CultureInfo.InvariantCulture));
        using var json = await SendAsync(HttpMethod.Post, $"{Account}/Calls.json", form, cancellationToken);
        var call = json.RootElement;
        return new TwilioCall(Text(call, "sid")!, Text(call, "status") ?? "queued", Text(call, "to"), Text(call, "from"), Text(call, "direction"));
    }

    public async Task<TwilioMessage> CreateMessageAsync(CreateMessageRequest request, CancellationToken cancellationToken)
    {
        var form = new Form().Add("To", request.To).Add("From", request.From).Add("MessagingServiceSid", request.MessagingServiceSid)
            .Add("Body", request.Body).AddAll("MediaUrl", request.MediaUrls).Add("StatusCallback", request.StatusCallback);
        using var json = await SendAsync(HttpMethod.Post, $"{Account}/Messages.json", form, cancellationToken);
        var message = json.RootElement;
        return new TwilioMessage(Text(message, "sid")!, Text(message, "status") ?? "queued", Text(message, "to"), Text(message, "from"),
            Number(message, "num_segments"), Number(message, "error_code"), Text(message, "error_message"));
    }

    public async Task<IReadOnlyList<AvailableNumber>> SearchAvailableNumbersAsync(string country, string? areaCode, string? contains, CancellationToken cancellationToken)
    {
        var query = new Form().Add("AreaCode", areaCode).Add("Contains", contains).Add("VoiceEnabled", "true").Add("PageSize", "20");
        using var json = await SendAsync(HttpMethod.Get, $"{Account}/AvailablePhoneNumbers/{Uri.EscapeDataString(country)}/Local.json?{query.Encode()}", null, cancellationToken);
        return json.RootElement.GetProperty("available_phone_numbers").EnumerateArray().Select(n =>
        {
            var capabilities = n.TryGetProperty("capabilities", out var c) ? c : default;
            return new AvailableNumber(Text(n, "phone_number")!, Text(n, "friendly_name"), Text(n, "locality"), Text(n, "region"),
                Capability(capabilities, "voice"), Capability(capabilities, "sms"), Capability(capabilities, "mms"));
        }).ToList();
    }

    public async Task<IncomingNumber> BuyNumberAsync(string phoneNumber, NumberWebhooks webhooks, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Post, $"{Account}/IncomingPhoneNumbers.json", Webhooks(webhooks).Add("PhoneNumber", phoneNumber), cancellationToken);
        return Incoming(json.RootElement);
    }

    public async Task<IncomingNumber> ConfigureNumberAsync(string sid, NumberWebhooks webhooks, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Post, $"{Account}/IncomingPhoneNumbers/{Uri.EscapeDataString(sid)}.json", Webhooks(webhooks), cancellationToken);
        return Incoming(json.RootElement);
    }

    public async Task ReleaseNumberAsync(string sid, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"{Account}/IncomingPhoneNumbers/{Uri.EscapeDataString(sid)}.json", null, cancellationToken);
    }

    public async Task<string> GetAccountStatusAsync(CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Get, $"{Account}.json", null, cancellationToken);
        return Text(json.RootElement, "status") ?? "unknown";
    }

    public async Task<A2pCampaignStatus?> GetCampaignStatusAsync(string messagingServiceSid, CancellationToken cancellationToken)
    {
        var url = $"{_options.MessagingBaseUrl.TrimEnd('/')}/v1/Services/{Uri.EscapeDataString(messagingServiceSid)}/Compliance/Usa2p";
        using var json = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
        var campaign = json.RootElement.GetProperty("compliance").EnumerateArray().FirstOrDefault();
        if (campaign.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var errors = campaign.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToList()
            : [];
        return new A2pCampaignStatus(Text(campaign, "sid")!, Text(campaign, "campaign_status") ?? "UNKNOWN", errors,
            Date(campaign, "date_created"), Date(campaign, "date_updated"));
    }

    public async Task<(byte[] Audio, string ContentType)> GetRecordingAudioAsync(string recordingSid, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Account}/Recordings/{Uri.EscapeDataString(recordingSid)}.mp3");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new TwilioUnreachableException(false, exception);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Error((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
            return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType ?? "audio/mpeg");
        }
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string url, Form? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (form is not null)
        {
            request.Content = new StringContent(form.Encode(), Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new TwilioUnreachableException(exception.HttpRequestError != HttpRequestError.ConnectionError && exception.HttpRequestError != HttpRequestError.NameResolutionError, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TwilioUnreachableException(outcomeUnknown: true, exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Error((int)response.StatusCode, body);
            }
            return JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        }
    }

    private static TwilioApiException Error(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return new TwilioApiException(status, Number(root, "code") ?? 0, Text(root, "message") ?? "error", Text(root, "more_info"));
        }
        catch (JsonException)
        {
            return new TwilioApiException(status, 0, body.Length > 200 ? body[..200] : body, null);
        }
    }

    private static Form Webhooks(NumberWebhooks webhooks) => new Form()
        .Add("VoiceUrl", webhooks.VoiceUrl).Add("VoiceMethod", "POST")
        .Add("SmsUrl", webhooks.SmsUrl).Add("SmsMethod", "POST")
        .Add("StatusCallback", webhooks.StatusCallback).Add("StatusCallbackMethod", "POST");

    private static IncomingNumber Incoming(JsonElement n) =>
        new(Text(n, "sid")!, Text(n, "phone_number")!, Text(n, "voice_url"), Text(n, "sms_url"), Text(n, "status_callback"));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt32(),
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static DateTimeOffset? Date(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static bool Capability(JsonElement capabilities, string name) =>
        capabilities.ValueKind == JsonValueKind.Object
        && capabilities.EnumerateObject().Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.True);

    /// <summary>An ordered form; lists are repeated fields, as Twilio expects.</summary>
    private sealed class Form
    {
        private readonly List<KeyValuePair<string, string>> _fields = [];

        public Form Add(string name, string? value)
        {
            if (value is not null)
            {
                _fields.Add(new(name, value));
            }
            return this;
        }

        public Form AddAll(string name, IEnumerable<string>? values)
        {
            foreach (var value in values ?? [])
            {
                _fields.Add(new(name, value));
            }
            return this;
        }

        public string Encode() => string.Join('&', _fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
    }
}
