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
    public async Task WithoutDemo_APressOutsideCallingHoursIsRefused()
    {
        // The same closed hours as the --demo run below, without --demo: the window is kept (the control for that test).
        await using var closed = new GatewayFactory(FreePort.Next(), _folder.File("closed.db"), ClosedHours.For("CallingHours"));
        using var client = closed.Client();
        using var refused = await client.PostAsJsonAsync("/api/calls", new { leadId = "demo-1", to = "(312) 555-0142", leadState = "IL" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("outside-calling-hours", (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WithDemo_APressOutsideCallingHoursIsPlaced_AndTheLogSaysTheHoursAreOpen()
    {
        // The real binary with the real argument, as the README's quick start runs it.
        await using var demo = GatewayProcess.Start(_folder.Path, "Development", new Dictionary<string, string>(ClosedNow()) { ["Storage__Path"] = _folder.File("demo.db") }, "--demo");
        await demo.WaitUntilServingAsync();
        using var demoClient = new HttpClient { BaseAddress = demo.Address };
        demoClient.DefaultRequestHeaders.Authorization = new("Bearer", "dev-boss-key");
        using var placed = await demoClient.PostAsJsonAsync("/api/calls", new { leadId = "demo-1", to = "(312) 555-0142", leadState = "IL" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Contains("DEMO (--demo): calling and texting hours are open around the clock", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_InProduction_IsABadSetting()
    {
        // The argument as Program receives it: the one line a Production start with --demo prints before exit 78.
        var failures = ConfigurationCheckRun.Failures(new()
        {
            ["Tenants:demo:Agents:boss:ApiKey"] = "a-real-key-from-the-environment",
            ["Tenants:demo:Nodes:boss-mac:Secret"] = "a-real-node-secret",
            ["Twilio:AuthToken"] = "a-real-twilio-auth-token",
        }, "Production", "--demo");

        Assert.Equal(
            ["--demo (Gateway:Demo) opens calling and texting hours around the clock: only in the Development environment with simulated Twilio."],
            failures);
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
