using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>/readyz tells the truth about live Twilio: it proves the credentials with an authenticated GET, cached and refreshed in the background.</summary>
public sealed class TwilioReadinessTests : IAsyncLifetime
{
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private Task<TestWorld> StartAsync(string interval = "00:00:00.200") =>
        TestWorld.StartAsync(startAgent: false, overrides: new Dictionary<string, string?>(LiveTwilio.Bridge(_twilio)) { ["Twilio:CredentialCheckInterval"] = interval });

    private static async Task<(HttpStatusCode Status, JsonElement Twilio)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks").GetProperty("twilio"));
    }

    [Fact]
    public async Task GoodCredentials_AreVerifiedByTwilio_AndReadyzSaysSo()
    {
        await using var world = await StartAsync();
        using var client = world.Gateway.Client(apiKey: null);
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Twilio.GetProperty("description").GetString()!.Contains("credentials verified", StringComparison.Ordinal),
            "the credentials verified");
        var (status, twilio) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", twilio.GetProperty("status").GetString());
        // Refreshed in the background, not per /readyz request.
        var checks = _twilio.AccountChecks;
        await Eventually.WaitAsync(() => Task.FromResult(_twilio.AccountChecks > checks), "a background refresh");
    }

    [Fact]
    public async Task RejectedCredentials_MakeTheGatewayNotReady_WithTwiliosReason()
    {
        _twilio.Answer("GET", $"/2010-04-01/Accounts/{LiveTwilio.Account}.json", 401,
            """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");
        await using var world = await StartAsync();
        using var client = world.Gateway.Client(apiKey: null);
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Twilio.GetProperty("description").GetString()!.Contains("rejected", StringComparison.Ordinal),
            "the rejection reported");
        var (status, twilio) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", twilio.GetProperty("status").GetString());
        Assert.Contains("20003: Authenticate", twilio.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwilioUnreachable_IsDegraded_NotDown_AndRecoversWhenItAnswersAgain()
    {
        await using var world = await StartAsync();
        using var client = world.Gateway.Client(apiKey: null);
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Twilio.GetProperty("status").GetString() == "healthy", "verified first");

        _twilio.Answer("GET", $"/2010-04-01/Accounts/{LiveTwilio.Account}.json", 503, "");
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Twilio.GetProperty("status").GetString() == "degraded", "degraded while Twilio fails");
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(client)).Status); // iPhone calls still work: still ready

        _twilio.Answer("GET", $"/2010-04-01/Accounts/{LiveTwilio.Account}.json", 200, $$"""{"sid":"{{LiveTwilio.Account}}","status":"active"}""");
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Twilio.GetProperty("status").GetString() == "healthy", "healthy again");
    }

    [Fact]
    public async Task ASuspendedAccount_IsNotReady()
    {
        _twilio.Answer("GET", $"/2010-04-01/Accounts/{LiveTwilio.Account}.json", 200, $$"""{"sid":"{{LiveTwilio.Account}}","status":"suspended"}""");
        await using var world = await StartAsync();
        using var client = world.Gateway.Client(apiKey: null);
        await Eventually.WaitAsync(async () => (await ReadyAsync(client)).Twilio.GetProperty("description").GetString()!.Contains("the account is suspended", StringComparison.Ordinal),
            "the suspension reported");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadyAsync(client)).Status);
    }
}

/// <summary>Production with live Twilio and no public URL starts, and says in its log what that costs.</summary>
public sealed class PublicBaseUrlWarningTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-publicurl-");

    [Theory]
    [InlineData("", true)]
    [InlineData("https://gateway.example.com", false)]
    public async Task Production_WarnsAtStart_OnlyWhenThePublicBaseUrlIsEmpty(string publicBaseUrl, bool warned)
    {
        await using var twilio = await FakeTwilioServer.StartAsync();
        await using var gateway = GatewayProcess.Start(_folder.Path, "Production", new Dictionary<string, string>
        {
            ["Storage__Path"] = _folder.File($"gateway-{warned}.db"),
            ["Tenants__demo__Agents__boss__ApiKey"] = "a-real-key-from-the-environment",
            ["Tenants__demo__Nodes__boss-mac__Secret"] = "a-real-node-secret",
            ["TWILIO_ACCOUNT_SID"] = LiveTwilio.Account,
            ["TWILIO_AUTH_TOKEN"] = "a-real-twilio-auth-token",
            ["TWILIO_API_KEY"] = "SK0123456789abcdef0123456789abcdef",
            ["TWILIO_API_SECRET"] = "a-real-api-key-secret",
            ["TWILIO_TWIML_APP_SID"] = "AP0123456789abcdef0123456789abcdef",
            ["Twilio__ApiBaseUrl"] = twilio.BaseUrl,
            ["Twilio__PublicBaseUrl"] = publicBaseUrl,
        });
        await gateway.WaitUntilServingAsync();
        await Eventually.WaitAsync(() => Task.FromResult(twilio.AccountChecks > 0), "the credential check");
        Assert.Equal(warned, gateway.Output.Contains("Twilio:PublicBaseUrl is empty", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
