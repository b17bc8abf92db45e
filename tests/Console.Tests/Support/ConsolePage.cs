using Microsoft.Playwright;

namespace Softphone.Console.Tests.Support;

/// <summary>
/// The agent console in a browser tab of its own context (its own cookies), driven as an agent would: by labels,
/// roles and visible text. Disposing it closes the context.
/// </summary>
internal sealed class ConsolePage(IBrowserContext context, IPage page, Uri gateway) : IAsyncDisposable
{
    public static async Task<ConsolePage> OpenAsync(ConsoleBrowser browser, Uri gateway, int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(width, height);
        return new ConsolePage(context, await context.NewPageAsync(), gateway);
    }

    public IBrowserContext Context => context;

    public IPage Page => page;

    public Uri Gateway => gateway;

    public ValueTask DisposeAsync() => context.DisposeAsync();

    public ILocator NodeBadge => page.Locator("#node-badge");
    public ILocator CallBar => page.Locator("#callbar");
    public ILocator Route => page.Locator("#cb-route");
    public ILocator RouteReason => page.Locator("#cb-reason");
    public ILocator Via => page.Locator("#cb-via");
    public ILocator CallStatus => page.Locator("#cb-status");
    public ILocator PressError => page.Locator("#press-error");
    public ILocator Toast => page.Locator("#toast");
    public ILocator Dispositions => page.Locator("#dispo");

    public async Task SignInAsync(string apiKey = "dev-boss-key")
    {
        await page.GotoAsync(gateway.ToString());
        await page.GetByLabel("API key").FillAsync(apiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
    }

    public async Task PressAsync(string number, string? name = null, string? state = null)
    {
        await ShowAsync("Call");
        await page.GetByLabel("Number", new() { Exact = true }).FillAsync(number);
        await page.GetByLabel("Lead name", new() { Exact = true }).FillAsync(name ?? "");
        await page.GetByLabel("State", new() { Exact = true }).FillAsync(state ?? "");
        await page.Locator("#press-form button[type=submit]").ClickAsync();
    }

    public Task ShowAsync(string section) => page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = section, Exact = false }).First.ClickAsync();

    public Task ScreenshotAsync(string name, ILocator? part = null) => part is null
        ? page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotFolder, name + ".png"), FullPage = true })
        : part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotFolder, name + ".png") });
}
