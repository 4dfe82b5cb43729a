using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Caf.Web.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>The application on a real Kestrel port (SQLite file), and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserAppFactory : SqliteAppFactory
{
    private IPlaywright? _playwright;

    public BrowserAppFactory() => UseKestrel(0);

    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string? BrowserUnavailable { get; private set; }

    public async Task StartBrowserAsync()
    {
        if (Browser is not null || BrowserUnavailable is not null) return;
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1");
        var chromium = Environment.GetEnvironmentVariable("CAF_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            BrowserUnavailable = $"no Chromium at {chromium} (eng/test.sh installs Debian's chromium)";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public IBrowser RequireBrowser()
    {
        if (Browser is not null) return Browser;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"The browser is required in CI: {BrowserUnavailable}");
        Assert.Skip($"The browser is not available here: {BrowserUnavailable}");
        return null!;
    }

    /// <summary>
    /// A new browser context signed in as <paramref name="email"/>, giving the second factor when asked, on the applications
    /// list; with <paramref name="javaScript"/> false, a browser that runs no script at all; <paramref name="width"/> pixels
    /// wide when given (a phone's 390); in the browser's <paramref name="locale"/> when given ("fr-FR": its date fields
    /// read day, month, year).
    /// </summary>
    public async Task<IPage> SignInAsync(string email, bool javaScript = true, int? width = null, string? locale = null)
    {
        var context = await RequireBrowser().NewContextAsync(new()
        {
            BaseURL = BaseUrl, JavaScriptEnabled = javaScript, Locale = locale,
            ViewportSize = width is { } w ? new ViewportSize { Width = w, Height = 844 } : null,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        // By the fields' names, not their labels: the page speaks the browser's language until the person signs in.
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(DemoSeeder.DemoPassword);
        await page.Locator("button[type=submit].primary").ClickAsync();
        if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            await page.Locator("#Code").FillAsync(Totp.Code(DemoSeeder.AuthenticatorKeyFor(email)));
            await page.Locator("button[type=submit].primary").ClickAsync();
        }
        // Signed in, a person lands on their dashboard (in their language); the journeys start from the applications list.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
        await page.GotoAsync("/");
        await Expect(page.Locator("#main h1")).ToBeVisibleAsync();
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollectionDefinition : ICollectionFixture<BrowserAppFactory>
{
    public const string Name = "Browser";
}
