using Microsoft.Playwright;
using Softphone.Console.Tests.Support;
using Softphone.Gateway.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Softphone.Console.Tests;

/// <summary>Texting from the console: the live segment count, the send, the delivery tick from Twilio's callback.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MessagesTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task AText_ShowsItsSegmentsWhileTyped_IsSent_AndItsDeliveryTickAppears()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();
        await console.ShowAsync("Messages");
        await console.Page.GetByPlaceholder("New text to…").FillAsync("(312) 555-0160");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();

        var box = console.Page.Locator("#sms-body");
        var meter = console.Page.Locator("#sms-meter");
        await box.FillAsync(new string('a', 161));
        await Expect(meter).ToHaveTextAsync("161 characters · GSM-7 · 2 segments");
        await box.FillAsync("Price is 5€ ^^");
        await Expect(meter).ToHaveTextAsync("17 characters · GSM-7 · 1 segment"); // € and ^ take two septets each
        await box.FillAsync("See you at 3 👍");
        await Expect(meter).ToHaveTextAsync("14 characters · UCS-2 · 1 segment");

        await box.FillAsync("Hi, it's Demo Realty: the quote is ready.");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var bubble = console.Page.Locator(".bubbles li.outbound", new() { HasText = "the quote is ready" });
        await Expect(bubble).ToBeVisibleAsync();
        await Expect(bubble.Locator(".tick")).ToHaveTextAsync("✓✓ delivered", new() { Timeout = 15_000 });
        await Expect(console.Page.Locator("#thread-list")).ToContainTextAsync("(312) 555-0160");
        await console.ScreenshotAsync("messages", console.Page.Locator("#conversation"));
    }

    [Fact]
    public async Task WhileA2pIsPending_TheBannerSaysTextingIsOff_AndASendIsRefusedInWords()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Tenants:demo:MessagingServiceSid"] = "MG" + new string('0', 32),
            ["Twilio:SimulatedCampaignStatus"] = "IN_PROGRESS",
        }, startAgent: false);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();
        await Expect(console.Page.Locator("#a2p-banner")).ToContainTextAsync("Texting is off");

        await console.ShowAsync("Messages");
        await console.Page.GetByPlaceholder("New text to…").FillAsync("3125550161");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await console.Page.Locator("#sms-body").FillAsync("hello");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(console.Page.Locator("#conversation .error")).ToContainTextAsync("the A2P 10DLC campaign is not approved");
    }
}
