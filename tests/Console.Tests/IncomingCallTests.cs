using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Softphone.Console.Tests.Support;
using Softphone.Gateway.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Softphone.Console.Tests;

/// <summary>A caller dials the business (simulated Twilio, through the real signed webhooks) and the console rings.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IncomingCallTests(ConsoleBrowser browser)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        // Long enough to see the connected call in the bar, short enough for a test.
        ["Twilio:SimulatedCallDuration"] = "00:00:02",
        ["Twilio:SimulatedCallbackDelay"] = "00:00:00.050",
    };

    [Fact]
    public async Task IncomingCall_RingsInTheBrowser_AndIsAnswered()
    {
        await using var world = await TestWorld.StartAsync(Settings, startAgent: false);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync(); // the page says it is open (presence), so inbound calls ring it

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Simulate an incoming call", Exact = true }).ClickAsync();
        var answer = console.Page.GetByRole(AriaRole.Button, new() { Name = "Answer", Exact = true });
        await Expect(answer).ToBeVisibleAsync();
        await Expect(console.CallBar).ToContainTextAsync("Incoming");
        await Expect(console.CallBar).ToContainTextAsync("(312) 555-0142");
        await console.ScreenshotAsync("call-bar-incoming", console.CallBar);
        await answer.ClickAsync();

        await Expect(console.CallStatus).ToHaveTextAsync("Connected");
        await Expect(answer).ToBeHiddenAsync();
        await Expect(console.CallStatus).ToHaveTextAsync("Call ended", new() { Timeout = 15_000 });

        // The gateway saw an answered inbound call: one call entry, completed, no voicemail.
        using var client = world.Gateway.Client();
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/%2B13125550142/timeline");
        var entries = timeline.GetProperty("entries").EnumerateArray().ToList();
        Assert.DoesNotContain(entries, e => e.GetProperty("type").GetString() == "voicemail");
        var call = Assert.Single(entries, e => e.GetProperty("type").GetString() == "call");
        Assert.Equal("browser", call.GetProperty("details").GetProperty("ringing").GetString());
    }

    [Fact]
    public async Task DeclinedCall_LeavesAVoicemail_ThatTheLeadViewPlaysAndTranscribes()
    {
        await using var world = await TestWorld.StartAsync(Settings, startAgent: false);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Simulate an incoming call", Exact = true }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Decline", Exact = true }).ClickAsync();
        await Expect(console.Toast).ToContainTextAsync("New voicemail", new() { Timeout = 15_000 });

        await console.ShowAsync("Leads");
        await console.Page.Locator("#lead-list button.row", new() { HasText = "(312) 555-0142" }).ClickAsync();
        var voicemail = console.Page.Locator("#lead-view li[data-type=voicemail]");
        await Expect(voicemail).ToContainTextAsync("simulated caller");
        var audio = voicemail.Locator("audio");
        await Expect(audio).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/recordings/RE[0-9a-f]{32}$"));
        // The recording is served to the signed-in browser (cookie), and plays.
        var src = await audio.GetAttributeAsync("src");
        var response = await console.Page.APIRequest.GetAsync(new Uri(world.Gateway.Address, src).ToString());
        Assert.Equal(200, response.Status);
        Assert.Equal("audio/wav", response.Headers["content-type"]);
        var duration = await audio.EvaluateAsync<double>("a => new Promise(r => { a.preload = 'auto'; a.onloadedmetadata = () => r(a.duration); a.onerror = () => r(-1); a.load(); })");
        Assert.InRange(duration, 1.5, 2.5);
    }
}
