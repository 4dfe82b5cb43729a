using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// What a person reads and clicks (issue 10, items 14–18): destructive actions ask first, buttons open their form with
/// their choice made, no internal identifier is shown, the newest application comes first, and the favicon exists.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed partial class ReadablePagesTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    [Fact]
    public async Task Withdrawing_asks_first_on_the_server_and_an_empty_reason_is_told_beside_its_box()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await SubmittedAsync(applicant, "Exchange the applicant may withdraw");
        var details = $"/Applications/Details/{id}";

        var (_, page) = await applicant.GetAsync(details);
        Assert.Matches($"<a class=\"button destructive\" href=\"{Regex.Escape(details)}\\?confirm=withdraw#confirm\"", page);
        Assert.DoesNotContain("value=\"withdraw\"", page);

        // Posted straight from an old form or another tool, the action still only asks.
        var unconfirmed = await applicant.PostFormAsync(details, new() { ["trigger"] = "withdraw", ["Comment"] = "Postponed." }, "Fire");
        var question = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Withdraw this application?", question);
        Assert.Matches("<fieldset>\\s*<legend>Withdraw the application</legend>", question);
        Assert.Contains("<label for=\"comment-withdraw\">Reason (required)</label>", question);
        Assert.Matches("<button type=\"submit\" class=\"destructive\"\\s*>Withdraw the application</button>", question);
        Assert.Equal("Submitted", await _journey.StageAsync(id));

        var (_, confirmation) = await applicant.GetAsync($"{details}?confirm=withdraw");
        Assert.Contains("name=\"Confirmed\" value=\"true\"", confirmation);

        var empty = await applicant.FireAsync(id, "withdraw");
        var refused = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Matches("<textarea id=\"comment-withdraw\" name=\"Comment\" rows=\"2\" aria-describedby=\"comment-withdraw-error\"[^>]*>\\s*</textarea>\\s*" +
                       "<span id=\"comment-withdraw-error\" class=\"field-error\">[^<]+</span>", refused);

        await GrantJourney.ExpectRedirectAsync(applicant.FireAsync(id, "withdraw", "The host postponed the visit."), "withdraw");
        Assert.Equal("Withdrawn", await _journey.StageAsync(id));
    }

    [Fact]
    public async Task Screening_buttons_open_the_form_with_their_choice_made_and_ineligible_asks_first()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await SubmittedAsync(applicant, "Exchange the ISU screens");
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "start-screening"), "start screening");

        var (_, details) = await isu.GetAsync($"/Applications/Details/{id}");
        Assert.Contains($"<a class=\"button destructive\" href=\"/Eligibility/Screen/{id}?choice=declare-ineligible\">Declare ineligible</a>", details);
        Assert.Contains($"<a class=\"button primary\" href=\"/Eligibility/Screen/{id}?choice=declare-eligible\">Declare eligible</a>", details);
        foreach (var (choice, radio) in new[] { ("declare-eligible", "Eligible"), ("declare-ineligible", "Ineligible"), ("request-clarification", "Clarification") })
        {
            var (_, form) = await isu.GetAsync($"/Eligibility/Screen/{id}?choice={choice}");
            Assert.Equal([radio], CheckedRadios(form, "decision-"));
        }

        await ExpectAskedFirstAsync(isu, $"/Eligibility/Screen/{id}", GrantJourney.ScreeningFields("Ineligible", "Not between States Parties."),
            id, "Declare this application ineligible?", "Declare it ineligible", "EligibilityScreening", "Ineligible");
    }

    [Fact]
    public async Task Decision_buttons_open_the_form_with_their_choice_made_and_reject_asks_first()
    {
        await factory.ResetAsync();
        var id = await _scenario.AtCommitteeReviewAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(60),
            new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 3, ["member3@caf.demo"] = 4 });
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);

        var (_, details) = await chair.GetAsync($"/Applications/Details/{id}");
        Assert.Contains($"<a class=\"button destructive\" href=\"/Committee/Decide/{id}?choice=reject\">Reject</a>", details);
        Assert.Contains($"<a class=\"button primary\" href=\"/Committee/Decide/{id}?choice=approve\">Approve</a>", details);
        foreach (var choice in new[] { "approve", "reject", "defer" })
        {
            var (_, form) = await chair.GetAsync($"/Committee/Decide/{id}?choice={choice}");
            Assert.Equal([choice], CheckedRadios(form, "decision-"));
        }

        var fields = new Dictionary<string, string>
        {
            ["Input.Decision"] = "reject", ["Input.DecisionRationale"] = "Below the funding line.",
            ["Input.MeetingDate"] = Caf.Data.FundTime.Today(factory.Clock).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        await ExpectAskedFirstAsync(chair, $"/Committee/Decide/{id}", fields, id, "Reject this application?", "Reject the application",
            "CommitteeReview", "Rejected");
    }

    /// <summary>A destructive decision posted from its form only asks, with its own button; confirmed, it is recorded.</summary>
    private async Task ExpectAskedFirstAsync(CafSession session, string form, Dictionary<string, string> fields, Guid id,
        string question, string button, string stageBefore, string stageAfter)
    {
        var asked = await session.PostFormAsync(form, fields);
        var page = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains(question, page);
        Assert.Contains($"<button type=\"submit\" class=\"destructive\">{button}</button>", page);
        Assert.Equal(stageBefore, await _journey.StageAsync(id));

        fields["Confirmed"] = "true";
        await GrantJourney.ExpectRedirectAsync(session.PostFormAsync(form, fields), button);
        Assert.Equal(stageAfter, await _journey.StageAsync(id));
    }

    [Fact]
    public async Task No_page_or_workbook_shows_an_internal_identifier_or_an_email_address_for_a_name()
    {
        await factory.ResetAsync();
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await _scenario.ActiveGrantAsync(today.AddDays(30));
        await factory.WithDbAsync(async db =>
        {
            var finance = await db.Users.SingleAsync(u => u.Email == GrantJourney.Finance);
            db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.BankCharge, new Money(12m, "CHF").InFund(today), today, "Transfer fee", "T1", id, finance.Id, DateTime.UtcNow));
            db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.CommitmentRelease, new Money(400m, "CHF").InFund(today), today, "Unused commitment", null, id, finance.Id, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        string[] identifiers = ["CommitmentRelease", "BankCharge", "Disbursement", "DailyAllowance", "IsuOfficer", "GenderFocalPoint",
            "CommitteeMember", "CommitteeChair", "NotApplicable", "@caf.demo"];

        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, details) = await finance.GetAsync($"/Applications/Details/{id}");
        AssertReadable(details, identifiers, "details");
        Assert.Contains("Commitment released", Visible(details));
        Assert.Contains("Irene Schmid (ISU)", Visible(details));

        var (_, ledger) = await finance.GetAsync("/Finance/Ledger");
        AssertReadable(ledger, identifiers, "ledger");
        Assert.Contains("Commitment released", Visible(ledger));
        // The fund ledger's and the grant ledger's workbooks name each kind of entry as finance does.
        foreach (var (url, sheet) in new[] { ("/Finance/Ledger?handler=Download", "Commitments"), ($"/Finance/GrantLedger/{id}", "Grant ledger") })
        {
            using var download = await finance.Client.GetAsync(url);
            using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
            var types = workbook.Worksheet(sheet).Column(2).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("Commitment released", types);
            Assert.Empty(types.Intersect(Enum.GetNames<LedgerEntryKind>()).Except(["Commitment"]));
        }

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var (_, diagram) = await isu.GetAsync("/Workflows/Diagram/caf-grant");
        AssertReadable(diagram, ["IsuOfficer", "GenderFocalPoint", "CommitteeChair"], "workflow tables");

        using var admin = await _journey.SignInAsync("admin@caf.demo");
        var (_, users) = await admin.GetAsync("/Admin/Users");
        AssertReadable(users, ["IsuOfficer", "GenderFocalPoint", "CommitteeMember", "CommitteeChair"], "people");

        // A budget category as the applicant picks it and reads it back.
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Exchange with allowances", "COL", ("Daily subsistence", "7", "95"));
        fields["Form.Budget[0].Category"] = "DailyAllowance";
        var draft = await GrantJourney.CreateDraftAsync(applicant, fields);
        var (_, edit) = await applicant.GetAsync($"/Applications/Edit/{draft}");
        AssertReadable(edit, ["DailyAllowance"], "draft form");
        Assert.Contains(">Daily allowance</option>", edit);
        var (_, summary) = await applicant.GetAsync($"/Applications/Summary/{draft}");
        AssertReadable(summary, ["DailyAllowance"], "summary");
    }

    [Fact]
    public async Task The_minutes_and_their_workbook_state_each_decision_in_words()
    {
        await factory.ResetAsync();
        var id = await _scenario.AtCommitteeReviewAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(60),
            new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 3, ["member3@caf.demo"] = 4 });
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "approve", ["Input.ApprovedAmount"] = "1800", ["Input.DecisionRationale"] = "Good exchange.",
        }), "approve");

        var (_, minutes) = await chair.GetAsync("/Committee/Minutes");
        Assert.Contains("<strong>Approved</strong>", minutes);
        Assert.DoesNotContain("<strong>approve</strong>", minutes);
        var meetingId = await factory.WithDbAsync(db => db.CommitteeMeetings.Select(m => m.Id).SingleAsync());
        var export = await chair.Client.GetAsync($"/Committee/Minutes?handler=Export&id={meetingId}");
        using var workbook = new XLWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        Assert.Equal("Approved", workbook.Worksheet("Minutes").Cell("C6").GetString());
    }

    [Fact]
    public async Task The_sign_in_page_names_each_demo_account_s_role_in_words()
    {
        await using var development = factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var anonymous = new CafSession(development.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

        var (_, login) = await anonymous.GetAsync("/Account/Login");

        Assert.Contains("Demo accounts", login);
        Assert.Contains("<td>ISU officer</td>", login);
        Assert.Contains("<td>Gender focal point</td>", login);
        AssertReadable(login, ["IsuOfficer", "GenderFocalPoint", "CommitteeMember", "CommitteeChair"], "sign-in");
    }

    [Fact]
    public async Task Comparing_versions_shows_the_stored_identifiers_in_words()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await SubmittedAsync(applicant, "Exchange submitted twice");
        // Two versions as stored, identifiers and all: the page translates them, the stored format stays as it was.
        SnapshotField[] before =
        [
            new("General", "Thematic areas", "ClearanceAndLandRelease"),
            new("Partners", "Partner 1", "Colombia (Visiting)"),
            new("Delegation", "Participant 1", "Ana Ruiz, Director, CNAMA, NotStated, age NotStated, disability NotStated"),
            new("Budget", "Budget line 1", "Travel: Flights, 2 × CHF 900.00 = CHF 1,800.00"),
        ];
        SnapshotField[] after =
        [
            new("General", "Thematic areas", "ClearanceAndLandRelease, VictimAssistance"),
            new("Partners", "Partner 1", "Colombia (Host)"),
            new("Delegation", "Participant 1", "Ana Ruiz, Director, CNAMA, Female, age From40To59, disability No"),
            new("Budget", "Budget line 1", "DailyAllowance: Daily subsistence, 7 × CHF 95.00 = CHF 665.00"),
        ];
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant);
            db.ApplicationVersions.Add(new ApplicationVersion(id, 2, ProposalSnapshot.ToJson(before), user.Id, DateTime.UtcNow));
            db.ApplicationVersions.Add(new ApplicationVersion(id, 3, ProposalSnapshot.ToJson(after), user.Id, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var (_, page) = await isu.GetAsync($"/Eligibility/Versions/{id}?from=2&to=3");

        var text = Visible(page);
        Assert.Contains("Article 5 clearance and land release; Victim assistance", text);
        Assert.Contains("Colombia (visiting)", text);
        Assert.Contains("Colombia (host)", text);
        Assert.Contains("Ana Ruiz, Director, CNAMA, Not stated, age Not stated, disability Not stated", text);
        Assert.Contains("Ana Ruiz, Director, CNAMA, Female, age 40–59, disability No", text);
        Assert.Contains("Daily allowance: Daily subsistence", text);
        AssertReadable(page, ["ClearanceAndLandRelease", "VictimAssistance", "Visiting", "Host", "NotStated", "From40To59", "DailyAllowance"], "versions");
    }

    [Fact]
    public async Task The_applications_list_puts_the_newest_first()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var older = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Created first, submitted last", "COL", ("Flights", "2", "900")));
        var newer = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Created last, submitted first", "SEN", ("Flights", "2", "900")));
        await SubmitAsync(applicant, newer, "Created last, submitted first", "SEN");
        await SubmitAsync(applicant, older, "Created first, submitted last", "COL");
        var draft = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Still a draft", "COL", ("Flights", "2", "900")));

        var (_, home) = await applicant.GetAsync("/");

        var titles = TitleLinks().Matches(home).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([draft, older, newer], titles.Select(Guid.Parse));
        // Submitted last, so numbered last: the highest reference is on top.
        var references = ReferenceCells().Matches(home).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([(await _journey.LoadAsync(older)).Reference!, (await _journey.LoadAsync(newer)).Reference!], references);
        Assert.Equal(references.OrderDescending(StringComparer.Ordinal), references);
    }

    [Fact]
    public async Task The_favicon_is_a_small_valid_icon_linked_from_every_page()
    {
        using var anonymous = factory.NewSession();

        var icon = await anonymous.Client.GetAsync("/favicon.ico");
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        var (_, login) = await anonymous.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal([0, 0, 1, 0], bytes[..4]);
        Assert.InRange(bytes.Length, 100, 10_000);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\" type=\"image/x-icon\" />", login);
    }

    private async Task<Guid> SubmittedAsync(CafSession applicant, string title)
    {
        var fields = await _journey.DraftFieldsAsync(title, "SEN", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        return id;
    }

    private async Task SubmitAsync(CafSession applicant, Guid id, string title, string partner) =>
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}",
            await _journey.DraftFieldsAsync(title, partner, ("Flights", "2", "900")), "Submit"), "submit");

    private static void AssertReadable(string html, IEnumerable<string> identifiers, string page)
    {
        var text = Visible(html);
        foreach (var identifier in identifiers)
            Assert.False(text.Contains(identifier, StringComparison.Ordinal), $"The {page} page shows '{identifier}'.");
    }

    /// <summary>What a person reads: the text outside tags, scripts and styles.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " "));

    private static List<string> CheckedRadios(string html, string idPrefix) =>
        Radio().Matches(html).Where(m => m.Value.Contains("checked", StringComparison.Ordinal) && m.Groups[1].Value.StartsWith(idPrefix, StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value[idPrefix.Length..]).ToList();

    [GeneratedRegex("<input type=\"radio\" id=\"([^\"]+)\"[^>]*>")]
    private static partial Regex Radio();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<td><a href=\"/Applications/Details/([0-9a-f-]{36})\">")]
    private static partial Regex TitleLinks();

    [GeneratedRegex("<td>(CAF-\\d{4}-\\d{3})</td>")]
    private static partial Regex ReferenceCells();
}
