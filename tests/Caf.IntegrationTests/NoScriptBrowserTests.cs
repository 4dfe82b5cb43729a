using Caf.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Caf.IntegrationTests.Infrastructure.BrowserSteps;

namespace Caf.IntegrationTests;

/// <summary>
/// With JavaScript off (issue 15): the main pages read in full, nobody sees a diagram's source, and an application is
/// submitted and screened eligible through the forms alone.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class NoScriptBrowserTests(BrowserAppFactory factory)
{
    [Fact]
    public async Task An_application_is_submitted_and_screened_with_JavaScript_off_and_no_page_shows_diagram_source()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var id = await new GrantScenario(factory).CompleteDraftAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(60), title: "Survey exchange without scripts");

        var applicant = await factory.SignInAsync(GrantJourney.Applicant, javaScript: false);
        await applicant.GotoAsync($"/Applications/Edit/{id}");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Save and submit" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("Submitted. Your reference is CAF-");
        await Expect(applicant.Locator("#stage-path li.current")).ToContainTextAsync("Received");

        var isu = await factory.SignInAsync(GrantJourney.Isu, javaScript: false);
        foreach (var url in new[] { "/Dashboard", "/", "/Tasks", $"/Applications/Details/{id}", "/Workflows/Diagram/caf-grant" })
        {
            await isu.GotoAsync(url);
            await Expect(isu.Locator("h1")).ToBeVisibleAsync();
            var text = await isu.Locator("body").InnerTextAsync();
            Assert.DoesNotContain("stateDiagram", text, StringComparison.Ordinal);
            Assert.DoesNotContain("-->", text, StringComparison.Ordinal);
        }
        // On the diagram's own page the source stays hidden; the tables say the same.
        await Expect(isu.Locator("pre.mermaid")).ToBeHiddenAsync();
        await Expect(isu.Locator("#stages")).ToBeVisibleAsync();

        await isu.GotoAsync($"/Applications/Details/{id}");
        await ClickAndExpectStageAsync(isu, "Start eligibility screening", "Eligibility screening");
        await isu.GetByRole(AriaRole.Link, new() { Name = "Declare eligible" }).ClickAsync();
        for (var i = 0; i < Caf.Web.Features.Eligibility.Screenings.DefaultChecklist.Count; i++) await isu.Locator($"#met-{i}-yes").CheckAsync();
        await isu.Locator("#decision-Eligible").CheckAsync();
        await isu.GetByLabel("Rationale (the applicant is told this)").FillAsync("Eligible: screened with scripts off.");
        await isu.GetByRole(AriaRole.Button, new() { Name = "Record the screening" }).ClickAsync();
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Gender-lens review");
        await Expect(isu.Locator("#stage-path li.done")).ToHaveCountAsync(3);
    }
}
