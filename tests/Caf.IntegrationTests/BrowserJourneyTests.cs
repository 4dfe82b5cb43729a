using System.Text.RegularExpressions;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Caf.IntegrationTests.Infrastructure.BrowserSteps;

namespace Caf.IntegrationTests;

/// <summary>The grant journey once in a real browser: each person signs in and clicks what the pages offer them.</summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed partial class BrowserJourneyTests(BrowserAppFactory factory)
{
    [Fact]
    public async Task Each_role_takes_an_application_from_draft_to_closed_in_the_browser_seeing_only_its_own_actions()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();

        // Applicant: a new draft, saved, then submitted.
        var applicant = await factory.SignInAsync(GrantJourney.Applicant);
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Start a new application" }).ClickAsync();
        await applicant.GetByLabel("Title").FillAsync("Non-technical survey: Cambodian team visits Colombia");
        await applicant.GetByLabel("Partner 1").SelectOptionAsync(new SelectOptionValue { Label = "Colombia" });
        await applicant.GetByLabel("Description of line 1").FillAsync("Return flights");
        await applicant.GetByLabel("Quantity of line 1").FillAsync("3");
        await applicant.GetByLabel("Unit cost of line 1").FillAsync("2000");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await Expect(applicant.Locator("#budget-total")).ToHaveTextAsync("6,000.00");

        // Halfway: submitting now lists everything still missing, at once, and keeps the draft.
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Save and submit" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Attach the endorsement letter from the national authority.");
        await Expect(applicant.GetByRole(AriaRole.Alert).First).ToContainTextAsync("State the objectives of the exchange.");

        // Come back later from the dashboard and complete the proposal.
        await applicant.GotoAsync("/");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Non-technical survey: Cambodian team visits Colombia" }).ClickAsync();
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Edit the draft" }).ClickAsync();
        await Expect(applicant.GetByLabel("Title")).ToHaveValueAsync("Non-technical survey: Cambodian team visits Colombia");
        await applicant.GetByLabel("Summary of the exchange").FillAsync("Four survey staff learn non-technical survey from Colombian teams.");
        await applicant.GetByLabel("Activities start").FillAsync("2027-03-01");
        await applicant.GetByLabel("Activities end").FillAsync("2027-03-08");
        await applicant.GetByLabel("Article 5 clearance and land release").CheckAsync();
        await applicant.GetByLabel("Objectives", new() { Exact = true }).FillAsync("Adopt evidence-based non-technical survey.");
        await applicant.GetByLabel("Expected result 1").FillAsync("Survey teams apply the host's procedure.");
        await applicant.GetByLabel("Indicator of result 1").FillAsync("Staff trained, by sex and age");
        await applicant.GetByLabel("Result 1 counted by sex").CheckAsync();
        await applicant.GetByLabel("Activity 1", new() { Exact = true }).FillAsync("Field visit to survey teams");
        await applicant.GetByLabel("Start of activity 1").FillAsync("2027-03-02");
        await applicant.GetByLabel("End of activity 1").FillAsync("2027-03-06");
        await applicant.GetByLabel("Place of activity 1").FillAsync("Bogotá");
        await applicant.GetByLabel("Name of participant 1").FillAsync("Chanthy Sok");
        await applicant.GetByLabel("Function of participant 1").FillAsync("Deputy director");
        await applicant.GetByLabel("Organisation of participant 1").FillAsync("CMAA");
        await applicant.GetByLabel("Gender and diversity analysis").FillAsync("Two women and two men; women's groups are met.");
        await applicant.GetByLabel("Do no harm and safeguarding").FillAsync("The host's safeguarding code applies.");
        await applicant.GetByLabel("Follow-up and dissemination plan").FillAsync("National teams trained within three months.");
        await applicant.Locator("#EndorsementLetter").SetInputFilesAsync(new FilePayload
        {
            Name = "endorsement.pdf", MimeType = "application/pdf", Buffer = GrantJourney.EndorsementLetterPdf,
        });
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Save and submit" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("Submitted. Your reference is CAF-");
        // Applicants see the applicant label of a stage; staff see its own name.
        await Expect(applicant.Locator("#stage")).ToHaveTextAsync("Received");
        var detailsUrl = applicant.Url;
        await Expect(applicant.GetByRole(AriaRole.Button, new() { Name = "Start eligibility screening" })).ToHaveCountAsync(0);

        var isu = await factory.SignInAsync(GrantJourney.Isu);
        await isu.GotoAsync(detailsUrl);
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Submitted");
        await Expect(isu.GetByRole(AriaRole.Button, new() { Name = "Withdraw the application" })).ToHaveCountAsync(0);
        await ClickAndExpectStageAsync(isu, "Start eligibility screening", "Eligibility screening");
        // The ISU asks a question and reopens the budget; the applicant answers; the ISU declares the application eligible.
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Eligibility screening");
        await isu.GetByRole(AriaRole.Link, new() { Name = "Request clarification" }).ClickAsync();
        await Expect(isu.Locator("tr[data-check] td").Filter(new() { HasText = "Fail" })).ToHaveCountAsync(0);
        for (var i = 0; i < Caf.Web.Features.Eligibility.Screenings.DefaultChecklist.Count; i++) await isu.Locator($"#met-{i}-yes").CheckAsync();
        await isu.Locator("#decision-Clarification").CheckAsync();
        await isu.GetByLabel("Rationale (the applicant is told this)").FillAsync("One question before we decide.");
        await isu.GetByLabel("Questions to the applicant").FillAsync("Who in the delegation works on victim assistance?");
        await isu.GetByRole(AriaRole.Button, new() { Name = "Record the screening" }).ClickAsync();
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Clarification requested");

        await applicant.GotoAsync(detailsUrl);
        await Expect(applicant.Locator("#stage")).ToHaveTextAsync("Your answer is needed");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Send clarification" }).ClickAsync();
        await Expect(applicant.Locator("#questions")).ToHaveTextAsync("Who in the delegation works on victim assistance?");
        await applicant.GetByLabel("Your answer").FillAsync("Chanthy Sok leads our victim assistance unit.");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Send the answer and resubmit" }).ClickAsync();
        await Expect(applicant.Locator("#stage")).ToHaveTextAsync("Under review");

        await isu.GotoAsync(detailsUrl);
        await isu.GetByRole(AriaRole.Link, new() { Name = "Declare eligible" }).ClickAsync();
        for (var i = 0; i < Caf.Web.Features.Eligibility.Screenings.DefaultChecklist.Count; i++) await isu.Locator($"#met-{i}-yes").CheckAsync();
        await isu.Locator("#decision-Eligible").CheckAsync();
        await isu.GetByLabel("Rationale (the applicant is told this)").FillAsync("Eligible: a clear peer exchange between States Parties.");
        await isu.GetByRole(AriaRole.Button, new() { Name = "Record the screening" }).ClickAsync();
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Gender-lens review");

        await applicant.GotoAsync(detailsUrl);
        await Expect(applicant.GetByText("Eligible: a clear peer exchange between States Parties.")).Not.ToHaveCountAsync(0);

        var gender = await factory.SignInAsync(GrantJourney.Gender);
        await gender.GotoAsync(detailsUrl);
        await gender.GetByRole(AriaRole.Link, new() { Name = "Complete the gender-lens checklist" }).ClickAsync();
        for (var i = 0; i < 8; i++) await gender.Locator($"#answer-{i}-Yes").CheckAsync();
        await gender.Locator("#marker-2").CheckAsync();
        await gender.GetByLabel("Rationale for the marker").FillAsync("Gender equality is a principal objective.");
        await gender.GetByRole(AriaRole.Button, new() { Name = "Complete the checklist" }).ClickAsync();
        await Expect(gender.Locator("#stage")).ToHaveTextAsync("Committee review");

        var chair = await factory.SignInAsync(GrantJourney.Chair);
        await chair.GotoAsync(detailsUrl);
        await Expect(chair.GetByText(new Regex("needs scores from at least 3 committee members"))).Not.ToHaveCountAsync(0);
        foreach (var member in GrantJourney.Members)
        {
            var page = await factory.SignInAsync(member);
            await page.GotoAsync(detailsUrl);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Approve" })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = "Score this application" }).ClickAsync();
            foreach (var criterion in Caf.Data.Committee.ScoringRubrics.Version1) await page.Locator($"#score-{criterion.Code}-4").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record my score" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your score is recorded.");
        }

        await chair.GotoAsync(detailsUrl);
        await chair.GetByRole(AriaRole.Link, new() { Name = "Approve" }).ClickAsync();
        await chair.Locator("#decision-approve").CheckAsync();
        await chair.GetByLabel("Rationale").FillAsync("Clear South-South learning value.");
        await Expect(chair.GetByLabel("Member (Belgium)")).ToBeCheckedAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(chair.Locator("#stage")).ToHaveTextAsync("Approved");

        // The committee session's ranking (with the envelope) and its minutes, downloaded as a workbook.
        await chair.GotoAsync("/Committee/Ranking");
        await Expect(chair.Locator("#envelope")).ToHaveTextAsync("CHF 300,000.00");
        await Expect(chair.Locator("table.ranking tbody tr.within")).ToHaveCountAsync(1);
        await chair.GotoAsync("/Committee/Minutes");
        var download = await chair.RunAndWaitForDownloadAsync(() =>
            chair.GetByRole(AriaRole.Link, new() { Name = "Download these minutes as Excel" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        await using (var file = File.OpenRead(await download.PathAsync()))
        using (var minutes = new ClosedXML.Excel.XLWorkbook(file))
            Assert.Equal("Approved", minutes.Worksheet("Minutes").Cell("C6").GetString());

        var finance = await factory.SignInAsync(GrantJourney.Finance);
        await finance.GotoAsync(detailsUrl);
        await finance.GetByRole(AriaRole.Link, new() { Name = "Sign the agreement and pay the first tranche" }).ClickAsync();
        // The default schedule: 80 % on signature, the rest after the final reports.
        await Expect(finance.GetByLabel("Amount of tranche 1")).ToHaveValueAsync("4800.00");
        await Expect(finance.GetByLabel("Amount of tranche 2")).ToHaveValueAsync("1200.00");
        await finance.GetByLabel("Account holder").FillAsync("Cambodian Mine Action Centre");
        await finance.GetByLabel("IBAN or account number").FillAsync("000 123 456 789");
        await finance.GetByLabel("Bank", new() { Exact = true }).FillAsync("ACLEDA Bank");
        await finance.GetByLabel("BIC (SWIFT code)").FillAsync("ACLBKHPP");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record the agreement" }).ClickAsync();
        await finance.GetByLabel("Amount (CHF)").FillAsync("4800.00");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Request the payment" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment requested");
        var tranchesUrl = finance.Url;
        // Four eyes: a second finance officer approves with a fresh code; the first marks it paid.
        var secondFinance = await factory.SignInAsync(GrantJourney.SecondFinance);
        await secondFinance.GotoAsync(tranchesUrl);
        await secondFinance.GetByLabel("Code from your authenticator app").FillAsync(GrantJourney.PaymentCode(email: GrantJourney.SecondFinance));
        await secondFinance.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(secondFinance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment approved");
        await finance.GotoAsync(tranchesUrl);
        await finance.GetByLabel("Bank reference").FillAsync("UBS-TR1-0042");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Mark paid" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment recorded in the ledger");
        await finance.GotoAsync(detailsUrl);
        await Expect(finance.Locator("#stage")).ToHaveTextAsync("Active grant");

        await isu.GotoAsync(detailsUrl);
        await ClickAndExpectStageAsync(isu, "Open reporting", "Reporting");

        await applicant.GotoAsync(detailsUrl);
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Submit the final report" }).ClickAsync();
        await FillFinalReportNarrativeAsync(applicant, "The delegation visited three survey sites.");
        await applicant.GetByLabel("The signed report").SetInputFilesAsync(new FilePayload
        {
            Name = "final-report.txt", MimeType = "text/plain", Buffer = "The delegation visited three sites."u8.ToArray(),
        });
        await applicant.GetByLabel("Receipts, scanned").SetInputFilesAsync(new FilePayload
        {
            Name = "receipts.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n%flights and hotel\n"u8.ToArray(),
        });
        await applicant.GetByLabel("Return flights").FillAsync("4500");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Submit the final report" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("Final report received");

        await isu.GotoAsync(detailsUrl);
        await ClickAndExpectStageAsync(isu, "Accept the final report", "Final reconciliation");

        await finance.GotoAsync(detailsUrl);
        await Expect(finance.GetByRole(AriaRole.Button, new() { Name = "Close the grant" })).ToBeDisabledAsync();
        await Expect(finance.GetByText(new Regex("record the refund of CHF 300.00"))).Not.ToHaveCountAsync(0);
        await finance.GetByRole(AriaRole.Link, new() { Name = "Record a refund from the grantee" }).ClickAsync();
        await Expect(finance.GetByLabel("Refund received (CHF)")).ToHaveValueAsync("300.00");
        await finance.GetByLabel("Bank reference").FillAsync("UBS-RF-0009");
        await finance.GetByLabel("Code from your authenticator app").FillAsync(GrantJourney.PaymentCode(stepsAhead: 1));
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await ClickAndExpectStageAsync(finance, "Close the grant", "Closed");
        await Expect(finance.Locator("ol.history li")).ToHaveCountAsync(11);

        await finance.GotoAsync($"{factory.BaseUrl}/Finance/Ledger");
        await Expect(finance.Locator("#balance-CHF")).ToHaveTextAsync("CHF 245,500.00");

        // Where the grant stands, in plain HTML on its page: every step done, the last one current; no diagram library loaded.
        var loaded = new List<string>();
        isu.Request += (_, request) => loaded.Add(request.Url);
        await isu.GotoAsync(detailsUrl);
        await Expect(isu.Locator("#stage-path li.current")).ToHaveTextAsync(new Regex("^Closed"));
        await Expect(isu.Locator("#stage-path li.to-come")).ToHaveCountAsync(0);
        Assert.DoesNotContain(loaded, url => url.Contains("mermaid", StringComparison.Ordinal));

        // The process diagram, drawn by the Mermaid script the app serves itself, fetched on the diagram's own page only.
        // Drawing takes a few seconds on a busy two-core machine; a refused script would show in the console errors.
        var consoleErrors = new List<string>();
        isu.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        var drawn = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };
        await isu.GotoAsync("/Workflows/Diagram/caf-grant");
        var diagram = isu.Locator("pre.mermaid svg");
        await Expect(diagram).ToBeVisibleAsync(drawn);
        Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));
        await Expect(isu.Locator("pre.mermaid svg g.node")).ToHaveCountAsync(16);
        // Its words are readable: no label is drawn smaller than 12 px, however wide the diagram (it scrolls instead).
        var smallest = await isu.EvaluateAsync<double>("""
            () => {
                const svg = document.querySelector('pre.mermaid svg');
                const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width || svg.getBoundingClientRect().width);
                const sizes = [...svg.querySelectorAll('text, .nodeLabel, .edgeLabel, span')]
                    .filter(e => e.textContent.trim().length > 0)
                    .map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
                return sizes.length ? Math.min(...sizes) : 0;
            }
            """);
        Assert.True(smallest >= 12, $"The diagram's smallest label is drawn at {smallest:0.0} px; 12 px at least is readable.");
        var shot = Path.Combine(Path.GetTempPath(), "caf-e2e", "workflow-diagram.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await isu.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 20_000, $"The diagram screenshot {shot} is suspiciously small.");
        var forApplicant = await applicant.GotoAsync("/Workflows/Diagram/caf-grant");
        Assert.Equal(403, forApplicant!.Status);
    }
}
