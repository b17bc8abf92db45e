using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Hosting;

/// <summary>Bad input at the HTTP edge: a 4xx ProblemDetails that says what to fix, never a 500, never internals.</summary>
/// <remarks>One gateway for the class (<see cref="SharedWorld"/>): each test uses its own numbers and checks what it changed by difference.</remarks>
public sealed class HttpEdgeTests(GatewayWithoutCallbacks shared) : IClassFixture<GatewayWithoutCallbacks>
{
    private readonly TestWorld _world = shared.World;

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType)
    {
        using var client = _world.Gateway.Client();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await client.PostAsync(path, content);
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"", "+13125550161")]
    [InlineData("application/json; charset=UTF-8", "+13125550162")]
    [InlineData("application/json;charset=utf8", "+13125550163")]
    public async Task Json_QuotedOrCasedUtf8Charset_Accepted(string contentType, string phone)
    {
        using var response = await PostRawAsync("/api/dnc", $$"""{"phone":"{{phone}}"}""", contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=\"utf-16\"")]
    public async Task Json_OtherCharset_415Problem(string contentType)
    {
        var before = await _world.CountAsync("dnc");
        using var response = await PostRawAsync("/api/dnc", """{"phone":"+13125550164"}""", contentType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-charset", problem.GetProperty("reason").GetString());
        Assert.Equal(before, await _world.CountAsync("dnc"));
    }

    [Fact]
    public async Task Json_WrongType_DetailNamesTheFieldNotAnInternalType()
    {
        using var response = await PostRawAsync("/api/calls", """{"leadId": 42, "to": "+13125550142"}""", "application/json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-json", problem.GetProperty("reason").GetString());
        Assert.Contains("leadId", detail);
        Assert.DoesNotContain("Softphone", detail);
        Assert.DoesNotContain("System.", detail);
    }

    // Every number or yes/no query parameter of the API: the generated endpoints read them as text (QueryValues).
    [Theory]
    [InlineData("/api/calls?page=abc", "page")]
    [InlineData("/api/calls?pageSize=1.5", "pageSize")]
    [InlineData("/api/leads?limit=ten", "limit")]
    [InlineData("/api/leads/l1/timeline?limit=-", "limit")]
    [InlineData("/api/followups?limit=x", "limit")]
    [InlineData("/api/followups?due=maybe", "due")]
    public async Task Query_WrongType_DetailNamesTheParameterOnly(string url, string parameter)
    {
        using var client = _world.Gateway.Client();
        using var response = await client.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"The value of '{parameter}' is not valid.", problem.GetProperty("detail").GetString());
        Assert.Equal("invalid-request", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Api_ChunkedBodyOverTheCap_413()
    {
        var before = await _world.CountAsync("calls");
        using var client = _world.Gateway.Client();
        var body = Encoding.UTF8.GetBytes("{\"leadId\":\"" + new string('x', 300_000) + "\"}");

        using var response = await OversizedBody.SendAsync(client, () =>
        {
            var content = new StreamContent(new MemoryStream(body));
            content.Headers.ContentType = new("application/json");
            return new HttpRequestMessage(HttpMethod.Post, "/api/calls") { Content = content };
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        Assert.Equal(before, await _world.CountAsync("calls"));
    }

    [Fact]
    public async Task SimulatedAccessToken_IsNotSignedWithTheWebhookAuthToken()
    {
        using var client = _world.Gateway.Client();
        using var response = await client.PostAsync("/api/token", null);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var parts = token.Split('.');
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var withAuthToken = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("dev-twilio-auth-token"), signed))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(withAuthToken, parts[2]);
    }

    [Theory]
    [InlineData("/api/calls/nope", "call-not-found")]
    [InlineData("/api/calls?page=0", "invalid-page")]
    [InlineData("/api/nowhere", "not-found")]
    public async Task Errors_CarryADetail(string path, string reason)
    {
        using var client = _world.Gateway.Client();
        using var response = await client.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
