using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Hosting;
using Softphone.Tests;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Hosting;

/// <summary>Logs for journald: JSON on request, one line per request, no secrets or whole phone numbers in either format.</summary>
[Slow]
public sealed class LogsTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-logs-");

    [Theory]
    [InlineData("/api/dnc/+13125550100", "/api/dnc/***0100")]
    [InlineData("/api/dnc/%2B13125550100", "/api/dnc/***0100")]
    [InlineData("/api/dnc/(312)%20555-0142", "/api/dnc/***0142")]
    [InlineData("/api/dnc/3125550142/extra", "/api/dnc/***0142/extra")]
    [InlineData("/api/calls/5b0c1e1a-2f4e-4a8a-9c7e-123456789012", "/api/calls/5b0c1e1a-2f4e-4a8a-9c7e-123456789012")]
    [InlineData("/twilio/voice/status", "/twilio/voice/status")]
    [InlineData("/api/numbers/PN0123456789abcdef0123456789abcdef", "/api/numbers/PN0123456789abcdef0123456789abcdef")]
    [InlineData("/api/leads/555", "/api/leads/555")]
    public void MaskPath_KeepsTheLastFourDigitsOfAnythingThatLooksLikeAPhoneNumber(string path, string logged) =>
        Assert.Equal(logged, RequestLogMiddleware.MaskPath(path));

    [Fact]
    public async Task JsonFormat_EveryLineIsAJsonObject_RequestsAreLogged_WithoutKeysQueriesOrWholeNumbers()
    {
        await using var gateway = GatewayProcess.Start(_folder.Path, "Development", new Dictionary<string, string>
        {
            ["Storage__Path"] = _folder.File("gateway.db"),
            ["Logs__Format"] = "json",
        });
        await gateway.WaitUntilServingAsync();
        using (var client = new HttpClient { BaseAddress = gateway.Address })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", "dev-boss-key");
            using var added = await client.PostAsJsonAsync("/api/dnc", new { phone = "+13125550199", reason = "logs" });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
            using var removed = await client.DeleteAsync("/api/dnc/+13125550199");
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
            using var listed = await client.GetAsync("/api/calls?leadId=%2B13125550199");
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        await Eventually.WaitAsync(() => Task.FromResult(gateway.Output.Contains("\"/api/calls\"", StringComparison.Ordinal)), "the request line of GET /api/calls");
        var lines = gateway.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(events, e => Assert.True(e.TryGetProperty("Level", out _) && e.TryGetProperty("RenderedMessage", out _), e.ToString()));
        var requests = events.Where(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("HTTP ", StringComparison.Ordinal))
            .Select(e => e.GetProperty("Properties")).ToList();
        Assert.Contains(requests, r => r.GetProperty("Method").GetString() == "DELETE" && r.GetProperty("Path").GetString() == "/api/dnc/***0199"
            && r.GetProperty("StatusCode").GetInt32() == 204);
        Assert.Contains(requests, r => r.GetProperty("Method").GetString() == "GET" && r.GetProperty("Path").GetString() == "/api/calls");
        Assert.DoesNotContain("3125550199", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-boss-key", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextFormat_IsTheDefault_WithTheSameMaskedRequestLine()
    {
        await using var gateway = GatewayProcess.Start(_folder.Path, "Development", new Dictionary<string, string> { ["Storage__Path"] = _folder.File("text.db") });
        await gateway.WaitUntilServingAsync();
        using (var client = new HttpClient { BaseAddress = gateway.Address })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", "dev-boss-key");
            using var removed = await client.DeleteAsync("/api/dnc/(312)%20555-0177");
            Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        }
        await Eventually.WaitAsync(() => Task.FromResult(gateway.Output.Contains("HTTP DELETE /api/dnc/***0177 answered 404 in ", StringComparison.Ordinal)), "the masked request line");
        Assert.DoesNotContain("555-0177", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFormat_IsABadSetting() =>
        Assert.Contains("Logs:Format: The Format field must be text or json.",
            ConfigurationCheckRun.Failures(new() { ["Logs:Format"] = "xml" }, "Development"));

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
