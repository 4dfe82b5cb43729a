using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// What hostile or careless input does to the pages: a refusal that names the field, or a polite 400 — never a server
/// error, never a partial write (issue 10: E1, E2, E5, E6, items 1, 2, 17 and 21).
/// </summary>
public abstract partial class BadInputTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    private Task<int> ApplicationCountAsync() => factory.WithDbAsync(db => db.Applications.CountAsync());

    [Fact]
    public async Task An_unreadable_form_answers_400_with_the_polite_page_and_saves_nothing()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var token = await TokenAsync(applicant, "/Applications/Edit");
        const string boundary = "caf-boundary";
        string Part(string name, string value) => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";
        string FilePart(string fileName) =>
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"EndorsementLetter\"; filename=\"{fileName}\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n";
        HttpContent Multipart(string body)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
            return content;
        }
        var fields = await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "2", "900"));
        var variants = new Dictionary<string, HttpContent>
        {
            ["multipart cut short"] = Multipart(Part("__RequestVerificationToken", token) + Part("Form.Title", "Survey") + $"--{boundary}\r\nContent-Disposition: form-da"),
            ["CRLF in a file name"] = Multipart(Part("__RequestVerificationToken", token) + FilePart("letter\r\nX-Evil: 1.pdf") + $"--{boundary}--\r\n"),
            ["quote in a file name"] = Multipart(Part("__RequestVerificationToken", token) + FilePart("let\"ter.pdf") + $"--{boundary}--\r\n"),
            ["NUL in a field"] = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))
                .Select(f => f.Key == "Form.Title" ? new KeyValuePair<string, string>(f.Key, "Sur\0vey") : f)),
            ["1,100 fields"] = new FormUrlEncodedContent(Enumerable.Range(0, 1_100).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))
                .Append(new("__RequestVerificationToken", token))),
            ["29 MB body"] = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Form.Title", new string('x', 29 * 1024 * 1024))]),
        };
        foreach (var (name, content) in variants)
        {
            using var response = await applicant.Client.PostAsync("/Applications/Edit?handler=Save", content);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{name}: {(int)response.StatusCode}");
            Assert.Contains("Reference:", html);
            Assert.DoesNotContain("on our side", html);
        }
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Theory]
    [InlineData("abc", 200)]
    [InlineData("0", 200)]
    [InlineData("101", 200)]
    [InlineData("302", 200)]
    [InlineData("99999999999", 200)]
    [InlineData("404", 404)]
    [InlineData("503", 503)]
    public async Task The_error_page_reflects_only_real_error_codes(string code, int expected)
    {
        await factory.ResetAsync();
        using var anonymous = factory.NewSession();
        var (status, html) = await anonymous.GetAsync($"/Error?code={code}");
        Assert.Equal(expected, (int)status);
        Assert.Contains("Reference:", html);
    }

    [Fact]
    public async Task A_real_unhandled_exception_answers_500_with_the_reference_and_nothing_internal()
    {
        await factory.ResetAsync();
        await using var throwing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ThrowingStartupFilter>()));
        using var applicant = new CafSession(throwing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await applicant.SignInAsync(GrantJourney.Applicant);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            using var response = await applicant.Client.SendAsync(new HttpRequestMessage(method, ThrowingStartupFilter.Path)
                { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([new("a", "b")]) : null });
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Contains("Something went wrong on our side", html);
            Assert.Contains(response.Headers.GetValues("X-Correlation-Id").Single(), html);
            foreach (var leak in new[] { "InvalidOperationException", "Exception", "   at ", "/work/", "SELECT", "AspNetUsers", "Microsoft.", "ThrowingStartupFilter" })
                Assert.DoesNotContain(leak, html);
        }
    }

    /// <summary>Throws, on one path, an exception whose message carries SQL and a file path, as a failing query would.</summary>
    private sealed class ThrowingStartupFilter : IStartupFilter
    {
        public const string Path = "/test/unhandled-exception";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // After the application's pipeline: reached when no endpoint matched, inside its exception handler.
            app.Use((HttpContext context, RequestDelegate rest) => context.Request.Path == Path
                ? throw new InvalidOperationException("SELECT * FROM \"AspNetUsers\" failed in /work/secret/Query.cs")
                : rest(context));
        };
    }

    [Fact]
    public async Task Numbers_out_of_bounds_on_the_draft_form_are_refused_by_label_and_what_was_typed_is_kept()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "1000000000000000", "1000000000000000"),
            ("Hotel", "79228162514264337593543950335", "10"), ("Taxis", "2", "a lot"));
        fields["Form.ContributionCash"] = "100000000000000000000";

        using var refused = await applicant.PostFormAsync("/Applications/Edit", fields, "Save");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The quantity of 'Flights' must be at most 100,000.", html);
        Assert.Contains("The unit cost of 'Flights' must be between 0 and 10,000,000.", html);
        Assert.Contains("The quantity of 'Hotel' must be at most 100,000.", html);
        Assert.Contains("Unit cost must be a number, for example 1250.50.", html);
        Assert.Contains("The national contribution in cash must be between 0 and 100,000,000.", html);
        Assert.DoesNotContain("UnitCost.", html);
        Assert.DoesNotContain("for UnitCost", html);
        Assert.Contains("value=\"1000000000000000\"", html);
        Assert.Contains("value=\"79228162514264337593543950335\"", html);
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Fact]
    public async Task Tampered_choices_on_the_draft_form_get_a_field_message_not_a_database_error()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "2", "900"));
        fields["Form.Partners[0].StatePartyId"] = Guid.NewGuid().ToString();
        fields["Form.Activities[0].StatePartyId"] = Guid.NewGuid().ToString();
        fields["Form.Actions"] = Guid.NewGuid().ToString();
        fields["Form.ActivityStart"] = "0001-01-01";

        using var refused = await applicant.PostFormAsync("/Applications/Edit", fields, "Save");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Partner 1: choose a State Party from the list.", html);
        Assert.Contains("Activity 1: choose the country from the list.", html);
        Assert.Contains("Choose the action-plan actions from the list.", html);
        Assert.Contains("The start of the activities must be between 2000 and 2100.", html);
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Fact]
    public async Task A_draft_for_a_round_that_is_not_open_is_refused_whatever_round_id_the_form_sends()
    {
        await factory.ResetAsync();
        var notOpen = await factory.WithDbAsync(async db =>
        {
            var open = await db.Rounds.FirstAsync();
            var draft = new FundingRound(open.Terms with { Title = "Next year's call" });
            db.Rounds.Add(draft);
            await db.SaveChangesAsync();
            return draft.Id;
        });
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "2", "900"));
        fields["Form.RoundId"] = notOpen.ToString();

        using var refused = await applicant.PostFormAsync("/Applications/Edit", fields, "Save");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The round 'Next year's call' is not open for applications. Choose an open round.", html);
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Fact]
    public async Task A_partner_state_cannot_save_the_applicants_draft_even_calling_the_use_case_directly()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Survey exchange hosted by Colombia", "COL",
            ("Flights", "2", "900")));

        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<Caf.Data.CafDbContext>();
        var partnerUser = await db.Users.SingleAsync(u => u.Email == "applicant.co@caf.demo");
        var partner = await services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<CafUser>>()
            .CreateAsync(partnerUser);
        var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id);
        var draft = new Caf.Data.Applications.ProposalDraft { RoundId = application.RoundId, Title = "Rewritten by the partner" };

        var outcome = await services.GetRequiredService<Caf.Web.Features.Applications.Drafts>()
            .SaveAsync(application, partner, draft, [], null, TestContext.Current.CancellationToken);

        Assert.Equal(403, outcome.Outcome.StatusCode);
        Assert.Equal("Survey exchange hosted by Colombia", await factory.WithDbAsync(d => d.Applications.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    [Fact]
    public async Task An_invalid_save_after_creating_keeps_the_draft_and_a_resent_create_makes_one_draft()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var form = await applicant.GetAsync("/Applications/Edit");
        var newId = NewIdPattern().Match(form.Html).Groups[1].Value;
        Assert.True(Guid.TryParse(newId, out _), "the new form carries the draft's id");
        Assert.Contains("formaction=\"/Applications/Edit?handler=Save\"", form.Html);
        var fields = new Dictionary<string, string>
            { ["Form.RoundId"] = (await _journey.OpenRoundIdAsync()).ToString(), ["Form.Title"] = "Survey exchange", ["NewId"] = newId };

        // Save and submit: the draft is created, the missing items listed.
        using var incomplete = await applicant.PostFormAsync("/Applications/Edit", fields, "Submit");
        var html = await incomplete.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var id = Assert.Single(await factory.WithDbAsync(db => db.Applications.Select(a => a.Id).ToListAsync()));
        Assert.Contains($"formaction=\"/Applications/Edit/{id}?handler=Save\"", html);
        Assert.Contains("Edit draft", html);

        // Save draft with an error, where the page's button sends it: the draft keeps its identity.
        var wrongDates = new Dictionary<string, string>(fields) { ["Form.ActivityStart"] = "2027-03-08", ["Form.ActivityEnd"] = "2027-03-01" };
        using var invalid = await applicant.PostFormAsync($"/Applications/Edit/{id}", wrongDates, "Save");
        html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains($"formaction=\"/Applications/Edit/{id}?handler=Save\"", html);
        Assert.DoesNotContain("New application", html);

        // The first form sent again (the back button, a double click): it saves the same draft.
        for (var i = 0; i < 2; i++)
        {
            using var again = await applicant.PostFormAsync("/Applications/Edit", fields, "Save");
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal($"/Applications/Edit/{id}", again.Headers.Location?.OriginalString);
        }
        Assert.Equal(1, await ApplicationCountAsync());

        // Two copies of one new form at the same moment.
        var token = await TokenAsync(applicant, "/Applications/Edit");
        var twin = new Dictionary<string, string>(fields) { ["NewId"] = Guid.NewGuid().ToString(), ["__RequestVerificationToken"] = token };
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            applicant.Client.PostAsync("/Applications/Edit?handler=Save", new FormUrlEncodedContent(twin))));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(2, await ApplicationCountAsync());
    }

    [Fact]
    public async Task A_fire_without_a_trigger_answers_400()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "2", "900")));
        using var response = await applicant.FireAsync(id, "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Draft", await _journey.StageAsync(id));
    }

    [Fact]
    public async Task A_blank_member_on_the_decision_page_gets_a_field_message()
    {
        await factory.ResetAsync();
        var id = await new GrantScenario(factory).AtCommitteeReviewAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(60),
            GrantJourney.Members.ToDictionary(m => m, _ => 4));
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        using var response = await chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "reject",
            ["Input.DecisionRationale"] = "Out of scope.",
            ["Input.Present"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Tick the members present from the list.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
    }

    [Fact]
    public async Task A_decision_dated_in_year_0001_is_refused_by_field()
    {
        // Before: a meeting date of 0001-01-01 was accepted, the approval recorded and the minutes dated "1 January 0001".
        await factory.ResetAsync();
        var id = await new GrantScenario(factory).AtCommitteeReviewAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(60),
            GrantJourney.Members.ToDictionary(m => m, _ => 4));
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        using var response = await chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "defer",
            ["Input.DecisionRationale"] = "Next meeting.",
            ["Input.MeetingDate"] = "0001-01-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The meeting date must be between 2000 and today.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.CommitteeMeetings.CountAsync()));
    }

    /// <summary>The attacker probe's finding: "1,5" (one and a half, typed with a decimal comma) was read as 15 and committed.</summary>
    [Fact]
    public async Task An_amount_typed_with_a_decimal_comma_is_refused_by_label_not_read_as_another_number()
    {
        await factory.ResetAsync();
        var id = await new GrantScenario(factory).AtCommitteeReviewAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(60),
            GrantJourney.Members.ToDictionary(m => m, _ => 4));
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        foreach (var typed in new[] { "1,5", "1,500", "1.500,00" })
        {
            using var response = await chair.PostFormAsync($"/Committee/Decide/{id}", new()
            {
                ["Input.Decision"] = "approve",
                ["Input.ApprovedAmount"] = typed,
                ["Input.DecisionRationale"] = "Strong exchange.",
            });
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Approved amount must be a number, for example 1250.50.", html);
            Assert.Contains($"value=\"{typed}\"", html);
        }
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ApplicationId == id)));
    }

    [Fact]
    public async Task The_fund_ledger_says_which_date_it_cannot_use_and_shows_the_ledger_without_it()
    {
        // A list page with a filter it cannot use still answers 200 with the list (ListPagingTests); what it left out is said.
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        foreach (var (query, message) in new[]
                 {
                     ("AsOf=abc", "As of must be a date, for example 2027-03-01."),
                     ("AsOf=2026-02-30", "As of must be a date, for example 2027-03-01."),
                     ("AsOf=0001-01-01", "The as-of date must be between 2000 and 2100."),
                     ("From=2026-06-01&AsOf=2026-05-01", "The first date must be on or before the as-of date."),
                 })
        {
            var (status, body) = await finance.GetAsync($"/Finance/Ledger?{query}");
            var html = WebUtility.HtmlDecode(body);
            Assert.True(status == HttpStatusCode.OK, $"{query}: {(int)status}");
            Assert.Contains(message, html);
            Assert.Contains("id=\"balances\"", html);
            // The date it cannot use is not shown as the ledger's date (the bare "0001" could stand in a random token).
            Assert.DoesNotContain("0001-01-01", html);
        }
    }

    [Fact]
    public async Task A_twelve_megabyte_letter_is_refused_next_to_its_field_and_the_draft_is_kept_as_typed()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Twelve megabytes", "COL");
        var letter = new byte[12 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(letter);

        using var refused = await applicant.PostMultipartAsync("/Applications/Edit", fields, "EndorsementLetter", "letter.pdf", letter,
            "application/pdf", "Save");

        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("letter.pdf is larger than 10 MB. Please attach a smaller version.", html);
        Assert.Contains("value=\"Twelve megabytes\"", html);
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Fact]
    public async Task A_decision_without_its_choice_says_so_once()
    {
        // Before: the required attribute and the page's own check both spoke, so the summary said it twice.
        await factory.ResetAsync();
        var id = await new GrantScenario(factory).AtCommitteeReviewAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(60),
            GrantJourney.Members.ToDictionary(m => m, _ => 4));
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        using var response = await chair.PostFormAsync($"/Committee/Decide/{id}", new() { ["Input.DecisionRationale"] = "Next meeting." });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var summary = System.Text.RegularExpressions.Regex.Match(page, "class=\"error-summary[^>]*>(.*?)</div>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(summary, "Choose approve, reject or defer\\."));
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
    }

    [Fact]
    public async Task An_over_long_comment_on_an_action_is_refused_by_field_and_fires_nothing()
    {
        // Before: the comment of an action fired from the application's page had no bound: 100,000 characters went into
        // the audit trail and the history every reader of the application sees.
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);

        using var refused = await isu.FireAsync(id, "start-screening", new string('x', 100_000));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Keep the comment under 2,000 characters.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("Submitted", await _journey.StageAsync(id));
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "start-screening", new string('x', 2_000)), "start screening");
    }

    [Fact]
    public async Task An_invitation_to_an_unknown_state_or_with_a_long_name_is_refused_in_words_and_creates_no_account()
    {
        // Before: an unknown Input.StatePartyId answered 500 (foreign-key violation); a 201-character name was refused
        // as "The field DisplayName must be a string with a maximum length of 200."; "A Applicant (…) belongs to a state".
        await factory.ResetAsync();
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var users = await factory.WithDbAsync(db => db.Users.CountAsync());
        Dictionary<string, string> Invite(string name, string state) => new()
            { ["Input.Email"] = "new.person@example.org", ["Input.DisplayName"] = name, ["Input.Role"] = "Applicant", ["Input.StatePartyId"] = state };

        using var unknownState = await isu.PostFormAsync("/Admin/Invite", Invite("New Person", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknownState.StatusCode);
        Assert.Contains("Choose the state from the list.", WebUtility.HtmlDecode(await unknownState.Content.ReadAsStringAsync()));

        using var longName = await isu.PostFormAsync("/Admin/Invite", Invite(new string('n', 201), ""));
        var html = WebUtility.HtmlDecode(await longName.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("Keep the name under 200 characters.", html);
        Assert.DoesNotContain("The field DisplayName", html);

        // Before: this address passed the form's check and came back as "Username 'bad"<>@x.org' is invalid, can only
        // contain letters or digits."; a name with a line break was accepted into every email's greeting.
        var odd = Invite("New Person", "");
        odd["Input.Email"] = "bad\"<>@x.org";
        odd["Input.Role"] = "IsuOfficer";
        using var oddEmail = await isu.PostFormAsync("/Admin/Invite", odd);
        var oddHtml = WebUtility.HtmlDecode(await oddEmail.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, oddEmail.StatusCode);
        Assert.Contains("Give an email address such as name@example.org.", oddHtml);
        Assert.DoesNotContain("Username", oddHtml);
        var twoLines = Invite("New Person\r\nBcc: someone@example.org", "");
        twoLines["Input.Role"] = "IsuOfficer";
        using var brokenName = await isu.PostFormAsync("/Admin/Invite", twoLines);
        Assert.Equal(HttpStatusCode.BadRequest, brokenName.StatusCode);
        Assert.Contains("Write the name on one line.", WebUtility.HtmlDecode(await brokenName.Content.ReadAsStringAsync()));

        using var noState = await isu.PostFormAsync("/Admin/Invite", Invite("New Person", ""));
        Assert.Contains("An Applicant (State Party focal point) belongs to a state: choose it.",
            WebUtility.HtmlDecode(await noState.Content.ReadAsStringAsync()));
        Assert.Equal(users, await factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task Pressing_enter_in_a_draft_field_saves_the_draft_and_removes_no_attachment()
    {
        // Before: a browser submits a form on Enter with its first submit button, and on a draft with a document the
        // draft form's first button was "Remove endorsement.pdf": Enter in the title saved it and took the letter off.
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Survey exchange", "COL", ("Flights", "2", "900")));
        var (_, html) = await applicant.GetAsync($"/Applications/Edit/{id}");

        var form = html[html.IndexOf("enctype=\"multipart/form-data\"", StringComparison.Ordinal)..];
        var firstButton = Regex.Match(form, "<button[^>]*type=\"submit\"[^>]*>").Value;
        Assert.Contains($"/Applications/Edit/{id}?handler=Save", WebUtility.HtmlDecode(firstButton));
        Assert.Contains("Remove endorsement.pdf", html);
    }

    [Fact]
    public async Task The_round_form_refuses_no_allowed_currency_a_year_0001_and_an_absurd_envelope_by_field()
    {
        await factory.ResetAsync();
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var rounds = await factory.WithDbAsync(db => db.Rounds.CountAsync());
        var fields = _journey.RoundFields("Gender round");
        fields["Form.AllowedCurrencies"] = "";
        fields["Form.OpensAt"] = "0001-01-01T00:00";
        fields["Form.ImplementationEnd"] = "9999-12-31";
        fields["Form.Envelope"] = "79228162514264337593543950335";
        fields["Form.MaxDurationDays"] = "2147483647";

        using var refused = await isu.PostFormAsync("/Rounds/Edit", fields);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose at least the round's own currency as an allowed currency.", html);
        Assert.Contains("The opening date must be between 2000 and 2100.", html);
        Assert.Contains("The end of the implementation window must be between 2000 and 2100.", html);
        Assert.Contains("The envelope must be at most 100,000,000.", html);
        Assert.Contains("The maximum duration must be at most 3,660 days (ten years).", html);
        Assert.Equal(rounds, await factory.WithDbAsync(db => db.Rounds.CountAsync()));
    }

    [Fact]
    public async Task A_final_report_refuses_impossible_amounts_and_a_second_version_while_one_awaits_review()
    {
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var id = await scenario.ActiveGrantAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(-3), partnerIso: "SEN");
        await scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var pdf = "%PDF-1.7\n%final report\n"u8.ToArray();
        Task<HttpResponseMessage> SendAsync(string spent) => applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}",
            GrantJourney.Told(new() { ["Input.Lines[0]"] = spent }), "Input.File", "final-report.pdf", pdf, "application/pdf");

        foreach (var (spent, message) in new[]
                 {
                     ("0.001", "The actual expenditure has at most two decimals."),
                     ("79000000000000000000000000000", "The actual expenditure must be between 0 and 100,000,000."),
                     ("100000000000000000000", "The actual expenditure must be between 0 and 100,000,000."),
                     ("lots", "must be a number, for example 1250.50."),
                 })
        {
            using var refused = await SendAsync(spent);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }
        // An amount sent after a gap in the rows is not dropped: the form is refused.
        using (var gap = await applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}",
                   GrantJourney.Told(new() { ["Input.Lines[0]"] = "1500", ["Input.Lines[7]"] = "99" }), "Input.File", "final-report.pdf", pdf, "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, gap.StatusCode);
            Assert.Contains("The form sent the amounts out of order", WebUtility.HtmlDecode(await gap.Content.ReadAsStringAsync()));
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync("1500")).StatusCode);
        using var second = await SendAsync("1400");
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("is waiting for the ISU's review, so it cannot be replaced now", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Reports.CountAsync()));
        // The page no longer offers the form while the report waits: it says why.
        var (_, page) = await applicant.GetAsync($"/Reporting/FinalReport/{id}");
        Assert.Contains("id=\"not-now\"", page);
        Assert.Contains("is waiting for the ISU's review", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("enctype=\"multipart/form-data\"", page);
    }

    [Fact]
    public async Task A_post_put_or_delete_that_no_handler_answers_is_refused_not_a_server_error()
    {
        // Before: a POST without a handler (or with an unknown one), a PUT or a DELETE ran no handler, so the page
        // rendered with nothing loaded and answered 500 (details, summary, versions, screening, acting chair, ledger).
        await factory.ResetAsync();
        var id = await new GrantScenario(factory).AtGenderReviewAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(60));
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var token = await TokenAsync(isu, "/");
        string[] pages = [$"/Applications/Details/{id}", $"/Applications/Summary/{id}", $"/Eligibility/Versions/{id}",
            $"/Eligibility/Screen/{id}", $"/Committee/ActingChair/{id}", "/Finance/Ledger", "/Rounds/Manage"];
        foreach (var page in pages)
        foreach (var (method, handler) in new[] { ("POST", ""), ("POST", "?handler=Nope"), ("PUT", ""), ("DELETE", "") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), page + handler)
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
            };
            using var response = await isu.Client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{method} {page}{handler}: {(int)response.StatusCode}");
            if (method != "POST") Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            if (handler != "") Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{method} {page}{handler}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.Redirect) Assert.Contains("Reference:", html);
        }
        Assert.Equal("GenderReview", await _journey.StageAsync(id));
    }

    private static async Task<string> TokenAsync(CafSession session, string url)
    {
        var (_, html) = await session.GetAsync(url);
        return WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"NewId\" value=\"([^\"]+)\"")]
    private static partial Regex NewIdPattern();
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteBadInputTests(SqliteAppFactory factory) : BadInputTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresBadInputTests(PostgresAppFactory factory) : BadInputTests(factory);
