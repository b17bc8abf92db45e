using System.Net;
using Microsoft.Playwright;
using Softphone.Console.Tests.Support;
using Softphone.Gateway.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Softphone.Console.Tests;

/// <summary>Sign-in, the session cookie, sign-out, keyboard use and a 360 px screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task SignIn_SetsAnHttpOnlyStrictCookie_LiveEventsFlow_AndSignOutEndsTheSessionOnTheServer()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address);
        var page = console.Page;

        await page.GotoAsync(world.Gateway.Address.ToString());
        await page.GetByLabel("API key").FillAsync("not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("Check the key");
        await console.SignInAsync();

        var cookie = Assert.Single(await console.Context.CookiesAsync(), c => c.Name == "softphone_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Null(await page.EvaluateAsync<string?>("() => document.cookie.includes('softphone_session') ? document.cookie : null"));
        // The page's EventSource is authenticated by the cookie alone: a node event reaches the badge.
        await world.StartAgentAsync();
        await Expect(console.NodeBadge).ToHaveAttributeAsync("data-state", "up");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
        using var stolen = new HttpClient { BaseAddress = world.Gateway.Address };
        stolen.DefaultRequestHeaders.Add("Cookie", $"softphone_session={cookie.Value}");
        using var after = await stolen.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        await page.ReloadAsync();
        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheConsole_WorksByKeyboard_AndAt360PixelsWide()
    {
        await using var world = await TestWorld.StartAsync(tunnel: true);
        await using var console = await ConsolePage.OpenAsync(browser, world.Gateway.Address, 360, 740);
        var page = console.Page;
        await page.GotoAsync(world.Gateway.Address.ToString());

        // Sign in and press call with the keyboard only.
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("dev-boss-key");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#app")).ToBeVisibleAsync();
        await page.GetByLabel("Number", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("312 555 0170");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Lead name", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Kim Narrow");
        await page.Keyboard.PressAsync("Enter");
        await Expect(console.Route).ToHaveTextAsync("iPhone");
        var focusRing = await page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).EvaluateAsync<string>(
            "b => { b.focus(); return getComputedStyle(b).outlineStyle; }");
        Assert.Equal("solid", focusRing);

        // Nothing is wider than the screen, and the call bar's controls are on it.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the page scrolls sideways at 360 px");
        var end = await page.GetByRole(AriaRole.Button, new() { Name = "Call ended", Exact = true }).BoundingBoxAsync();
        Assert.NotNull(end);
        Assert.InRange(end!.X + end.Width, 0, 360);
        await console.ScreenshotAsync("console-360px");
        // Every input has a label.
        var unlabelled = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('input, textarea')].filter(i => i.type !== 'hidden' && !i.labels?.length && !i.closest('label') && !i.getAttribute('aria-label')).length");
        Assert.Equal(0, unlabelled);
    }
}
