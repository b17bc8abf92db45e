using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Softphone.Console.Tests.Support;
using Softphone.Gateway.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Softphone.Console.Tests;

/// <summary>Pressing call in the console, against a real gateway and a real Mac node agent on its tunnel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CallBarTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task Press_GoesToTheIphone_ThenTheAgentStops_BadgeTurnsDown_AndTheNextPressShowsTwilioWithItsCallerId()
    {
        await using var world = await TestWorld.StartAsync(tunnel: true);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();
        await Expect(console.NodeBadge).ToHaveAttributeAsync("data-state", "up");

        await console.PressAsync("(312) 555-0134", "Jordan Smith", "IL");
        await Expect(console.Route).ToHaveTextAsync("iPhone");
        await Expect(console.RouteReason).ToHaveTextAsync("Dialed on your iPhone");
        await Expect(console.CallBar).ToContainTextAsync("Jordan Smith");
        await Expect(console.CallBar).ToContainTextAsync("(312) 555-0134");
        Assert.Equal(["+13125550134"], world.Dialer.Dialed);
        await console.ScreenshotAsync("call-bar-iphone", console.CallBar);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Skip", Exact = true }).ClickAsync();

        await world.StopAgentAsync();
        // Seen down within 2 s of the agent going away (the tunnel closes; the live event moves the badge).
        await Expect(console.NodeBadge).ToHaveAttributeAsync("data-state", "down", new() { Timeout = 2000 });
        await Expect(console.NodeBadge).ToContainTextAsync("Mac node down since");

        await console.PressAsync("(312) 555-0135", "Casey Jones", "IL");
        await Expect(console.Route).ToHaveTextAsync("Twilio");
        await Expect(console.RouteReason).ToContainTextAsync("Mac node down since");
        await Expect(console.RouteReason).ToContainTextAsync("sent through Twilio");
        // The caller ID the gateway chose (the demo tenant's Illinois number for an Illinois lead).
        var chosen = (await world.Gateway.Client().GetFromJsonAsync<JsonElement>("/api/calls?leadId=%2B13125550135")).GetProperty("items")[0].GetProperty("callerId").GetString()!;
        await Expect(console.Via).ToHaveTextAsync($"via ({chosen[2..5]}) {chosen[5..8]}-{chosen[8..]}");
        await console.ScreenshotAsync("call-bar-twilio", console.CallBar);
        Assert.Single(world.Dialer.Dialed);
    }

    [Fact]
    public async Task UnconfirmedIphoneCall_OffersTwilio_AndTheFallbackPlacesIt()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            // The node stays "up" while its agent is black-holed, so the press is sent and its outcome lost.
            ["MacNode:ProbeInterval"] = "00:01:00",
            ["MacNode:HeartbeatFreshness"] = "00:01:00",
        });
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();
        await world.BlackHoleAsync();

        await console.PressAsync("3125550140", "Riley Unconfirmed", "IL");
        await Expect(console.CallStatus).ToHaveTextAsync("Unconfirmed", new() { Timeout = 15_000 });
        await Expect(console.RouteReason).ToContainTextAsync("may be ringing on your iPhone");
        var fallback = console.Page.GetByRole(AriaRole.Button, new() { Name = "Call through Twilio instead", Exact = true });
        await Expect(fallback).ToBeVisibleAsync();
        await fallback.ClickAsync();

        await Expect(console.Route).ToHaveTextAsync("Twilio");
        await Expect(fallback).ToBeHiddenAsync();
        using var client = world.Gateway.Client();
        var calls = await client.GetFromJsonAsync<JsonElement>("/api/calls?leadId=%2B13125550140");
        var call = calls.GetProperty("items")[0];
        Assert.Equal(("twilio", "placed"), (call.GetProperty("route").GetString(), call.GetProperty("status").GetString()));
        Assert.NotEqual(JsonValueKind.Null, call.GetProperty("fallbackAt").ValueKind);
    }

    [Fact]
    public async Task Refusals_AreShownInWords_DoNotCallAndOutsideCallingHoursWithTheNextAllowedTime()
    {
        await using var world = await TestWorld.StartAsync(ClosedHours.For("CallingHours"), startAgent: false);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();

        await console.PressAsync("(312) 555-0150", "Night Owl", "IL");
        await Expect(console.PressError).ToContainTextAsync("It is outside the contact's calling hours.");
        await Expect(console.PressError).ToContainTextAsync("The next allowed time is");
        await Expect(console.CallBar).ToBeHiddenAsync();

        await console.ShowAsync("Settings");
        await console.Page.GetByPlaceholder("Number").FillAsync("312.555.0151");
        await console.Page.GetByPlaceholder("Reason (optional)").FillAsync("asked us to stop");
        await console.Page.Locator("#dnc-form button").ClickAsync();
        await Expect(console.Page.Locator("#dnc-list")).ToContainTextAsync("(312) 555-0151");

        await console.PressAsync("+1 312 555 0151", "Do Not Call", "IL");
        await Expect(console.PressError).ToContainTextAsync("This number is on the do-not-call list.");
        Assert.Empty(world.Dialer.Dialed);
    }
}
