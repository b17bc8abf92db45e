using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Tests.Support;

/// <summary>Sends webhooks to the gateway as Twilio does: form-encoded, signed with the auth token over the exact URL.</summary>
internal sealed class TwilioWebhooks(GatewayFactory gateway, string authToken = "dev-twilio-auth-token")
{
    // A "#fragment" in pathAndQuery is signed (as Twilio signs the URL it was handed) but not sent.
    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, IEnumerable<(string Name, string Value)> form, string? signature = null, string? idempotencyToken = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var fields = form.ToList();
        var url = gateway.Address.ToString().TrimEnd('/') + pathAndQuery;
        var parameters = fields.GroupBy(f => f.Name, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(g.Key, g.Select(x => x.Value).ToList()));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature ?? TwilioSignature.Compute(authToken, url, parameters));
        if (idempotencyToken is not null)
        {
            request.Headers.Add("I-Twilio-Idempotency-Token", idempotencyToken);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var client = gateway.Client(apiKey: null);
        return await client.SendAsync(request);
    }

    public async Task<string> PostTwimlAsync(string pathAndQuery, params (string Name, string Value)[] form)
    {
        using var response = await PostAsync(pathAndQuery, form);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        System.Xml.Linq.XDocument.Parse(xml);
        return xml;
    }
}
