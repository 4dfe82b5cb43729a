using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Finance;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Caf.IntegrationTests.Infrastructure.BrowserSteps;
using static Caf.IntegrationTests.Infrastructure.WorkbookAssert;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>
/// The staff's part of the grant journey in a real browser (issue 15, journeys 3 to 5), each from an application the
/// scenario has brought to where the journey starts; every page reached is checked by axe-core and kept as a screenshot.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class StaffJourneyBrowserTests(BrowserAppFactory factory)
{
    private readonly GrantScenario _scenario = new(factory);

    private DateOnly Today => FundTime.Today(factory.Clock);

    private static string Details(Guid id) => $"/Applications/Details/{id}";

    [Fact]
    public async Task The_gender_focal_point_completes_the_checklist_members_score_one_recused_by_state_and_the_chair_approves_a_reduced_amount()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var journey = new CheckedJourney("3-committee");
        // Peru is the partner, so the member from Peru is recused by state; the chair and the two others make the quorum of 3.
        var id = await _scenario.AtGenderReviewAsync(Today.AddDays(60), partnerIso: "PER", amount: 2_000m, title: "Survey exchange with Peru");
        var recusedMember = GrantJourney.Members[2];
        var scorers = new[] { GrantJourney.Chair, GrantJourney.Members[0], GrantJourney.Members[1] };

        var gender = await factory.SignInAsync(GrantJourney.Gender);
        await journey.SeeAsync(gender, "gender focal point's applications");
        await gender.GotoAsync(Details(id));
        await Expect(gender.Locator("#stage")).ToHaveTextAsync("Gender-lens review");
        await journey.SeeAsync(gender, "gender focal point opens the application");
        await gender.GetByRole(AriaRole.Link, new() { Name = "Complete the gender-lens checklist" }).ClickAsync();
        await Expect(gender.GetByRole(AriaRole.Heading, new() { Name = "Gender-lens checklist" })).ToBeVisibleAsync();
        await journey.SeeAsync(gender, "gender-lens checklist");
        var items = await gender.Locator("fieldset.checklist-item").CountAsync();
        Assert.True(items > 0, "The checklist shows no item.");
        for (var i = 0; i < items; i++) await gender.Locator($"#answer-{i}-Yes").CheckAsync();
        await gender.Locator("#marker-2").CheckAsync();
        await gender.GetByLabel("Rationale for the marker").FillAsync("Gender equality is a principal objective of the exchange.");
        await gender.GetByRole(AriaRole.Button, new() { Name = "Complete the checklist" }).ClickAsync();
        await Expect(gender.GetByRole(AriaRole.Status)).ToContainTextAsync("Checklist completed");
        await Expect(gender.Locator("#stage")).ToHaveTextAsync("Committee review");
        await journey.SeeAsync(gender, "checklist completed");

        // The member from Peru is offered no scoring, and the scoring page itself says why.
        var recused = await factory.SignInAsync(recusedMember);
        await journey.SeeAsync(recused, "recused member's applications");
        await recused.GotoAsync(Details(id));
        await Expect(recused.Locator("#stage")).ToHaveTextAsync("Committee review");
        await Expect(recused.GetByRole(AriaRole.Link, new() { Name = "Score this application" })).ToHaveCountAsync(0);
        await journey.SeeAsync(recused, "recused member opens the application");
        await recused.GotoAsync($"/Committee/Score/{id}");
        await Expect(recused.GetByText("You are recused from this application: your state is its applicant or a partner")).ToBeVisibleAsync();
        await Expect(recused.GetByRole(AriaRole.Button, new() { Name = "Record my score" })).ToHaveCountAsync(0);
        await journey.SeeAsync(recused, "recused member's scoring page");

        // The others score 3, 4 and 5 on every criterion: a weighted mean of 4.
        var scored = new List<IPage>();
        for (var s = 0; s < scorers.Length; s++)
        {
            var member = await factory.SignInAsync(scorers[s]);
            scored.Add(member);
            await journey.SeeAsync(member, $"scorer {s + 1}'s applications");
            await member.GotoAsync(Details(id));
            await Expect(member.Locator("#stage")).ToHaveTextAsync("Committee review");
            await journey.SeeAsync(member, $"scorer {s + 1} opens the application");
            await member.GetByRole(AriaRole.Link, new() { Name = "Score this application" }).ClickAsync();
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Record my score" })).ToBeVisibleAsync();
            await journey.SeeAsync(member, $"scorer {s + 1}'s scoring page");
            var criteria = member.Locator("fieldset.criterion");
            var level = (3 + s).ToString(CultureInfo.InvariantCulture);
            for (var c = 0; c < await criteria.CountAsync(); c++)
                await criteria.Nth(c).Locator($"input[type=radio][value='{level}']").CheckAsync();
            await member.GetByRole(AriaRole.Button, new() { Name = "Record my score" }).ClickAsync();
            await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your score is recorded.");
            await journey.SeeAsync(member, $"scorer {s + 1}'s score recorded");
        }

        // The chair (who scored too) approves less than was asked; the recused member is not counted present.
        var chair = scored[0];
        await chair.GotoAsync(Details(id));
        await journey.SeeAsync(chair, "chair opens the application");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Committee decision on" })).ToBeVisibleAsync();
        await journey.SeeAsync(chair, "decision page");
        await Expect(chair.Locator("#weighted-mean")).ToContainTextAsync("4.00 of 5, from 3 member(s)");
        await Expect(chair.GetByLabel("Member (Peru) (recused)")).Not.ToBeCheckedAsync();
        await chair.Locator("#decision-approve").CheckAsync();
        await chair.GetByLabel("Approved amount (CHF), if approving").FillAsync("1500");
        await chair.GetByLabel("Rationale").FillAsync("Approved for a smaller delegation: three people rather than four.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("Decision recorded: approve.");
        await Expect(chair.Locator("#stage")).ToHaveTextAsync("Approved");
        await Expect(Fact(chair, "Requested")).ToHaveTextAsync("CHF 2,000.00");
        await Expect(Fact(chair, "Approved")).ToHaveTextAsync("CHF 1,500.00");
        await journey.SeeAsync(chair, "approved for less");

        journey.AssertNoViolations();
    }

    [Fact]
    public async Task Finance_signs_the_agreement_a_second_officer_approves_the_first_tranche_and_the_fund_ledger_workbook_totals_match_the_database()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var journey = new CheckedJourney("4-finance");
        var id = await _scenario.AtCommitteeReviewAsync(Today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4),
            title: "Survey exchange to be paid");
        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved in full.", null, now));
        var tranchesUrl = $"/Finance/Tranches/{id}";

        var finance = await factory.SignInAsync(GrantJourney.Finance);
        await journey.SeeAsync(finance, "finance's applications");
        await finance.GotoAsync(Details(id));
        await Expect(finance.Locator("#stage")).ToHaveTextAsync("Approved");
        await journey.SeeAsync(finance, "finance opens the approved application");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Sign the agreement and pay the first tranche" }).ClickAsync();
        await Expect(finance.GetByLabel("Amount of tranche 1")).ToHaveValueAsync("1600.00");
        await Expect(finance.GetByLabel("Amount of tranche 2")).ToHaveValueAsync("400.00");
        await journey.SeeAsync(finance, "agreement form");
        await finance.GetByLabel("Account holder").FillAsync(TestBankDetails.Value.AccountHolder!);
        await finance.GetByLabel("IBAN or account number").FillAsync(TestBankDetails.Value.Account!);
        await finance.GetByLabel("Bank", new() { Exact = true }).FillAsync(TestBankDetails.Value.BankName!);
        await finance.GetByLabel("BIC (SWIFT code)").FillAsync(TestBankDetails.Value.Bic!);
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record the agreement" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Agreement recorded.");
        await journey.SeeAsync(finance, "agreement recorded, tranches page");
        await finance.GetByLabel("Tranche", new() { Exact = true }).SelectOptionAsync("1");
        await finance.GetByLabel("Amount (CHF)").FillAsync("1600.00");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Request the payment" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment requested");
        await journey.SeeAsync(finance, "first tranche requested");

        var second = await factory.SignInAsync(GrantJourney.SecondFinance);
        await journey.SeeAsync(second, "second finance officer's applications");
        await second.GotoAsync(tranchesUrl);
        await Expect(second.Locator("#open")).ToHaveTextAsync("CHF 1,600.00");
        await journey.SeeAsync(second, "second officer opens the tranches");
        await second.GetByLabel("Code from your authenticator app").FillAsync(GrantJourney.PaymentCode(email: GrantJourney.SecondFinance));
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment approved");
        await journey.SeeAsync(second, "first tranche approved");

        await finance.GotoAsync(tranchesUrl);
        await Expect(finance.GetByRole(AriaRole.Button, new() { Name = "Mark paid" })).ToBeVisibleAsync();
        await journey.SeeAsync(finance, "finance comes back to pay");
        await finance.GetByLabel("Bank reference").FillAsync("UBS-TR1-0315");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Mark paid" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment recorded in the ledger");
        await Expect(finance.Locator("#paid")).ToHaveTextAsync("CHF 1,600.00");
        await journey.SeeAsync(finance, "first tranche paid");
        await finance.GotoAsync(Details(id));
        await Expect(finance.Locator("#stage")).ToHaveTextAsync("Active grant");
        await journey.SeeAsync(finance, "the grant is active");

        // The fund ledger: the page, the workbook and the database tell the same balances, as of today.
        await finance.GotoAsync("/Finance/Ledger");
        await Expect(finance.GetByRole(AriaRole.Heading, new() { Name = "Fund ledger" })).ToBeVisibleAsync();
        await journey.SeeAsync(finance, "fund ledger");
        var download = await finance.RunAndWaitForDownloadAsync(() =>
            finance.GetByRole(AriaRole.Link, new() { Name = "Download as Excel (.xlsx)", Exact = true }).ClickAsync());
        Assert.Equal($"caf-fund-ledger-{Iso(Today)}.xlsx", download.SuggestedFilename);
        using var workbook = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
        var summary = workbook.Worksheet(FundLedgerWorkbook.Summary);
        var entries = (await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().ToListAsync())).Where(e => e.ValueDate <= Today).ToList();
        Assert.Contains(entries, e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement && e.BankReference == "UBS-TR1-0315");

        var cash = entries.Sum(e => e.FundCashEffect);
        var committed = entries.Sum(e => e.FundCommitmentEffect);
        Assert.Equal(cash, Figure(summary, FundLedgerWorkbook.Cash, 2));
        Assert.Equal(committed, Figure(summary, FundLedgerWorkbook.Committed, 2));
        await Expect(finance.Locator("#fund-cash")).ToHaveTextAsync(new Money(cash, "CHF").ToString());
        await Expect(finance.Locator("#fund-committed")).ToHaveTextAsync(new Money(committed, "CHF").ToString());
        var currencies = entries.Where(e => !LedgerKinds.IsExchangeDifference(e.Kind)).Select(e => e.Amount.Currency).Append("CHF").Distinct();
        foreach (var currency in currencies)
        {
            var balance = entries.Where(e => e.Amount.Currency == currency && !LedgerKinds.IsExchangeDifference(e.Kind)).Sum(e => e.CashEffect);
            // The Summary's line per currency: entries, cash in, cash out, cash balance (column 5), open commitments.
            Assert.Equal(balance, Figure(summary, currency, 5));
            await Expect(finance.Locator($"#balance-{currency}")).ToHaveTextAsync(new Money(balance, currency).ToString());
        }
        // The tranche is on the sheet of disbursements, whose CHF total is what the database paid in CHF.
        var disbursed = entries.Where(e => e.Kind == LedgerEntryKind.Disbursement && e.Amount.Currency == "CHF").Sum(e => e.Sign * e.Amount.Amount);
        Total(workbook.Worksheet(FundLedgerWorkbook.Disbursements), FundLedgerWorkbook.TotalIn("CHF"), "Amount", disbursed);

        journey.AssertNoViolations();
    }

    [Fact]
    public async Task On_a_phone_the_applicant_reports_the_isu_returns_it_once_then_accepts_finance_settles_the_refund_and_closes_the_grant()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        const int phone = 390;
        var journey = new CheckedJourney("5-reporting");
        // Approved CHF 2,000, CHF 1,600 paid; the activities ended yesterday.
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-1));
        var reviewUrl = $"/Reporting/Review/{id}";
        const string returnComment = "Please say what the lessons mean for the national survey teams.";
        const string revisedLessons = "Translate the survey forms before the visit; the national teams now use the host's forms.";

        // Each page is checked as on a phone: nothing may make it scroll sideways.
        async Task SeeAsync(IPage page, string step)
        {
            await journey.SeeAsync(page, step);
            var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(wide <= phone, $"'{step}' ({page.Url}) is {wide} px wide on a {phone} px screen: it scrolls sideways.");
        }

        var isu = await factory.SignInAsync(GrantJourney.Isu, width: phone);
        await SeeAsync(isu, "ISU's applications");
        await isu.GotoAsync(Details(id));
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Active grant");
        await SeeAsync(isu, "ISU opens the active grant");
        await ClickAndExpectStageAsync(isu, "Open reporting", "Reporting");
        await SeeAsync(isu, "reporting open");

        var applicant = await factory.SignInAsync(GrantJourney.Applicant, width: phone);
        await SeeAsync(applicant, "applicant's applications");
        await applicant.GotoAsync(Details(id));
        await SeeAsync(applicant, "applicant opens the grant");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Submit the final report" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Heading, new() { Name = "Final report for" })).ToBeVisibleAsync();
        await SeeAsync(applicant, "final report form");
        await FillFinalReportNarrativeAsync(applicant, "The delegation visited three survey sites with the partner's teams.");
        await SubmitFinalReportAsync(applicant, "final-report.txt");
        await SeeAsync(applicant, "final report sent");

        // The ISU returns it once, with a comment the applicant reads on the form.
        await isu.GotoAsync(reviewUrl);
        await Expect(isu.Locator("#version-1")).ToBeVisibleAsync();
        await SeeAsync(isu, "ISU reviews version 1");
        await isu.GetByLabel("Comments for the grantee (what to revise)").FillAsync(returnComment);
        await isu.GetByRole(AriaRole.Button, new() { Name = "Return it for revision" }).ClickAsync();
        await Expect(isu.GetByRole(AriaRole.Status)).ToContainTextAsync("The report is returned");
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Reporting");
        await SeeAsync(isu, "report returned");

        await applicant.GotoAsync(Details(id));
        await SeeAsync(applicant, "applicant comes back to the grant");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Submit the final report" }).ClickAsync();
        await Expect(applicant.Locator("#returned .comments")).ToHaveTextAsync(returnComment);
        // The narrative sent before is on the form again; the files and amounts are sent anew.
        await Expect(applicant.GetByLabel("Activities carried out")).ToHaveValueAsync("The delegation visited three survey sites with the partner's teams.");
        await SeeAsync(applicant, "returned report's form with the comment");
        await applicant.GetByLabel("Lessons learnt").FillAsync(revisedLessons);
        await SubmitFinalReportAsync(applicant, "final-report-revised.txt");
        await SeeAsync(applicant, "revised report sent");

        await isu.GotoAsync(reviewUrl);
        await Expect(isu.Locator("#version-2")).ToBeVisibleAsync();
        await Expect(isu.Locator("#version-2 table.changes")).ToContainTextAsync(revisedLessons);
        await Expect(isu.Locator("#version-1 .comments")).ToHaveTextAsync(returnComment);
        await SeeAsync(isu, "ISU reviews version 2");
        await isu.GetByRole(AriaRole.Button, new() { Name = "Accept the report" }).ClickAsync();
        await Expect(isu.GetByRole(AriaRole.Status)).ToContainTextAsync("The final report is accepted");
        await Expect(isu.Locator("#stage")).ToHaveTextAsync("Final reconciliation");
        await SeeAsync(isu, "report accepted");

        // CHF 1,600 paid, CHF 1,500 spent: the grantee refunds CHF 100 before the grant can close.
        var finance = await factory.SignInAsync(GrantJourney.Finance, width: phone);
        await SeeAsync(finance, "finance's applications");
        await finance.GotoAsync(Details(id));
        await Expect(finance.GetByRole(AriaRole.Button, new() { Name = "Close the grant", Exact = true })).ToBeDisabledAsync();
        await SeeAsync(finance, "finance opens the grant to reconcile");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Reconcile the grant" }).ClickAsync();
        await Expect(finance.Locator("#to-settle")).ToHaveTextAsync("CHF 100.00 refund due from the grantee");
        await SeeAsync(finance, "reconciliation, refund due");
        await finance.GotoAsync(Details(id));
        await SeeAsync(finance, "back to the grant");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Record a refund from the grantee" }).ClickAsync();
        await Expect(finance.GetByLabel("Refund received (CHF)")).ToHaveValueAsync("100.00");
        await SeeAsync(finance, "refund form");
        await finance.GetByLabel("Bank reference").FillAsync("UBS-RF-0100");
        await finance.GetByLabel("Code from your authenticator app").FillAsync(GrantJourney.PaymentCode());
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToHaveTextAsync("Refund recorded.");
        await SeeAsync(finance, "refund recorded");
        await finance.GetByRole(AriaRole.Link, new() { Name = "Reconcile the grant" }).ClickAsync();
        await Expect(finance.Locator("#closing")).ToHaveTextAsync("Balanced: the grant can be closed from its page.");
        await SeeAsync(finance, "reconciliation, balanced");
        await finance.GotoAsync(Details(id));
        await SeeAsync(finance, "grant ready to close");
        await ClickAndExpectStageAsync(finance, "Close the grant", "Closed");
        await SeeAsync(finance, "grant closed");

        journey.AssertNoViolations();
    }

    /// <summary>The final report's file and spending (CHF 1,500 on the one budget line, "Flights"), then sent.</summary>
    private static async Task SubmitFinalReportAsync(IPage applicant, string fileName)
    {
        await applicant.GetByLabel("The signed report").SetInputFilesAsync(new FilePayload
        {
            Name = fileName, MimeType = "text/plain", Buffer = "The delegation visited three sites."u8.ToArray(),
        });
        await applicant.GetByLabel("Flights", new() { Exact = true }).FillAsync("1500");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Submit the final report" }).ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("Final report received");
    }

    /// <summary>The value of a fact in the application page's list of facts, by its term.</summary>
    private static ILocator Fact(IPage page, string term) => page.Locator($"dl.facts dt:text-is('{term}') + dd");
}
