using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Steps the browser tests take the same way on several pages.</summary>
internal static class BrowserSteps
{
    /// <summary>Clicks a workflow button on an application's page and waits for the stage it leads to.</summary>
    public static async Task ClickAndExpectStageAsync(IPage page, string button, string stage)
    {
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await Expect(page.Locator("#stage")).ToHaveTextAsync(stage);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Say where the person was and what the page said, not only which button was missing.
            var text = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new Xunit.Sdk.XunitException($"'{button}' on {page.Url} did not lead to {stage}. The page said:\n{text}\n{ex.Message}");
        }
    }
}
