using System.Globalization;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Finance;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Caf.IntegrationTests.Infrastructure.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>
/// The finance officers' journey once in a real browser (docs/features/finance.md): a contribution, a tranche paid under
/// four eyes, a bank statement matched, a grant reconciled and closed, and both ledgers downloaded and read.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class FinanceBrowserJourneyTests(BrowserAppFactory factory)
{
    private const string Donor = "Germany";
    private const decimal Contribution = 25_000m;
    private const string ContributionReference = "DE-KFW-2026-0117";
    private const string TrancheReference = "UBS-TR1-0042";

    private readonly GrantScenario _scenario = new(factory);

    private DateOnly Today => FundTime.Today(factory.Clock);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Finance_records_a_contribution_pays_a_tranche_under_four_eyes_matches_the_statement_closes_the_grant_and_reads_both_ledgers()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();

        // An approved grant of CHF 2,000, prepared without the browser.
        var id = await _scenario.AtCommitteeReviewAsync(Today.AddDays(30),
            GrantJourney.Members.ToDictionary(m => m, _ => 4), amount: 2_000m, title: "Survey exchange paid by finance");
        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved in full.", null, now));
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Reference!).SingleAsync());
        var detailsUrl = $"/Applications/Details/{id}";
        var tranchesUrl = $"/Finance/Tranches/{id}";

        // A donor's contribution, as it reached the fund's account today.
        var finance = await factory.SignInAsync(GrantJourney.Finance);
        await finance.GotoAsync("/Finance/Contributions");
        await finance.GetByLabel("Donor", new() { Exact = true }).FillAsync(Donor);
        await finance.GetByLabel("Amount received").FillAsync("25000");
        await finance.GetByLabel("Value date").FillAsync(Day(Today));
        await finance.GetByLabel("Bank reference").FillAsync(ContributionReference);
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record the contribution" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Contribution from {Donor} recorded.");
        await Expect(finance.Locator("#contributions tbody tr").Filter(new() { HasText = ContributionReference }))
            .ToContainTextAsync("CHF 25,000.00");

        // The agreement on the default schedule, then the first tranche requested.
        await finance.GotoAsync($"/Finance/Agreement/{id}");
        await Expect(finance.GetByLabel("Amount of tranche 1")).ToHaveValueAsync("1600.00");
        await Expect(finance.GetByLabel("Amount of tranche 2")).ToHaveValueAsync("400.00");
        await finance.GetByLabel("Account holder").FillAsync(TestBankDetails.Value.AccountHolder!);
        await finance.GetByLabel("IBAN or account number").FillAsync(TestBankDetails.Value.Account!);
        await finance.GetByLabel("Bank", new() { Exact = true }).FillAsync(TestBankDetails.Value.BankName!);
        await finance.GetByLabel("BIC (SWIFT code)").FillAsync(TestBankDetails.Value.Bic!);
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record the agreement" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Agreement recorded.");

        // The scan of the signed agreement, kept with it and downloaded from its link.
        await finance.GetByRole(AriaRole.Link, new() { Name = "add the signed copy" }).ClickAsync();
        await finance.GetByLabel("Scan of the signed agreement").SetInputFilesAsync(new FilePayload
        {
            Name = "signed agreement.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n%signed by both sides\n%%EOF"u8.ToArray(),
        });
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record the signed copy" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed copy of the agreement recorded.");
        await Expect(finance.GetByRole(AriaRole.Link, new() { Name = "signed agreement.pdf" })).ToHaveAttributeAsync("href", $"/Finance/SignedAgreement/{id}");
        await finance.GotoAsync(tranchesUrl);
        await finance.GetByLabel("Tranche", new() { Exact = true }).SelectOptionAsync("1");
        await finance.GetByLabel("Amount (CHF)").FillAsync("1600.00");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Request the payment" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment requested");
        await Expect(finance.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToHaveCountAsync(0);

        // The second finance officer finds the request in the queue and approves it with a fresh code.
        var second = await factory.SignInAsync(GrantJourney.SecondFinance);
        await second.GotoAsync("/Finance/Disbursements");
        var queued = second.Locator("#open-payments tbody tr").Filter(new() { HasText = reference });
        await Expect(queued).ToContainTextAsync("Approve it (with a fresh code)");
        await queued.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(second).ToHaveURLAsync(new Regex($"{tranchesUrl}$"));
        await second.GetByLabel("Code from your authenticator app").FillAsync(GrantJourney.PaymentCode(email: GrantJourney.SecondFinance));
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment approved");

        // The first officer marks it paid once the bank has made it: the grant is active.
        await finance.GotoAsync(tranchesUrl);
        await finance.GetByLabel("Value date").FillAsync(Day(Today));
        await finance.GetByLabel("Bank reference").FillAsync(TrancheReference);
        await finance.GetByRole(AriaRole.Button, new() { Name = "Mark paid" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Payment recorded in the ledger");
        await Expect(finance.Locator("#paid")).ToHaveTextAsync("CHF 1,600.00");
        await finance.GotoAsync(detailsUrl);
        await Expect(finance.Locator("#stage")).ToHaveTextAsync("Active grant");

        // The bank's statement holds the contribution and the tranche: both proposed, the contribution confirmed.
        await finance.GotoAsync("/Finance/Statements");
        await finance.GetByLabel("Statement file").SetInputFilesAsync(new FilePayload
        {
            Name = "statement.xml", MimeType = "application/xml",
            Buffer = CamtStatements.Build("08", "STMT-E2E-1",
                new CamtLine(Contribution, true, Today, "E2E-CR-1", $"Contribution {ContributionReference} {Donor}"),
                new CamtLine(1_600m, false, Today, "E2E-DB-1", $"{reference} {TrancheReference} first tranche")),
        });
        await finance.GetByRole(AriaRole.Button, new() { Name = "Import the statement" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported 1 statement(s): 2 new entries");
        await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("2 matches proposed.");
        var proposal = finance.Locator("#proposals tbody tr").Filter(new() { HasText = ContributionReference });
        await Expect(proposal).ToContainTextAsync($"same reference {ContributionReference}");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToHaveTextAsync("Match confirmed.");
        await Expect(finance.GetByRole(AriaRole.Heading, new() { Name = "Matches proposed (1)" })).ToBeVisibleAsync();
        await Expect(proposal).ToHaveCountAsync(0);
        await Expect(finance.Locator("#proposals tbody tr").Filter(new() { HasText = TrancheReference })).ToHaveCountAsync(1);

        // Reports are due and the final report, CHF 1,550 spent, is accepted: CHF 50 comes back, little enough to waive.
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        await _scenario.FireAsync(id, "accept-final-reports", GrantJourney.Isu, (a, actors, now) =>
            a.SubmitFinalReport("final-report.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), 1_550m, actors[GrantJourney.Applicant].UserId, now));
        await finance.GotoAsync(detailsUrl);
        await Expect(finance.Locator("#stage")).ToHaveTextAsync("Final reconciliation");
        await Expect(finance.GetByRole(AriaRole.Button, new() { Name = "Close the grant", Exact = true })).ToBeDisabledAsync();
        await finance.GotoAsync($"/Finance/Reconcile/{id}");
        await Expect(finance.Locator("#to-settle")).ToHaveTextAsync("CHF 50.00 refund due from the grantee");
        await finance.GetByLabel("Why the refund is waived").FillAsync("Recovering CHF 50 would cost more than it brings back.");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Waive the refund" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToHaveTextAsync("Refund waived.");
        await Expect(finance.Locator("#waived")).ToContainTextAsync("Recovering CHF 50 would cost more than it brings back.");
        await Expect(finance.Locator("#closing")).ToHaveTextAsync("Balanced: the grant can be closed from its page.");
        await finance.GotoAsync(detailsUrl);
        await ClickAndExpectStageAsync(finance, "Close the grant", "Closed");

        // The fund ledger workbook: the contribution on its sheet, as booked.
        await finance.GotoAsync("/Finance/Ledger");
        using (var fundLedger = await DownloadAsync(finance, "Download as Excel (.xlsx)", $"caf-fund-ledger-{Day(Today)}.xlsx"))
        {
            var sheet = fundLedger.Worksheet(FundLedgerWorkbook.Contributions);
            var column = Columns(sheet, FundLedgerWorkbook.HeaderRow);
            var row = sheet.Column(column["Bank reference"]).CellsUsed().Single(c => c.GetString() == ContributionReference).Address.RowNumber;
            var booked = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.BankReference == ContributionReference));
            Assert.Equal((Donor, Contribution), (sheet.Cell(row, column["Donor"]).GetString(), sheet.Cell(row, column["Amount"]).GetValue<decimal>()));
            Assert.Equal(booked.Amount.Amount, sheet.Cell(row, column["Amount"]).GetValue<decimal>());
        }

        // The grant ledger from the grant's page: what was paid, as the database has it.
        await finance.GotoAsync(detailsUrl);
        using (var grantLedger = await DownloadAsync(finance, "Download the grant ledger (.xlsx)", $"caf-grant-ledger-{reference}-{Day(Today)}.xlsx"))
        {
            var sheet = grantLedger.Worksheet(GrantLedger.SheetName);
            var amount = Columns(sheet, GrantLedger.HeaderRow)["Amount"];
            var disbursed = sheet.Column(1).CellsUsed().Single(c => c.GetString() == GrantLedger.Disbursed).Address.RowNumber;
            var paid = (await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking()
                .Where(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement).ToListAsync())).Sum(e => e.Sign * e.Amount.Amount);
            Assert.Equal(1_600m, paid);
            Assert.Equal(paid, sheet.Cell(disbursed, amount).GetValue<decimal>());
        }
    }

    /// <summary>Clicks the download link, checks the file's name and opens the workbook it saved.</summary>
    private static async Task<XLWorkbook> DownloadAsync(IPage page, string link, string fileName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        return new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
    }

    /// <summary>The columns of a ledger sheet by their heading.</summary>
    private static Dictionary<string, int> Columns(IXLWorksheet sheet, int headerRow) =>
        sheet.Row(headerRow).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
}
