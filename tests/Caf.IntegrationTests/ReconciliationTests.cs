using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Final reconciliation through the pages (ADR 0024): the report's expenditure gives the refund due; a small one is waived;
/// a grant that spent above its approved amount and a terminated grant both close.
/// </summary>
public abstract class ReconciliationTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);
    private DateOnly Today => FundTime.Today(factory.Clock);

    /// <summary>An active grant (CHF 2,000 approved, CHF 1,600 paid) whose final report gives <paramref name="spent"/>, accepted.</summary>
    private async Task<Guid> ReportedAsync(decimal spent)
    {
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-3));
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        await _scenario.FireAsync(id, "accept-final-reports", GrantJourney.Isu, (a, actors, now) =>
            a.SubmitFinalReport("final-report.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), spent, actors[GrantJourney.Applicant].UserId, now));
        return id;
    }

    private static async Task<(HttpStatusCode Status, string Html)> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Bank_details_are_kept_encrypted_shown_masked_and_showing_or_changing_them_is_audited()
    {
        await factory.ResetAsync();
        var id = await _scenario.AtCommitteeReviewAsync(Today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4));
        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, now));
        await _journey.PayFirstTrancheAsync(id, 2_000m, 1_600m, Today, Today, "UBS-T1");
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var page = $"/Finance/Tranches/{id}";

        var stored = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.BankDetailsProtected!).SingleAsync());
        Assert.DoesNotContain("123456789", stored);
        Assert.DoesNotContain("ACLEDA", stored);
        var (_, masked) = await finance.GetAsync(page);
        Assert.Contains("Cambodian Mine Action Centre, 0001 •••• 789, ACLEDA Bank (ACLBKHPP)", WebUtility.HtmlDecode(masked));
        Assert.DoesNotContain("000123456789", masked);

        var (_, shown) = await ReadAsync(finance.PostFormAsync(page, [], "Reveal"));
        Assert.Contains("<dd>000123456789</dd>", shown);
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "bank-details.revealed" && e.EntityId == id.ToString())));

        var (badStatus, bad) = await ReadAsync(finance.PostFormAsync(page, new()
        {
            ["Input.AccountHolder"] = "CMAC", ["Input.Account"] = "KH00 1234 5678 9012 3456", ["Input.BankName"] = "ACLEDA", ["Input.Bic"] = "ACLBKHPP",
        }, "Bank"));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("This IBAN's check digits are wrong", bad);
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync(page, new()
        {
            ["Input.AccountHolder"] = "CMAC", ["Input.Account"] = "CH93 0076 2011 6238 5295 7", ["Input.BankName"] = "UBS", ["Input.Bic"] = "UBSWCHZH80A",
        }, "Bank"), "change the bank details");
        Assert.Equal("CMAC, CH93 •••• 957, UBS (UBSWCHZH80A)",
            await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.BankDetailsMasked).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityId == id.ToString() && e.Details != null
                                                                                   && e.Details.Contains("BankDetailsMasked") && e.Details.Contains("UBSWCHZH80A"))));
        // The encrypted details are a secret: the trail says they changed, never copies them.
        var changedNow = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.BankDetailsProtected!).SingleAsync());
        var trail = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Details != null && e.Details.Contains("BankDetailsProtected")).Select(e => e.Details!).ToListAsync());
        Assert.Contains(trail, d => d.Contains("\"BankDetailsProtected\":\"(secret changed)\""));
        Assert.All(trail, d => Assert.DoesNotContain(changedNow, d));
        Assert.All(trail, d => Assert.DoesNotContain(stored, d));
    }

    [Fact]
    public async Task The_reported_expenditure_gives_the_refund_due_which_above_the_threshold_is_not_waived()
    {
        await factory.ResetAsync();
        // Through the page: the applicant gives what was spent on each budget line (one line here, CHF 2,000 budgeted).
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-3));
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        using (var applicant = await _journey.SignInAsync(GrantJourney.Applicant))
        {
            var (_, form) = await applicant.GetAsync($"/Reporting/FinalReport/{id}");
            Assert.Contains("Flights", form);
            await GrantJourney.ExpectRedirectAsync(applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}", GrantJourney.Told(new() { ["Input.Lines[0]"] = "1200.00" }),
                "Input.File", "final-report.pdf", "%PDF-1.7\n%report\n"u8.ToArray(), "application/pdf"), "send the final report");
        }
        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
            await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "accept-final-reports"), "accept the final report");
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (_, page) = await finance.GetAsync($"/Finance/Reconcile/{id}");
        var html = WebUtility.HtmlDecode(page);
        Assert.Contains("CHF -800.00 (-40.0 %)", html);
        Assert.Contains("Above the limit: check the receipts", html);
        var line = await factory.WithDbAsync(db => db.Reports.Where(r => r.ApplicationId == id).SelectMany(r => r.Lines).SingleAsync());
        Assert.Equal(("Flights", 2_000m, 1_200m), (line.Description, line.Budgeted, line.Actual));
        Assert.Contains("<dd id=\"to-settle\">CHF 400.00 refund due from the grantee</dd>", html);
        Assert.Contains("record the refund of CHF 400.00 first", html);
        Assert.DoesNotContain("Waive the refund", html);

        var (status, refused) = await ReadAsync(finance.PostFormAsync($"/Finance/Reconcile/{id}", new() { ["Input.RefundWaiverReason"] = "Small." }, "Waive"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The refund due, CHF 400.00, is above the CHF 100.00 the fund waives: ask the grantee to pay it back.", refused);
        Assert.Null(await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.RefundWaivedValue).SingleAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await finance.FireAsync(id, "close")).StatusCode);
    }

    [Fact]
    public async Task Bank_details_that_can_no_longer_be_read_are_said_so_on_show_in_full_never_a_server_error()
    {
        await factory.ResetAsync();
        // The scenario stores a text no key of this app protected, as a lost key ring would leave them.
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-3));
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (status, html) = await ReadAsync(finance.PostFormAsync($"/Finance/Tranches/{id}", [], "Reveal"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("The bank details on record can no longer be read: the key that protected them is not available.", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "bank-details.revealed")));
    }

    [Fact]
    public async Task The_receipts_sent_beside_the_final_report_are_checked_by_content_stored_apart_and_downloaded_audited()
    {
        await factory.ResetAsync();
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-3));
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        var page = $"/Reporting/FinalReport/{id}";
        var report = new CafSession.UploadedFile("Input.File", "final-report.pdf", "%PDF-1.7\n%report\n"u8.ToArray(), "application/pdf");
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);

        // A "scan" that is not one: refused at its field, the amount kept as typed, nothing stored.
        var (status, refused) = await ReadAsync(applicant.PostMultipartAsync(page, GrantJourney.Told(new() { ["Input.Lines[0]"] = "1900.00" }),
            [report, new("Input.Receipts", "receipts.png", "%PDF-1.7\n"u8.ToArray(), "image/png")]));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The content of receipts.png is not", refused);
        Assert.Contains("value=\"1900.00\"", refused);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.ApplicationId == id)));

        var receipts = "%PDF-1.7\n%receipts: hotel, flights\n"u8.ToArray();
        await GrantJourney.ExpectRedirectAsync(applicant.PostMultipartAsync(page, GrantJourney.Told(new() { ["Input.Lines[0]"] = "1900.00" }),
            [report, new("Input.Receipts", "receipts.pdf", receipts, "application/pdf")]), "send the report with its receipts");
        var sent = await factory.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.ApplicationId == id));
        Assert.Equal(("receipts.pdf", (long?)receipts.Length), (sent.ReceiptsFileName, sent.ReceiptsSize));

        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, details) = await finance.GetAsync($"/Applications/Details/{id}");
        Assert.Contains($"href=\"/Reporting/Download/{sent.Id}?part=receipts\"", details);
        using var download = await finance.Client.GetAsync($"/Reporting/Download/{sent.Id}?part=receipts", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(receipts, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "report-receipts.downloaded" && e.EntityId == sent.Id.ToString())));
        using var unknown = await finance.Client.GetAsync($"/Reporting/Download/{sent.Id}?part=other", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_terminated_grant_closes_on_the_expenditure_finance_accepted_with_a_small_refund_waived()
    {
        await factory.ResetAsync();
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(30));
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "terminate", "The grantee withdrew after the first mission."), "terminate");
        Assert.Equal("FinalReconciliation", await _journey.StageAsync(id));
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var page = $"/Finance/Reconcile/{id}";

        var (badStatus, bad) = await ReadAsync(finance.PostFormAsync(page, new()
        {
            ["Input.TerminationExpenditureValue"] = "1520.00", ["Input.TerminationExpenditureNote"] = " ",
        }, "Termination"));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("Say what the figure rests on (receipts, the grantee's statement).", bad);
        Assert.Contains("value=\"1520.00\"", bad);

        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync(page, new()
        {
            ["Input.TerminationExpenditureValue"] = "1520.00", ["Input.TerminationExpenditureNote"] = "Receipts for the first mission.",
        }, "Termination"), "record the accepted expenditure");
        var (_, due) = await finance.GetAsync(page);
        Assert.Contains("CHF 80.00 refund due from the grantee", WebUtility.HtmlDecode(due));
        // The refund page reads the figure finance accepted, not "no report".
        var (_, refund) = await finance.GetAsync($"/Finance/Payment/{id}");
        Assert.Contains("<dt>Accepted expenditure</dt><dd id=\"expenditure\">CHF 1,520.00 (recorded by finance on termination: Receipts for the first mission.)</dd>",
            WebUtility.HtmlDecode(refund));

        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync(page, new() { ["Input.RefundWaiverReason"] = "Recovery would cost more." }, "Waive"),
            "waive the refund");
        await GrantJourney.ExpectRedirectAsync(finance.FireAsync(id, "close", "Reconciled after termination."), "close");

        Assert.Equal("Closed", await _journey.StageAsync(id));
        var closed = await _journey.LoadAsync(id);
        Assert.Equal((1_520m, 80m, "Recovery would cost more."),
            (closed.TerminationExpenditureValue!.Value, closed.RefundWaivedValue!.Value, closed.RefundWaiverReason));
        // The unpaid commitment went back to the fund; the waiver is in the audit trail.
        Assert.Equal(0m, closed.LedgerEntries.Sum(e => e.CommitmentEffect));
        Assert.Equal(new Money(400m, "CHF"), new Money(closed.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.CommitmentRelease).Sum(e => e.Amount.Amount), "CHF"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityId == id.ToString() && e.Details != null && e.Details.Contains("RefundWaivedValue"))));
    }

    [Fact]
    public async Task A_grant_that_spent_above_its_approved_amount_is_paid_up_to_it_and_closes_with_the_overspending_noted()
    {
        await factory.ResetAsync();
        var id = await ReportedAsync(2_350m);
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (_, page) = await finance.GetAsync($"/Finance/Reconcile/{id}");
        var html = WebUtility.HtmlDecode(page);
        Assert.Contains("<dd id=\"overspent\">CHF 350.00 — the grantee's; the fund pays up to the approved amount</dd>", html);
        Assert.Contains("<dd id=\"to-settle\">CHF 400.00 still owed to the grantee</dd>", html);

        await _scenario.FireAsync(id, "close", GrantJourney.Finance, (a, actors, now) =>
            GrantScenario.PayTranche(a, 2, new Money(400m, "CHF").InFund(Today), Today, "UBS-T2", actors, now));

        Assert.Equal("Closed", await _journey.StageAsync(id));
        var closed = await _journey.LoadAsync(id);
        Assert.Equal((new Money(2_000m, "CHF"), new Money(350m, "CHF")), (closed.Disbursed, closed.Overspent!.Value));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteReconciliationTests(SqliteAppFactory factory) : ReconciliationTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresReconciliationTests(PostgresAppFactory factory) : ReconciliationTests(factory);
