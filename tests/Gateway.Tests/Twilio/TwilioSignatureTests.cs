using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Tests.Twilio;

public sealed class TwilioSignatureTests
{
    public static TheoryData<string> SignatureIds => GoldenData.Ids("signatures.json", "signatures");
    public static TheoryData<string> ValidationIds => GoldenData.Ids("signatures.json", "validations");
    public static TheoryData<string> JsonIds => GoldenData.Ids("signatures.json", "json");

    [Fact]
    public void GoldenData_HasAtLeast200SignatureCases() => Assert.True(SignatureIds.Count >= 200);

    [Theory]
    [MemberData(nameof(SignatureIds))]
    public void Compute_MatchesTwilioNodeSdk(string id)
    {
        var c = GoldenData.Case("signatures.json", "signatures", id);
        var signature = TwilioSignature.Compute(c.GetProperty("authToken").GetString()!, c.GetProperty("url").GetString()!, GoldenData.Params(c.GetProperty("params")));
        Assert.Equal(c.GetProperty("signature").GetString(), signature);
        Assert.True(TwilioSignature.IsValid(c.GetProperty("authToken").GetString()!, signature, c.GetProperty("url").GetString()!, GoldenData.Params(c.GetProperty("params"))));
    }

    [Theory]
    [MemberData(nameof(ValidationIds))]
    public void IsValid_AgreesWithTwilioNodeSdk(string id)
    {
        var c = GoldenData.Case("signatures.json", "validations", id);
        var valid = TwilioSignature.IsValid(c.GetProperty("authToken").GetString()!, c.GetProperty("signature").GetString(),
            c.GetProperty("serverUrl").GetString()!, GoldenData.Params(c.GetProperty("params")));
        Assert.Equal(c.GetProperty("valid").GetBoolean(), valid);
    }

    [Theory]
    [MemberData(nameof(JsonIds))]
    public void IsValidWithBody_AgreesWithTwilioNodeSdk(string id)
    {
        var c = GoldenData.Case("signatures.json", "json", id);
        var body = System.Text.Encoding.UTF8.GetBytes(c.GetProperty("body").GetString()!);
        var valid = TwilioSignature.IsValidWithBody(c.GetProperty("authToken").GetString()!, c.GetProperty("signature").GetString(), c.GetProperty("url").GetString()!, body);
        Assert.Equal(c.GetProperty("valid").GetBoolean(), valid);
    }

    [Fact]
    public void DocumentedExample_FromTwilioWebhookSecurityGuide()
    {
        var parameters = new Dictionary<string, IReadOnlyList<string>>
        {
            ["CallSid"] = ["CA1234567890ABCDE"], ["Caller"] = ["+12349013030"], ["Digits"] = ["1234"], ["From"] = ["+12349013030"], ["To"] = ["+18005551212"],
        };
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters));
    }

    [Theory]
    [InlineData("https://h/p", "https://h/p", "https://h:443/p")]
    [InlineData("https://h:443/p?x=1", "https://h/p?x=1", "https://h:443/p?x=1")]
    [InlineData("http://h:8080/p", "http://h/p", "http://h:8080/p")]
    [InlineData("https://u:p@h/p", "https://u:p@h/p", "https://u:p@h:443/p")]
    [InlineData("http://[::1]:5080/p", "http://[::1]/p", "http://[::1]:5080/p")]
    [InlineData("http://[::1]/p", "http://[::1]/p", "http://[::1]:80/p")]
    [InlineData("HTTPS://H/p%27s", "HTTPS://H/p%27s", "HTTPS://H:443/p%27s")]
    public void PortVariants_AreBuiltOnTheRawString(string url, string without, string with)
    {
        Assert.Equal(without, TwilioSignature.RemovePort(url));
        Assert.Equal(with, TwilioSignature.AddDefaultPort(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    public void IsValid_MissingOrGarbageSignature_False(string? signature) =>
        Assert.False(TwilioSignature.IsValid("12345", signature, "https://h/p", []));
}
