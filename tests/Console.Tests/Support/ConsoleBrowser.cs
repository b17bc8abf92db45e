using Microsoft.Playwright;

namespace Softphone.Console.Tests.Support;

/// <summary>
/// One headless Chromium for the browser tests. A system Chromium (the one named by <c>CONSOLE_CHROMIUM</c>, else
/// Debian's <c>chromium-headless-shell</c>, else its full <c>chromium</c>) is used when present; otherwise Playwright's
/// own is installed and used. When neither can start, every browser test fails with one message saying what to install.
/// </summary>
/// <remarks>
/// The headless shell first, as Playwright itself prefers for headless runs: the full browser in headless mode still
/// builds a window with its omnibox for every browser context, and its two omnibox-popup pages (WebUI renderers) cost
/// the suite a third of its CPU (31 s against 19 s, measured on the 2-core CI machine). The page under test renders
/// the same in both.
/// </remarks>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private static readonly string[] SystemChromium = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    // The flags a root CI container and a closed network need: no sandbox (root), no background calls home.
    private static readonly string[] Flags = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _failure;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(_failure);

    /// <summary>Where screenshots go: <c>CONSOLE_SCREENSHOTS</c> (scripts/console-screenshots.sh sets it to docs/screenshots), else the test output.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        var system = Environment.GetEnvironmentVariable("CONSOLE_CHROMIUM") is { Length: > 0 } named ? named : SystemChromium.FirstOrDefault(File.Exists);
        if (system is not null)
        {
            try
            {
                _browser = await LaunchAsync(system);
                return;
            }
            catch (PlaywrightException error)
            {
                _failure = $"the system Chromium at {system} did not start ({FirstLine(error.Message)})";
            }
        }
        // Playwright's own browser: downloads need internet (a user's machine has it; this CI image does not).
        try
        {
            var installed = Microsoft.Playwright.Program.Main(["install", "chromium"]);
            if (installed == 0)
            {
                _browser = await LaunchAsync(null);
                return;
            }
            _failure = (_failure is null ? "" : _failure + "; ") + $"'playwright install chromium' exited with {installed}";
        }
        catch (Exception error) when (error is PlaywrightException or InvalidOperationException)
        {
            _failure = (_failure is null ? "" : _failure + "; ") + $"Playwright's Chromium did not start ({FirstLine(error.Message)})";
        }
        _failure = "No Chromium for the console tests: install Debian's 'chromium-headless-shell' package (apt-get install chromium-headless-shell; .ci/run does), "
            + "or set CONSOLE_CHROMIUM to a Chromium binary, or let Playwright download its own (needs internet). Tried: " + _failure;
    }

    private Task<IBrowser> LaunchAsync(string? executable) => _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        Headless = true,
        ExecutablePath = executable,
        Args = Flags,
        Timeout = 60_000,
    });

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800)
    {
        Assert.True(_browser is not null, _failure);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "America/Chicago",
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "browser";
}
