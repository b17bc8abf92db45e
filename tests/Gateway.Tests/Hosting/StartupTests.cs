using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Hosting;

[Slow]
public sealed class StartupTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-startup-");

    [Fact]
    public async Task Healthz_And_Readyz_AnswerWithoutAnApiKey()
    {
        await using var factory = new GatewayFactory(FreePort.Next(), _folder.File("gateway.db"));
        factory.StartServer();
        using var client = factory.Client(apiKey: null);

        using var live = await client.GetAsync("/healthz");
        using var readyResponse = await client.GetAsync("/readyz");
        var ready = await readyResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyResponse.StatusCode);
        // No agent runs here: the node is down, which degrades readiness (presses fall back to Twilio) without failing it.
        Assert.Equal("degraded", ready.GetProperty("status").GetString());
        Assert.Equal("degraded", ready.GetProperty("checks").GetProperty("nodes").GetProperty("status").GetString());
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        // Quartz is started before the server listens: the very first /readyz finds it running, never "created".
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GatewayProcess_OutsideDevelopmentWithTheDevKeys_RefusesToStart_OneLinePerSettingAndNothingElse()
    {
        await using var gateway = GatewayProcess.Start(_folder.Path, "Production", new Dictionary<string, string>
        {
            ["MacNode__ProbeInterval"] = "soon",
            ["Storage__BusyTimeout"] = "00:10:00",
            // The Gateway section is read while the host is built (Kestrel's limits): it must still be reported, not crash.
            ["Gateway__TrustedProxies__0"] = "not-an-ip",
        });

        var exitCode = await gateway.ExitCodeAsync(TimeSpan.FromSeconds(60));
        var lines = gateway.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(78, exitCode);
        // Every bad setting of every section in one start, one line each, and nothing else (no stack trace).
        Assert.Collection(lines.Order(StringComparer.Ordinal),
            line => Assert.Contains("Gateway:TrustedProxies: 'not-an-ip' is not an IP address.", line),
            line => Assert.Equal("MacNode:ProbeInterval: 'soon' is not a valid TimeSpan.", line),
            line => Assert.StartsWith("Storage:BusyTimeout: The field BusyTimeout must be between", line),
            line => Assert.StartsWith("Tenants:demo:Agents:boss:ApiKey is a development value", line),
            line => Assert.StartsWith("Tenants:demo:Nodes:boss-mac:Secret is a development value", line),
            line => Assert.StartsWith("Twilio:AuthToken is a development value", line));
        Assert.False(File.Exists(_folder.File("process.db")), "nothing may be written before the configuration is valid");
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task GatewayProcess_WithOnlyTheSeedTwilioNames_ChecksWebhooksWithTheirToken(string environment)
    {
        const string token = "0123456789abcdef0123456789abcdef";
        var variables = new Dictionary<string, string>
        {
            ["TWILIO_ACCOUNT_SID"] = "AC" + new string('1', 32),
            ["TWILIO_AUTH_TOKEN"] = token,
            ["TWILIO_API_KEY"] = "SK" + new string('2', 32),
            ["TWILIO_API_SECRET"] = "an-api-key-secret-from-twilio",
            ["TWILIO_TWIML_APP_SID"] = "AP" + new string('3', 32),
        };
        if (environment == "Production")
        {
            variables["Tenants__demo__Agents__boss__ApiKey"] = "a-real-api-key-from-the-environment";
            variables["Tenants__demo__Nodes__boss-mac__Secret"] = "a-real-node-secret-from-the-environment";
        }
        await using var gateway = GatewayProcess.Start(_folder.Path, environment, variables);
        await gateway.WaitUntilServingAsync();

        using var withSeedToken = await PostStatusAsync(gateway.Address, token);
        using var withFileToken = await PostStatusAsync(gateway.Address, "dev-twilio-auth-token");

        Assert.Equal(HttpStatusCode.OK, withSeedToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withFileToken.StatusCode);
        Assert.Contains("Twilio is live", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_OutsideDevelopmentWithRealKeys_Passes()
    {
        var errors = Validate(new()
        {
            ["Tenants:demo:Agents:boss:ApiKey"] = "a-real-key-from-the-environment",
            ["Tenants:demo:Nodes:boss-mac:Secret"] = "a-real-node-secret",
            ["Twilio:AuthToken"] = "a-real-twilio-auth-token",
        }, "Production");
        Assert.Empty(errors);
    }

    [Fact]
    public void Validation_DirectLinkWithoutAUsableUrl_FailsNamingIt() =>
        Assert.Contains(Validate(new() { ["Tenants:demo:Nodes:boss-mac:Link"] = "direct", ["Tenants:demo:Nodes:boss-mac:Url"] = "not a url" }, "Development"),
            e => e.StartsWith("Tenants:demo:Nodes:boss-mac:Url must be an absolute http(s) URL", StringComparison.Ordinal));

    [Fact]
    public void Validation_TheShippedFileInDevelopment_Passes() => Assert.Empty(Validate([], "Development"));

    [Theory]
    [InlineData("MacNode:DialAttemptTimeout", "00:00:10", "MacNode:DialAttemptTimeout must not exceed MacNode:DialBudget")]
    [InlineData("MacNode:ProbeInterval", "00:00:00", "ProbeInterval")]
    [InlineData("Console:SessionLifetime", "00:01:00", "Console:SessionLifetime: '00:01:00' must be between 00:05:00 and 30.00:00:00.")]
    [InlineData("Console:VoiceSdkUrl", "http://cdn.example.com/twilio.js", "Console:VoiceSdkUrl: 'http://cdn.example.com/twilio.js' must be an absolute https URL.")]
    [InlineData("Console:VoiceSdkIntegrity", "md5-abc", "Console:VoiceSdkIntegrity: must be a Subresource Integrity value")]
    [InlineData("MacNode:ProbeInterval", "often", "MacNode:ProbeInterval: 'often' is not a valid TimeSpan.")]
    [InlineData("MacNode:Breaker:MinimumThroughput", "1", "MacNode:Breaker:MinimumThroughput must be at least 2")]
    [InlineData("Tenants:demo:CallMode", "sometimes", "Tenants:demo:CallMode must be one of")]
    [InlineData("Tenants:demo:Agents:boss:Node", "ghost-mac", "Tenants:demo:Agents:boss:Node names 'ghost-mac'")]
    [InlineData("Tenants:demo:Agents:boss:ApiKey", "short", "Tenants:demo:Agents:boss:ApiKey must be set")]
    [InlineData("Tenants:demo:Nodes:boss-mac:Link", "carrier-pigeon", "Tenants:demo:Nodes:boss-mac:Link must be tunnel or direct")]
    [InlineData("Tenants:demo:Numbers:0:Number", "12", "Tenants:demo:Numbers:0:Number is not a dialable number")]
    [InlineData("Tenants:demo:Numbers:1:Default", "true", "at most one number can be the Default")]
    [InlineData("Tenants:demo:StateMap:IN", "+19995550100", "Tenants:demo:StateMap:IN must name one of")]
    [InlineData("Twilio:TokenTtl", "2.00:00:00", "Twilio:TokenTtl must be more than 0 and at most 24 hours")]
    [InlineData("Twilio:PublicBaseUrl", "https://gateway.example.com/base", "Twilio:PublicBaseUrl must be scheme://host[:port] with no path")]
    [InlineData("Storage:BusyTimeout", "00:00:00", "Storage:BusyTimeout: The field BusyTimeout must be between")]
    public void Validation_BrokenSetting_FailsNamingIt(string key, string value, string message)
    {
        var errors = Validate(new() { [key] = value }, "Development");
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void NoConfigurationFileIsWatched_SoDatabaseWritesUnderTheWorkingDirectoryWakeNothing()
    {
        var builder = GatewayApp.CreateBuilder([], new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = _folder.Path });

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<Microsoft.Extensions.Configuration.FileConfigurationSource>().ToList();

        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched for changes"));
    }

    private static IReadOnlyList<string> Validate(Dictionary<string, string?> overrides, string environment) =>
        ConfigurationCheckRun.Failures(overrides, environment);

    private static async Task<HttpResponseMessage> PostStatusAsync(Uri gateway, string token)
    {
        var url = new Uri(gateway, "/twilio/voice/status").ToString();
        (string, string)[] form = [("CallSid", "CA" + new string('9', 32)), ("CallStatus", "ringing")];
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Item1, f.Item2))) };
        request.Headers.Add("X-Twilio-Signature", Softphone.Gateway.Twilio.TwilioSignature.Compute(token, url,
            form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Item1, [f.Item2]))));
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
