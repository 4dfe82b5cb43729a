using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Steps the browser tests take the same way on several pages.</summary>
internal static class BrowserSteps
{
    /// <summary>
    /// The final report's narrative as a grantee fills it in English: the activities, every indicator done as planned, two
    /// women aged 25–39 and a man aged 40–59 taking part, lessons and follow-up.
    /// </summary>
    public static async Task FillFinalReportNarrativeAsync(IPage applicant, string activities)
    {
        await applicant.GetByLabel("Activities carried out").FillAsync(activities);
        var achieved = applicant.Locator("input[id^=narrative-achieved-]");
        for (var i = 0; i < await achieved.CountAsync(); i++) await achieved.Nth(i).FillAsync("Done as planned");
        await applicant.GetByLabel("Women aged 25–39", new() { Exact = true }).FillAsync("2");
        await applicant.GetByLabel("Men aged 40–59", new() { Exact = true }).FillAsync("1");
        await applicant.GetByLabel("Lessons learnt").FillAsync("Translate the survey forms before the visit.");
        await applicant.GetByLabel("Follow-up planned").FillAsync("Train the national teams in the spring.");
    }

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
