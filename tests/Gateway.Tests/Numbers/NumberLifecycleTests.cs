using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Numbers;

/// <summary>Buying and releasing numbers against the loopback fake Twilio (the real REST client): the list follows what Twilio did.</summary>
public sealed class NumberLifecycleTests : IAsyncLifetime
{
    private const string Account = "AC0123456789abcdef0123456789abcdef";
    private const string Bought = "+13125550188";
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private Task<TestWorld> LiveAsync() => TestWorld.StartAsync(new Dictionary<string, string?>
    {
        ["Twilio:AccountSid"] = Account, ["Twilio:AuthToken"] = "live-auth-token", ["Twilio:ApiBaseUrl"] = _twilio.BaseUrl,
    }, startAgent: false);

    private async Task<string> BuyAsync(HttpClient client)
    {
        _twilio.Answer("POST", $"/2010-04-01/Accounts/{Account}/IncomingPhoneNumbers.json", 201,
            $$"""{"sid":"PNbought","phone_number":"{{Bought}}","friendly_name":"(312) 555-0188"}""");
        using var bought = await client.PostAsJsonAsync("/api/numbers/purchase", new { phoneNumber = Bought });
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        return (await bought.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
    }

    private static async Task<bool> ListedAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/numbers")).EnumerateArray().Any(n => n.GetProperty("e164").GetString() == Bought);

    [Fact]
    public async Task Release_TwilioRefuses_ProblemWithTwilioCode_AndTheNumberStaysListed()
    {
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();
        var sid = await BuyAsync(client);
        _twilio.Answer("DELETE", $"/2010-04-01/Accounts/{Account}/IncomingPhoneNumbers/{sid}.json", 400,
            """{"code":21452,"message":"Number is in use by a Messaging Service","status":400}""");

        using var response = await client.PostAsync($"/api/numbers/{sid}/release", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(("twilio-error", 21452), (problem.GetProperty("reason").GetString(), problem.GetProperty("twilioCode").GetInt32()));
        Assert.True(await ListedAsync(client));
    }

    [Fact]
    public async Task Release_TwilioAccepts_204AndGone()
    {
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();
        var sid = await BuyAsync(client);
        _twilio.Answer("DELETE", $"/2010-04-01/Accounts/{Account}/IncomingPhoneNumbers/{sid}.json", 204, "");

        using var response = await client.PostAsync($"/api/numbers/{sid}/release", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await ListedAsync(client));
        Assert.Single(_twilio.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Release_TwilioNoLongerHasIt_ForgottenToo()
    {
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();
        var sid = await BuyAsync(client); // the fake answers 404 for anything not scripted, as Twilio does for a released number

        using var response = await client.PostAsync($"/api/numbers/{sid}/release", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await ListedAsync(client));
    }

    [Fact]
    public async Task Purchase_ANumberAnotherBusinessOwns_409BeforeTwilioIsAsked()
    {
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();

        using var theirs = await client.PostAsJsonAsync("/api/numbers/purchase", new { phoneNumber = "+12145550177" });
        using var ours = await client.PostAsJsonAsync("/api/numbers/purchase", new { phoneNumber = "(630) 555-0100" });

        Assert.Equal(HttpStatusCode.Conflict, theirs.StatusCode);
        var problem = await theirs.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("number-not-available", problem.GetProperty("reason").GetString());
        Assert.DoesNotContain("acme", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Conflict, ours.StatusCode);
        Assert.Equal("number-already-owned", (await ours.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Empty(_twilio.Requests);
    }

    [Fact]
    public async Task Search_EmptyQueryParameters_MeanNotGiven()
    {
        _twilio.Answer("GET", $"/2010-04-01/Accounts/{Account}/AvailablePhoneNumbers/US/Local.json", 200, """{"available_phone_numbers":[]}""");
        await using var world = await LiveAsync();
        using var client = world.Gateway.Client();

        using var response = await client.GetAsync("/api/numbers/available?areaCode=&contains=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_twilio.Requests);
        Assert.DoesNotContain("AreaCode", sent.Query);
        Assert.DoesNotContain("Contains", sent.Query);
    }
}
