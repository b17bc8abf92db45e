using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Routing;

/// <summary>Bad input gets a 4xx ProblemDetails with a stable reason and changes nothing.</summary>
/// <remarks>
/// One gateway and agent for the whole class (<see cref="WorldWithAgent"/>): no test here may change anything, and each
/// checks that it did not, so a test that did would fail itself and those after it, never pass silently.
/// </remarks>
public sealed class PressCallValidationTests(WorldWithAgent shared) : IClassFixture<WorldWithAgent>
{
    private readonly TestWorld _world = shared.World;

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"leadId":"l1","to":"911"}""", "invalid-number" },
        { """{"leadId":"l1","to":"555-0100"}""", "invalid-number" },
        { """{"leadId":"l1","to":"1-800-FLOWERS"}""", "invalid-number" },
        { """{"leadId":"l1","to":"+1 130 555 0100"}""", "invalid-number" },
        { """{"leadId":"l1"}""", "invalid-number" },
        { """{"to":"+13125550142"}""", "invalid-lead-id" },
        { """{"leadId":"","to":"+13125550142"}""", "invalid-lead-id" },
        { """{"leadId":"l1","to":"+13125550142","leadState":"ZZ"}""", "invalid-state" },
        { """{"leadId":"l1","to":"+13125550142","mode":"carrier-pigeon"}""", "invalid-call-mode" },
        { """{"leadId":"l1","to":"+13125550142","callId":"has spaces"}""", "invalid-call-id" },
        { """{"leadId":"l1","to":"+13125550142","callId":""}""", "invalid-call-id" },
        { """{"leadId":"l1","to":"+13125550142""", "invalid-json" },
        { """{"leadId":5,"to":"+13125550142"}""", "invalid-json" },
        { """[1,2,3]""", "invalid-json" },
        { "null", "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Press_BadBody_400WithReason_AndNothingStoredOrDialed(string body, string reason)
    {
        using var client = _world.Gateway.Client();
        using var response = await client.PostAsync("/api/calls", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, reason);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Press_NotJson_415()
    {
        using var client = _world.Gateway.Client();
        using var response = await client.PostAsync("/api/calls", new StringContent("leadId=l1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData(null, "missing-api-key")]
    [InlineData("wrong-key", "invalid-api-key")]
    [InlineData("", "missing-api-key")]
    public async Task Press_MissingOrWrongKey_401_AndNothingStoredOrDialed(string? key, string reason)
    {
        using var client = _world.Gateway.Client(apiKey: null);
        if (key is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key.Length == 0 ? "" : $"Bearer {key}");
        }
        using var response = await client.PostAsJsonAsync("/api/calls", new { leadId = "l1", to = "+13125550142" });

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, reason);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Press_BasicAuthInsteadOfBearer_401()
    {
        using var client = _world.Gateway.Client(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new("Basic", "ZGV2LWJvc3Mta2V5Og==");
        using var response = await client.PostAsJsonAsync("/api/calls", new { leadId = "l1", to = "+13125550142" });
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-api-key");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("/api/calls?route=carrier", "invalid-route")]
    [InlineData("/api/calls?since=yesterday", "invalid-since")]
    [InlineData("/api/calls?pageSize=0", "invalid-page")]
    [InlineData("/api/calls?page=0", "invalid-page")]
    [InlineData("/api/calls?pageSize=abc", "invalid-request")]
    [InlineData("/api/leads/l1/timeline?limit=0", "invalid-limit")]
    public async Task Queries_BadParameters_400(string url, string reason)
    {
        using var client = _world.Gateway.Client();
        using var response = await client.GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, reason);
    }

    [Theory]
    [InlineData("""{"mode":"sometimes"}""", "invalid-call-mode")]
    [InlineData("""{}""", "invalid-call-mode")]
    [InlineData("{\"mode\":", "invalid-json")]
    public async Task CallMode_BadValue_400_AndModeUnchanged(string body, string reason)
    {
        using var client = _world.Gateway.Client();
        using var response = await client.PutAsync("/api/settings/call-mode", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, reason);
        Assert.Equal("iphone-primary", (await client.GetFromJsonAsync<JsonElement>("/api/settings/call-mode")).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task UnknownRoute_404ProblemDetails()
    {
        using var client = _world.Gateway.Client();
        using var response = await client.GetAsync("/api/nothing-here");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Equal(0, await _world.CountAsync("calls"));
        Assert.Equal(0, await _world.CountAsync("leads"));
        Assert.Equal(0, await _world.CountAsync("timeline"));
        Assert.Empty(_world.Dialer.Dialed);
    }
}
