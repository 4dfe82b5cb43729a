using System.Globalization;
using System.Net;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>The grant lifecycle through the web pages, run on each database provider.</summary>
public abstract class ApplicationLifecycleTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task An_application_goes_from_draft_to_closed_with_a_different_user_for_each_role()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Land release methods: visit to Colombia", "COL",
            ("Return flights", "4", "1850.00"), ("Hotel nights", "28", "120.50"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        Assert.Equal("Draft", await _journey.StageAsync(id));

        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        var submitted = await _journey.LoadAsync(id);
        Assert.Equal("Submitted", submitted.Stage);
        Assert.Matches(@"^CAF-\d{4}-001$", submitted.Reference);
        var requested = 4 * 1850.00m + 28 * 120.50m;
        Assert.Equal(requested, submitted.RequestedAmount.Amount);

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "start-screening"), "start screening");
        await GrantJourney.DeclareEligibleAsync(isu, id);

        using var gender = await _journey.SignInAsync(GrantJourney.Gender);
        var checklist = new Dictionary<string, string> { ["Input.Marker"] = "1", ["Input.Rationale"] = "Gender is a significant objective." };
        for (var i = 0; i < GenderReview.DefaultItems.Count; i++)
        {
            checklist[$"Input.Answers[{i}]"] = i % 2 == 0 ? "Yes" : "Partial";
            checklist[$"Input.Evidence[{i}]"] = $"Section {i + 1}";
        }
        await GrantJourney.ExpectRedirectAsync(gender.PostFormAsync($"/GenderReview/Checklist/{id}", checklist), "complete checklist");
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));

        var score = 3;
        foreach (var member in GrantJourney.Members)
        {
            using var session = await _journey.SignInAsync(member);
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{id}",
                GrantJourney.ScoreFields(score++, "Useful exchange.")), $"score by {member}");
        }

        const decimal approved = 10_000.00m;
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "approve",
            ["Input.ApprovedAmount"] = approved.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DecisionRationale"] = "Strong learning value; reduced to the committee's envelope.",
            ["Input.Conditions"] = "Share the survey manual with the committee.",
        }), "approve");
        Assert.Equal("Approved", await _journey.StageAsync(id));

        var today = FundTime.Today(factory.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var fundToday = FundTime.Today(factory.Clock);
        await _journey.PayFirstTrancheAsync(id, approved, 8_000m, fundToday, fundToday, "UBS-TR1-0001");
        Assert.Equal("Active", await _journey.StageAsync(id));

        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "reports-due"), "open reporting");

        var report = "Final narrative report: the delegation visited three survey sites."u8.ToArray();
        await GrantJourney.ExpectRedirectAsync(applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}",
            GrantJourney.Told(new() { ["Input.Lines[0]"] = "5000.00", ["Input.Lines[1]"] = "2600.00" }), "Input.File", "final-report.txt", report, "text/plain"), "final report");
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "accept-final-reports"), "accept final report");
        Assert.Equal("FinalReconciliation", await _journey.StageAsync(id));

        // Paid 8,000, spent 7,600: the grant cannot close until the 400 refund is in.
        var early = await finance.FireAsync(id, "close");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("record the refund of CHF 400.00", await early.Content.ReadAsStringAsync());
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Payment/{id}", new()
        {
            ["Input.Amount"] = "400.00",
            ["Input.ValueDate"] = today,
            ["Input.BankReference"] = "UBS-RF-0007",
            ["Input.SecondFactorCode"] = GrantJourney.PaymentCode(stepsAhead: 1),
        }), "record refund");
        await GrantJourney.ExpectRedirectAsync(finance.FireAsync(id, "close", "Reconciled."), "close");

        var closed = await _journey.LoadAsync(id);
        Assert.Equal("Closed", closed.Stage);

        var history = closed.Workflow!.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Trigger == "close").ToList();
        Assert.Equal(["submit", "start-screening", "declare-eligible", "complete-checklist", "approve", "sign-agreement",
            "reports-due", "accept-final-reports", "close"], history.Select(h => h.Trigger));
        Assert.Equal([GrantJourney.Applicant, GrantJourney.Isu, GrantJourney.Isu, GrantJourney.Gender, GrantJourney.Chair,
            GrantJourney.Finance, GrantJourney.Isu, GrantJourney.Isu, GrantJourney.Finance], history.Select(h => h.UserName));
        Assert.Equal("Draft", history[0].FromStage);
        Assert.Equal("Closed", history[^1].ToStage);

        var (audit, chainBreak) = await factory.WithDbAsync(async db =>
        {
            var all = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            return (all, AuditChain.FindFirstBreak(all));
        });
        Assert.Null(chainBreak);
        var stageChanges = audit.Where(e => e.Action == "stage.changed" && e.EntityId == id.ToString()).ToList();
        Assert.Equal(history.Count, stageChanges.Count);
        Assert.Contains(stageChanges, e => e.UserName == GrantJourney.Chair && e.Details!.Contains("\"to\":\"Approved\""));
        Assert.Contains(audit, e => e.Action == "LedgerEntry.created" && e.UserName == GrantJourney.Finance);
        Assert.All(stageChanges, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));

        var ledger = closed.LedgerEntries.ToDictionary(e => e.Kind, e => e.Amount.Amount);
        Assert.Equal(approved, ledger[LedgerEntryKind.Commitment]);
        Assert.Equal(8_000m, ledger[LedgerEntryKind.Disbursement]);
        Assert.Equal(400m, ledger[LedgerEntryKind.Refund]);
        Assert.Equal(2_000m, ledger[LedgerEntryKind.CommitmentRelease]);

        // The ledger workbook finance downloads adds up to what the database holds.
        var download = await finance.Client.GetAsync("/Finance/Ledger?handler=Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var totals = await LedgerTotalsInDatabaseAsync();
        var summary = workbook.Worksheet("Summary");
        var chfRow = summary.Column(1).CellsUsed().Single(c => c.GetString() == "CHF").Address.RowNumber;
        Assert.Equal(totals.CashIn, summary.Cell(chfRow, 3).GetValue<decimal>());
        Assert.Equal(totals.CashOut, summary.Cell(chfRow, 4).GetValue<decimal>());
        Assert.Equal(totals.CashIn - totals.CashOut, summary.Cell(chfRow, 5).GetValue<decimal>());
        Assert.Equal(250_000m + 400m - 8_000m, totals.CashIn - totals.CashOut);
    }

    [Fact]
    public async Task A_role_that_may_not_fire_a_transition_gets_403_and_nothing_changes()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Victim assistance exchange", "SEN", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var auditBefore = await factory.WithDbAsync(db => db.AuditEvents.CountAsync());

        var response = await finance.FireAsync(id, "start-screening");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Only an ISU officer may", await response.Content.ReadAsStringAsync());
        // Before: "Only a ISU officer may", and a made-up trigger was echoed back: "'no-such-action-xxx…' is not possible".
        var madeUp = await finance.FireAsync(id, "no-such-action-" + new string('x', 500));
        Assert.Equal(HttpStatusCode.Conflict, madeUp.StatusCode);
        var refusal = System.Net.WebUtility.HtmlDecode(await madeUp.Content.ReadAsStringAsync());
        Assert.Contains("That action is not possible while the application is at the stage", refusal);
        Assert.DoesNotContain("no-such-action", refusal);
        var after = await _journey.LoadAsync(id);
        Assert.Equal("Submitted", after.Stage);
        Assert.Single(after.Workflow!.History);
        Assert.Equal(auditBefore, await factory.WithDbAsync(db => db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task An_applicant_cannot_open_or_edit_another_states_application()
    {
        await factory.ResetAsync();
        using var cambodia = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Stockpile destruction lessons", "AGO", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(cambodia, fields);

        using var colombia = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.GetAsync($"/Applications/Details/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.GetAsync($"/Applications/Edit/{id}")).Status);
        fields["Form.Title"] = "Taken over";
        var edit = await colombia.PostFormAsync($"/Applications/Edit/{id}", fields, "Save");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var (_, list) = await colombia.GetAsync("/");
        Assert.DoesNotContain("Stockpile destruction lessons", list);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.FireAsync(id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await colombia.Client.GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal("Draft", await _journey.StageAsync(id));
        Assert.Equal("Stockpile destruction lessons", (await _journey.LoadAsync(id)).Title);
    }

    [Fact]
    public async Task A_partner_state_sees_an_application_read_only_once_submitted_and_never_as_a_draft()
    {
        await factory.ResetAsync();
        using var cambodia = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Survey exchange hosted by Colombia", "COL", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(cambodia, fields);
        using var colombia = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);

        Assert.Equal(HttpStatusCode.NotFound, (await colombia.GetAsync($"/Applications/Details/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await isu.GetAsync($"/Applications/Details/{id}")).Status);

        await GrantJourney.ExpectRedirectAsync(cambodia.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        var (status, html) = await colombia.GetAsync($"/Applications/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("There is nothing for you to do on this application at this stage.", html);
        Assert.DoesNotContain("Withdraw the application", html);
        var withdraw = await colombia.FireAsync(id, "withdraw");
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        Assert.Equal("Submitted", await _journey.StageAsync(id));

        // The partner has its say in a comment, which everyone who sees the application reads; it still cannot edit.
        var empty = await colombia.PostFormAsync($"/Applications/Details/{id}", new() { ["Remark"] = "  " }, "Comment");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write your comment first.", await empty.Content.ReadAsStringAsync());
        await GrantJourney.ExpectRedirectAsync(colombia.PostFormAsync($"/Applications/Details/{id}",
            new() { ["Remark"] = "Colombia confirms it will host the visit. <script>alert(1)</script>" }, "Comment"), "partner comments");
        var (_, seen) = await cambodia.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("Colombia confirms it will host the visit. &lt;script&gt;", seen);
        Assert.Contains("(Colombia, partner)", seen);
        var edit = await colombia.Client.GetAsync($"/Applications/Edit/{id}");
        Assert.Contains("/Account/AccessDenied", edit.Headers.Location?.OriginalString ?? $"{(int)edit.StatusCode}");
    }

    [Fact]
    public async Task Bad_input_on_the_proposal_gets_a_message_per_field_keeps_what_was_typed_and_saves_nothing()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Exchange before the bad input", "COL", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        var states = await _journey.StateIdsAsync();

        var bad = new Dictionary<string, string>(fields)
        {
            ["Form.Title"] = "Changed title that must not be saved",
            ["Form.Objectives"] = new string('x', 4001),
            ["Form.Budget[0].Quantity"] = "0",
            ["Form.Budget[1].Description"] = "Hotel",
            ["Form.Budget[1].Quantity"] = "-2",
            ["Form.Budget[1].UnitCost"] = "120.505",
            ["Form.Activities[0].Start"] = "2027-03-06",
            ["Form.Activities[0].End"] = "2027-03-02",
            ["Form.ContributionCash"] = "10.001",
        };
        var response = await applicant.PostFormAsync($"/Applications/Edit/{id}", bad, "Save");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var message in new[]
                 {
                     "Keep the objectives under 4,000 characters.", "The quantity of 'Flights' must be more than zero.",
                     "The quantity of 'Hotel' must be more than zero.", "The unit cost of 'Hotel' has at most two decimals.",
                     "Activity 1 must end on or after the day it starts.", "The national contribution in cash has at most two decimals.",
                 })
            Assert.Contains(message, html);
        Assert.Contains("value=\"Changed title that must not be saved\"", html);

        // A partner equal to the applicant, and a file that is not what its name says, are refused the same way.
        bad = new Dictionary<string, string>(fields) { ["Form.Partners[0].StatePartyId"] = states["KHM"].ToString() };
        var self = await applicant.PostFormAsync($"/Applications/Edit/{id}", bad, "Save");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("A partner must be a State Party other than the applicant.", await self.Content.ReadAsStringAsync());
        var disguised = await applicant.PostMultipartAsync($"/Applications/Edit/{id}", fields, "SupportingDocument", "budget.pdf",
            "MZ\u0090 not a PDF"u8.ToArray(), "application/pdf", "Save");
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("The content of budget.pdf is not a PDF document", System.Net.WebUtility.HtmlDecode(await disguised.Content.ReadAsStringAsync()));
        var empty = await applicant.PostMultipartAsync($"/Applications/Edit/{id}", fields, "SupportingDocument", "notes.txt", [], "text/plain", "Save");
        Assert.Contains("notes.txt is empty", await empty.Content.ReadAsStringAsync());

        var saved = await _journey.LoadAsync(id);
        Assert.Equal("Exchange before the bad input", saved.Title);
        Assert.Equal(1800m, saved.RequestedAmount.Amount);
        Assert.Single(saved.Attachments);
    }

    [Fact]
    public async Task Submitting_an_incomplete_proposal_saves_the_draft_and_lists_every_problem_at_once_by_field()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Mine risk education exchange", "SEN");
        fields.Remove("Form.GenderAnalysis");
        fields["Form.Activities[0].Place"] = "";
        fields["Form.Activities[0].End"] = "2027-04-30";
        // Saved without its endorsement letter.
        var saved = await applicant.PostFormAsync("/Applications/Edit", fields, "Save");
        var id = Guid.Parse(saved.Headers.Location!.OriginalString["/Applications/Edit/".Length..]);

        fields["Form.Title"] = "Mine risk education exchange (revised)";
        var response = await applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var (field, message) in new[]
                 {
                     ("Form.Budget", "Add at least one budget line."),
                     ("Form.GenderAnalysis", "Describe how women, girls, boys and men, and diverse groups, are affected and take part."),
                     ("Form.Activities[0].Place", "Activity 1 ('Field visit to survey teams') needs the place where it happens."),
                     ("Form.Activities[0].Start", "Activity 1 ('Field visit to survey teams') falls outside the activity period 1 Mar 2027 – 8 Mar 2027."),
                     ("EndorsementLetter", "Attach the endorsement letter from the national authority."),
                 })
        {
            Assert.Contains(message, html);
            Assert.Contains($"data-valmsg-for=\"{field}\"", html);
        }
        Assert.Contains("value=\"Mine risk education exchange (revised)\"", html);
        Assert.Contains("Draft saved. It cannot be submitted yet", html);
        // Nothing typed is lost: the draft holds the revision, and it is still a draft without a reference.
        var draft = await _journey.LoadAsync(id);
        Assert.Equal("Draft", draft.Stage);
        Assert.Equal("Mine risk education exchange (revised)", draft.Title);
        Assert.Null(draft.Reference);
        Assert.Empty(draft.Workflow!.History);
    }

    [Fact]
    public async Task A_quantity_that_is_not_a_number_gets_one_plain_message_keeps_what_was_typed_and_saves_nothing()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Demining dogs exchange", "COL", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);

        fields["Form.Title"] = "Demining dogs exchange, second version";
        fields["Form.Budget[0].Quantity"] = "two";
        var response = await applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Save");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // Once in the summary at the top, once beside the field: never twice in either place.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, ">Quantity must be a number, for example 1250.50.<"));
        Assert.DoesNotContain("must be more than zero", html);
        Assert.Contains("value=\"two\"", html);
        Assert.Contains("value=\"Demining dogs exchange, second version\"", html);
        var draft = await _journey.LoadAsync(id);
        Assert.Equal("Demining dogs exchange", draft.Title);
        Assert.Equal(2m, Assert.Single(draft.BudgetLines).Quantity);
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_answers()
    {
        await factory.ResetAsync();
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sign_in_page_lists_no_demo_accounts_outside_development()
    {
        await factory.ResetAsync();
        var (status, html) = await factory.NewSession().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("Demo accounts", html);
        Assert.DoesNotContain(Caf.Web.Seeding.DemoSeeder.DemoPassword, html);
    }

    [Fact]
    public async Task An_error_page_gives_a_reference_and_leaks_no_internals()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var response = await applicant.Client.GetAsync("/Applications/Details/not-a-guid/../../etc/passwd");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Reference:", html);
        Assert.Contains(response.Headers.GetValues("X-Correlation-Id").Single(), html);
        foreach (var leak in new[] { "Exception", "   at ", "/work/", "SELECT ", "Microsoft." })
            Assert.DoesNotContain(leak, html);
    }

    [Fact]
    public async Task Open_rounds_are_listed_publicly_with_their_deadline()
    {
        await factory.ResetAsync();
        using var anonymous = factory.NewSession();
        var (status, page) = await anonymous.GetAsync("/Rounds");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("call for South-South cooperation", page);
        Assert.Contains("Geneva time", page);
        var api = await anonymous.Client.GetAsync("/api/v1/rounds");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadAsStringAsync();
        Assert.Contains("\"amount\":\"50000.00\"", json);
        Assert.Contains("\"currency\":\"CHF\"", json);
    }

    [Fact]
    public async Task Pages_require_sign_in()
    {
        await factory.ResetAsync();
        using var anonymous = factory.NewSession();
        foreach (var url in new[] { "/", "/Applications/Edit", "/Finance/Ledger" })
        {
            var (status, _) = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, status);
        }
    }

    private Task<(decimal CashIn, decimal CashOut)> LedgerTotalsInDatabaseAsync() =>
        factory.WithDbAsync(async db =>
        {
            var entries = await db.LedgerEntries.AsNoTracking().ToListAsync();
            return (entries.Where(e => e.CashEffect > 0).Sum(e => e.CashEffect), -entries.Where(e => e.CashEffect < 0).Sum(e => e.CashEffect));
        });
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteApplicationLifecycleTests(SqliteAppFactory factory) : ApplicationLifecycleTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresApplicationLifecycleTests(PostgresAppFactory factory) : ApplicationLifecycleTests(factory);
