using System.Net;
using System.Security.Cryptography;
using System.Text;
using Softphone.Gateway.Tests.Support;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>Which URL the signature is checked against: forwarded headers only when trusted; JSON bodies by bodySHA256.</summary>
public sealed class WebhookUrlTests
{
    private static readonly (string, string)[] Form = [("CallSid", "CA" + new string('1', 32)), ("CallStatus", "completed")];

    private static string Sign(string url) => TwilioSignature.Compute("dev-twilio-auth-token", url, Form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Item1, [f.Item2])));

    private static readonly Dictionary<string, string> Forwarded = new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-Host"] = "gateway.example.com" };

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]      // the test client is the configured proxy
    [InlineData("10.9.9.9", HttpStatusCode.Forbidden)] // another proxy is configured: this caller's headers are not believed
    [InlineData(null, HttpStatusCode.Forbidden)]       // no proxy configured: nobody's are
    public async Task ForwardedHeaders_CountOnlyFromTrustedProxies(string? proxy, HttpStatusCode expected)
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Gateway:TrustedProxies:0"] = proxy }, startAgent: false);
        var signature = Sign("https://gateway.example.com/twilio/voice/status");

        using var response = await new TwilioWebhooks(world.Gateway).PostAsync("/twilio/voice/status", Form, signature, headers: Forwarded);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.Forbidden)]
    public async Task JsonBody_SignedThroughBodySha256_ThroughThePipeline(bool tamper, HttpStatusCode expected)
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        var body = """{"CallSid":"CA123","event":"something"}""";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var path = $"/twilio/voice/status?bodySHA256={hash}";
        var url = world.Gateway.Address.ToString().TrimEnd('/') + path;
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(tamper ? body.Replace("something", "else") : body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute("dev-twilio-auth-token", url, []));
        using var client = world.Gateway.Client(apiKey: null);

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
