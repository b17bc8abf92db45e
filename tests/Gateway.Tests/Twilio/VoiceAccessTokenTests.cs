using System.Text;
using System.Text.Json;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Tests.Twilio;

public sealed class VoiceAccessTokenTests
{
    public static TheoryData<string> TokenIds => GoldenData.Ids("tokens.json", "tokens");

    [Theory]
    [MemberData(nameof(TokenIds))]
    public void Create_IsByteForByteTheNodeSdksToken(string id)
    {
        var golden = GoldenData.Load("tokens.json");
        var c = GoldenData.Case("tokens.json", "tokens", id);
        var input = c.GetProperty("input");
        string? Text(string name) => input.TryGetProperty(name, out var v) ? v.GetString() : null;
        var request = new VoiceTokenRequest(
            golden.GetProperty("accountSid").GetString()!,
            golden.GetProperty("apiKeySid").GetString()!,
            golden.GetProperty("apiKeySecret").GetString()!,
            Text("identity")!,
            TimeSpan.FromSeconds(input.GetProperty("ttl").GetInt32()),
            input.TryGetProperty("incomingAllow", out var incoming) && incoming.GetBoolean(),
            Text("outgoingApplicationSid"),
            input.TryGetProperty("outgoingApplicationParams", out var p) ? p.EnumerateObject().Select(x => new KeyValuePair<string, string>(x.Name, x.Value.GetString()!)).ToList() : null,
            Text("pushCredentialSid"),
            Text("endpointId"),
            Text("region"),
            input.TryGetProperty("nbf", out var nbf) ? nbf.GetInt64() : null);

        var jwt = VoiceAccessToken.Create(request, golden.GetProperty("now").GetInt64());

        var expected = c.GetProperty("jwt").GetString()!;
        // Claim by claim first (clearer failures), then the exact bytes, signature included.
        Assert.Equal(Part(expected, 0), Part(jwt, 0));
        Assert.Equal(Part(expected, 1), Part(jwt, 1));
        Assert.Equal(expected, jwt);
    }

    [Fact]
    public void Create_IncomingFalse_OmitsIncoming_AndCarriesTheRequiredHeaderAndClaims()
    {
        var jwt = VoiceAccessToken.Create(new VoiceTokenRequest("AC1", "SK1", "secret", "boss", TimeSpan.FromHours(1), false, "AP1"), 1000);
        using var header = JsonDocument.Parse(Part(jwt, 0));
        using var payload = JsonDocument.Parse(Part(jwt, 1));
        Assert.Equal("twilio-fpa;v=1", header.RootElement.GetProperty("cty").GetString());
        Assert.Equal("SK1-1000", payload.RootElement.GetProperty("jti").GetString());
        Assert.Equal(4600, payload.RootElement.GetProperty("exp").GetInt64());
        Assert.False(payload.RootElement.GetProperty("grants").GetProperty("voice").TryGetProperty("incoming", out _));
    }

    [Theory]
    [InlineData(86401)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Create_LifetimeOutside24Hours_Refused(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            VoiceAccessToken.Create(new VoiceTokenRequest("AC1", "SK1", "secret", "boss", TimeSpan.FromSeconds(seconds), true), 1000));

    private static string Part(string jwt, int index)
    {
        var part = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=')));
    }
}
