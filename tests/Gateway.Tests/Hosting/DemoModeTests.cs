using System.Net;
using System.Net.Http.Json;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Hosting;

/// <summary><c>--demo</c>: the newcomer's press works at any hour, says so in the log, and cannot reach production.</summary>
[Slow]
public sealed class DemoModeTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-demo-");

    private static Dictionary<string, string> ClosedNow() =>
        ClosedHours.For("CallingHours").ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!);

    [Fact]
    public async Task WithDemo_APressOutsideCallingHoursIsPlaced_AndTheLogSaysTheHoursAreOpen()
    {
        await using var closed = GatewayProcess.Start(_folder.Path, "Development", new Dictionary<string, string>(ClosedNow()) { ["Storage__Path"] = _folder.File("closed.db") });
        await closed.WaitUntilServingAsync();
        using (var client = new HttpClient { BaseAddress = closed.Address })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", "dev-boss-key");
            using var refused = await client.PostAsJsonAsync("/api/calls", new { leadId = "demo-1", to = "(312) 555-0142", leadState = "IL" });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        await using var demo = GatewayProcess.Start(_folder.Path, "Development", new Dictionary<string, string>(ClosedNow()) { ["Storage__Path"] = _folder.File("demo.db") }, "--demo");
        await demo.WaitUntilServingAsync();
        using var demoClient = new HttpClient { BaseAddress = demo.Address };
        demoClient.DefaultRequestHeaders.Authorization = new("Bearer", "dev-boss-key");
        using var placed = await demoClient.PostAsJsonAsync("/api/calls", new { leadId = "demo-1", to = "(312) 555-0142", leadState = "IL" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Contains("DEMO (--demo): calling and texting hours are open around the clock", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_InProduction_StopsTheHostWithOneLine()
    {
        await using var gateway = GatewayProcess.Start(_folder.Path, "Production", new Dictionary<string, string>
        {
            ["Tenants__demo__Agents__boss__ApiKey"] = "a-real-key-from-the-environment",
            ["Tenants__demo__Nodes__boss-mac__Secret"] = "a-real-node-secret",
            ["TWILIO_AUTH_TOKEN"] = "a-real-twilio-auth-token",
        }, "--demo");
        Assert.Equal(78, await gateway.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--demo (Gateway:Demo) opens calling and texting hours around the clock: only in the Development environment with simulated Twilio.", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", gateway.Output, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
