using Caf.Data;
using Caf.IntegrationTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Caf.IntegrationTests;

/// <summary>
/// Every main page, for each role, checked by axe-core in a real browser (issue 15): no serious or critical violation, in
/// English and in French; on a phone 390 px wide no page scrolls sideways. Screenshots of the French pages are kept.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class AccessibilityBrowserTests(BrowserAppFactory factory)
{
    [Theory]
    [InlineData("en", null)]
    [InlineData("fr", null)]
    [InlineData("es", 390)]
    public async Task The_main_pages_have_no_serious_accessibility_violation_and_fit_the_screen(string language, int? width)
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var today = FundTime.Today(factory.Clock);
        var grant = await scenario.ActiveGrantAsync(today.AddDays(20));
        var draft = await scenario.CompleteDraftAsync(today.AddDays(60), title: "A draft to read");
        await factory.WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.ToListAsync()) user.Language = language;
            return await db.SaveChangesAsync();
        });
        var pages = new (string Who, string[] Urls)[]
        {
            (GrantJourney.Applicant, ["/Dashboard", "/", $"/Applications/Details/{grant}", $"/Applications/Edit/{draft}", "/Account/Preferences"]),
            (GrantJourney.Isu, ["/Dashboard", "/", $"/Applications/Details/{grant}", "/Rounds/Manage", "/Tasks", "/Workflows/Diagram/caf-grant"]),
            (GrantJourney.Finance, ["/Dashboard", "/Finance/Ledger", $"/Finance/Tranches/{grant}"]),
            (GrantJourney.Chair, ["/Committee/Ranking"]),
        };
        var problems = new List<string>();
        var shots = Path.Combine(Path.GetTempPath(), "caf-e2e", "accessibility");
        Directory.CreateDirectory(shots);
        foreach (var (who, urls) in pages)
        {
            var page = await factory.SignInAsync(who, width: width);
            foreach (var url in urls)
            {
                await page.GotoAsync(url);
                Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
                var result = await page.RunAxe();
                foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                    problems.Add($"{language} {url} as {who}: {violation.Id} ({violation.Impact}) — {violation.Help}: " +
                                 string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html)));
                if (width is { } w)
                {
                    var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                    if (wide > w) problems.Add($"{url} as {who} is {wide} px wide on a {w} px screen: it scrolls sideways.");
                }
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"{language}-{who.Split('@')[0]}-{url.Trim('/').Replace('/', '-')}.png"), FullPage = true });
            }
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_visitor_picks_French_with_the_switch_and_the_pages_stay_in_French()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var context = await factory.RequireBrowser().NewContextAsync(new() { BaseURL = factory.BaseUrl, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await page.GotoAsync("/Rounds");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await context.CloseAsync();
    }
}
