using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Softphone.Console.Tests.Support;
using Softphone.Gateway.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Softphone.Console.Tests;

/// <summary>After a call the console asks how it went; one click applies the disposition the gateway defines.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DispositionPromptTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task AfterAnIphoneCall_CalledIsOneClick_AndSchedulesItsFollowUp_ShownOnTheLeadView()
    {
        await using var world = await TestWorld.StartAsync(tunnel: true);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();
        await console.PressAsync("(630) 555-0177", "Morgan Reyes", "IL");
        await Expect(console.Route).ToHaveTextAsync("iPhone");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).ClickAsync();

        await Expect(console.Dispositions).ToBeVisibleAsync();
        await Expect(console.Page.Locator("#dispo-tiles button")).ToHaveCountAsync(13); // the tenant's set, from GET /api/dispositions
        await Expect(console.Page.Locator("#dispo-countdown")).ToContainTextAsync("Closes in");
        await console.ScreenshotAsync("disposition-prompt", console.Page.Locator("#dispo"));
        await console.Page.Locator("#dispo-tiles button[data-disposition=called]").ClickAsync();

        await Expect(console.Dispositions).ToBeHiddenAsync();
        await Expect(console.Toast).ToContainTextAsync("Called saved. Follow-up");
        using var client = world.Gateway.Client();
        var followUps = await client.GetFromJsonAsync<JsonElement>("/api/followups?status=scheduled&leadId=%2B16305550177");
        var followUp = Assert.Single(followUps.GetProperty("followUps").EnumerateArray());
        Assert.Equal("called", followUp.GetProperty("disposition").GetString());
        await Expect(console.Page.Locator("#due-list")).ToContainTextAsync("called");

        await console.Page.Locator("#recent-leads button.row", new() { HasText = "Morgan Reyes" }).ClickAsync();
        var timeline = console.Page.Locator("#lead-view .timeline");
        await Expect(timeline.Locator("li[data-type=disposition]")).ToContainTextAsync("Called");
        await Expect(timeline.Locator("li[data-type=call]")).ToContainTextAsync("iPhone");
        await Expect(console.Page.Locator("#lead-view")).ToContainTextAsync("1 call attempt");
        Assert.DoesNotMatch(@"\b(null|undefined|NaN)\b", await console.Page.Locator("#lead-view").InnerTextAsync());
        await console.ScreenshotAsync("lead-view", console.Page.Locator("#lead-view"));
    }

    [Fact]
    public async Task Appointment_AsksForATimeInTheLeadsZone_AndSkipAndTheCountdownCloseWithoutApplying()
    {
        await using var world = await TestWorld.StartAsync(tunnel: true);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        await console.SignInAsync();

        await console.PressAsync("(323) 555-0188", "Avery West", "CA");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).ClickAsync();
        await console.Page.Locator("#dispo-tiles button[data-disposition=appointment]").ClickAsync();
        await Expect(console.Page.Locator("#dispo-zone")).ToContainTextAsync("America/Los Angeles");
        // Tomorrow 10:30 in Los Angeles, whatever the browser's own zone (Chicago here).
        var la = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var tomorrow = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), la).Date.AddDays(1).AddHours(10.5);
        await console.Page.Locator("#dispo-at").FillAsync(tomorrow.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(console.Dispositions).ToBeHiddenAsync();

        using var client = world.Gateway.Client();
        var followUp = (await client.GetFromJsonAsync<JsonElement>("/api/followups?status=scheduled&leadId=%2B13235550188")).GetProperty("followUps").EnumerateArray().Single();
        var due = followUp.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(tomorrow, la.GetUtcOffset(tomorrow)), due);

        // Skip closes without a disposition; so does leaving the prompt alone for 30 s.
        await console.PressAsync("(323) 555-0189", "Skip Me", "CA");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Skip", Exact = true }).ClickAsync();
        await Expect(console.Dispositions).ToBeHiddenAsync();
        await console.Page.Clock.InstallAsync();
        await console.PressAsync("(323) 555-0190", "Left Alone", "CA");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).ClickAsync();
        await Expect(console.Dispositions).ToBeVisibleAsync();
        await console.Page.Clock.RunForAsync(31_000);
        await Expect(console.Dispositions).ToBeHiddenAsync();
        var calls = await client.GetFromJsonAsync<JsonElement>("/api/calls?pageSize=10");
        Assert.Equal(1, calls.GetProperty("items").EnumerateArray().Count(c => c.TryGetProperty("disposition", out var d) && d.ValueKind == JsonValueKind.String));
    }
}
