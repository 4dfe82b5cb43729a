using System.Globalization;
using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Tests that try to break in: forged forms, disguised uploads, early peeks at scores, scoring one's own state.</summary>
public abstract class SecurityTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await factory.ResetAsync();
        using var anonymous = factory.NewSession();
        foreach (var url in new[] { "/Account/Login", "/", "/health", "/css/site.css", "/no-such-page" })
        {
            var response = await anonymous.Client.GetAsync(url);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline' ; script", csp);
            Assert.DoesNotContain("'unsafe-eval'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
        using var fresh = factory.NewSession();
        var login = await fresh.Client.GetAsync("/Account/Login");
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("caf.csrf=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_forged_host_header_is_refused_and_never_becomes_a_redirect_target()
    {
        await factory.ResetAsync();
        using var session = factory.NewSession();
        foreach (var url in new[] { "/", "/Account/Login", "/Tasks" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Host = "evil.example";
            var response = await session.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("evil.example", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        await factory.ResetAsync();
        using var session = factory.NewSession();
        for (var i = 1; i <= 5; i++)
        {
            var wrong = await session.PostFormAsync("/Account/Login", new() { ["Email"] = GrantJourney.Finance, ["Password"] = $"not-it-{i}" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await session.PostFormAsync("/Account/Login", new() { ["Email"] = GrantJourney.Finance, ["Password"] = Caf.Web.Seeding.DemoSeeder.DemoPassword });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync());
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == GrantJourney.Finance));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        var actions = await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync());
        Assert.Equal(4, actions.Count(a => a == "signin.failed"));
        Assert.Equal(2, actions.Count(a => a == "signin.locked-out"));
    }

    [Fact]
    public async Task An_applicant_once_locked_out_still_receives_the_decision_letter_once_the_lockout_is_over()
    {
        await factory.ResetAsync();
        var id = await CommitteeReviewApplicationAsync(partnerIso: "COL");
        using (var session = factory.NewSession())
            for (var i = 1; i <= 5; i++)
                await session.PostFormAsync("/Account/Login", new() { ["Email"] = GrantJourney.Applicant, ["Password"] = $"not-it-{i}" });
        Assert.NotNull((await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant))).LockoutEnd);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        foreach (var member in new[] { "member1@caf.demo", "member3@caf.demo", GrantJourney.Chair })
        {
            using var session = await _journey.SignInAsync(member);
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(4)), $"{member} scores");
        }
        var marker = $"Rationale{Guid.NewGuid():N}";
        using (var chair = await _journey.SignInAsync(GrantJourney.Chair))
            await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}", new()
            {
                ["Input.Decision"] = "approve", ["Input.ApprovedAmount"] = "1800", ["Input.DecisionRationale"] = marker,
            }), "approve");

        // The letter reaches the mail server (the SMTP server's Maildir when the suite runs with one).
        await factory.Services.GetRequiredService<Caf.Web.Infrastructure.Email.OutboxDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);
        var letter = await SentMail.FindAsync(factory, marker, seconds: 20);
        Assert.True(letter is not null, "The decision letter did not reach the mail server.");
        Assert.Contains(GrantJourney.Applicant, letter);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_keeps_their_history()
    {
        await factory.ResetAsync();
        using (var before = await _journey.SignInAsync(GrantJourney.Gender)) { }
        var gender = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == GrantJourney.Gender));
        using var admin = await _journey.SignInAsync("admin@caf.demo");
        var disable = await admin.PostFormAsync("/Admin/Users", new() { ["userId"] = gender.Id }, "Disable");
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);

        var attempt = await factory.NewSession().PostFormAsync("/Account/Login", new() { ["Email"] = GrantJourney.Gender, ["Password"] = Caf.Web.Seeding.DemoSeeder.DemoPassword });
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Caf.Web.Features.Account.LoginModel.NotSignedInMessage), await attempt.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == GrantJourney.Gender)));
        var actions = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == GrantJourney.Gender || e.Action == "user.disabled").Select(e => e.Action).ToListAsync());
        Assert.Contains("user.disabled", actions);
        Assert.Contains("signin.succeeded", actions);

        await admin.PostFormAsync("/Admin/Users", new() { ["userId"] = gender.Id }, "Enable");
        using var again = await _journey.SignInAsync(GrantJourney.Gender);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Forged draft", "COL", ("Flights", "2", "900"));

        var forged = await applicant.Client.PostAsync("/Applications/Edit?handler=Save", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Applications.CountAsync()));
    }

    [Fact]
    public async Task An_upload_whose_content_does_not_match_its_extension_is_refused()
    {
        await factory.ResetAsync();
        // Senegal hosts, so Colombia's focal point has no business with this grant.
        var id = await new GrantScenario(factory).ActiveGrantAsync(Caf.Data.FundTime.Today(TimeProvider.System).AddDays(-3), partnerIso: "SEN");
        await new GrantScenario(factory).FireAsync(id, "reports-due", GrantJourney.Isu);
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);

        var disguised = await applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}", GrantJourney.Told(new() { ["Input.Lines[0]"] = "1500" }),
            "Input.File", "final-report.pdf", "<script>alert('x')</script>"u8.ToArray(), "application/pdf");

        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("is not a PDF document although its name says so", await disguised.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync()));

        var real = await applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}", GrantJourney.Told(new() { ["Input.Lines[0]"] = "1500" }),
            "Input.File", "final-report.pdf", "%PDF-1.7\n%real enough for the signature\n"u8.ToArray(), "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        var reportId = await factory.WithDbAsync(db => db.Reports.Select(r => r.Id).SingleAsync());
        var download = await applicant.Client.GetAsync($"/Reporting/Download/{reportId}");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("report.downloaded", await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));

        using var otherState = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        Assert.Equal(HttpStatusCode.NotFound, (await otherState.Client.GetAsync($"/Reporting/Download/{reportId}")).StatusCode);
    }

    [Fact]
    public async Task A_field_name_with_an_unbalanced_bracket_is_a_bad_request_never_a_server_error()
    {
        await factory.ResetAsync();
        using var anonymous = factory.NewSession();
        using var response = await anonymous.PostFormAsync("/Account/Login",
            new() { ["Email"] = "nobody@example.org", ["Password"] = "wrong-password-1", ["a[="] = "1" });
        Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_committee_member_of_a_partner_state_is_recused_and_cannot_score()
    {
        await factory.ResetAsync();
        // Zambia (member2's state) hosts the exchange: member2 is recused.
        var id = await CommitteeReviewApplicationAsync(partnerIso: "ZMB");
        using var recused = await _journey.SignInAsync("member2@caf.demo");

        var form = await recused.Client.GetAsync($"/Committee/Score/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Contains("You are recused from this application", await form.Content.ReadAsStringAsync());
        var post = await recused.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(5));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.CommitteeScores.CountAsync()));
        var (_, details) = await recused.GetAsync($"/Applications/Details/{id}");
        Assert.DoesNotContain("Score this application", details);
    }

    [Fact]
    public async Task A_recused_member_sees_no_scores_or_comments_until_the_committee_has_decided()
    {
        await factory.ResetAsync();
        // Zambia (member2's state) hosts the exchange: member2 is recused.
        var id = await CommitteeReviewApplicationAsync(partnerIso: "ZMB");
        const string comment = "Host teams already trained three neighbouring states.";
        foreach (var member in new[] { "member1@caf.demo", "member3@caf.demo", GrantJourney.Chair })
        {
            using var session = await _journey.SignInAsync(member);
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(4, comment)), $"{member} scores");
        }
        using var recused = await _journey.SignInAsync("member2@caf.demo");

        var (_, details) = await recused.GetAsync($"/Applications/Details/{id}");
        Assert.DoesNotContain(comment, details);
        Assert.DoesNotContain("weighted-mean", details);
        var (_, ranking) = await recused.GetAsync("/Committee/Ranking");
        Assert.DoesNotContain("4.00", ranking);

        using (var chair = await _journey.SignInAsync(GrantJourney.Chair))
            await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}", new()
            {
                ["Input.Decision"] = "approve", ["Input.ApprovedAmount"] = "1800", ["Input.DecisionRationale"] = "Good exchange.",
            }), "approve");

        // Once decided, the recused member reads the record like everyone else on the committee.
        var (_, decided) = await recused.GetAsync($"/Applications/Details/{id}");
        Assert.Contains(comment, decided);
        Assert.Contains("weighted-mean", decided);
    }

    [Fact]
    public async Task A_declared_conflict_recuses_the_member_leaves_their_score_out_of_the_quorum_and_stays_in_the_register()
    {
        await factory.ResetAsync();
        var id = await CommitteeReviewApplicationAsync(partnerIso: "COL");
        foreach (var member in new[] { "member1@caf.demo", "member3@caf.demo", GrantJourney.Chair })
        {
            using var session = await _journey.SignInAsync(member);
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(4)), $"{member} scores");
        }

        using var member1 = await _journey.SignInAsync("member1@caf.demo");
        var empty = await member1.PostFormAsync($"/Committee/Conflict/{id}", new() { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Say what the conflict is, for the register.", await empty.Content.ReadAsStringAsync());
        await GrantJourney.ExpectRedirectAsync(member1.PostFormAsync($"/Committee/Conflict/{id}",
            new() { ["Reason"] = "My ministry co-finances the host's survey teams." }), "declare a conflict");

        Assert.Equal(HttpStatusCode.Forbidden, (await member1.Client.GetAsync($"/Committee/Score/{id}")).StatusCode);
        var (_, member1Details) = await member1.GetAsync($"/Applications/Details/{id}");
        Assert.DoesNotContain("Declare a conflict of interest", member1Details);
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        var (_, chairDetails) = await chair.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("who are not recused; 2 scored so far", chairDetails);
        var approve = await chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "approve", ["Input.ApprovedAmount"] = "1800", ["Input.DecisionRationale"] = "Good exchange.",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, approve.StatusCode);
        // The refusal says why, on the decision page itself.
        Assert.Contains("who are not recused; 2 scored so far", WebUtility.HtmlDecode(await approve.Content.ReadAsStringAsync()));
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));

        var (_, register) = await chair.GetAsync("/Committee/Conflicts");
        Assert.Contains("Declared: My ministry co-finances the host&#x27;s survey teams.", register);
        using var auditor = await _journey.SignInAsync("auditor@caf.demo");
        Assert.Contains("co-finances", (await auditor.GetAsync("/Committee/Conflicts")).Html);
        using var member3 = await _journey.SignInAsync("member3@caf.demo");
        Assert.Contains("/Account/AccessDenied", (await member3.Client.GetAsync("/Committee/Conflicts")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Deferral_keeps_the_scores_a_reduced_approval_commits_that_amount_and_each_decision_is_written_to_the_applicant()
    {
        await factory.ResetAsync();
        var id = await CommitteeReviewApplicationAsync(partnerIso: "COL");
        foreach (var member in new[] { "member1@caf.demo", "member3@caf.demo", GrantJourney.Chair })
        {
            using var session = await _journey.SignInAsync(member);
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(4)), $"{member} scores");
        }
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}",
            new() { ["Input.Decision"] = "defer", ["Input.DecisionRationale"] = "Wait for the host's confirmation." }), "defer");
        var deferred = await _journey.LoadAsync(id);
        Assert.Equal("CommitteeReview", deferred.Stage);
        Assert.Equal(3, deferred.Scores.Count);

        await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "approve", ["Input.ApprovedAmount"] = "1500", ["Input.DecisionRationale"] = "Good value; interpretation not funded.",
            ["Input.Conditions"] = "Report on the survey method within 60 days.",
        }), "approve a reduced amount");
        var approved = await _journey.LoadAsync(id);
        Assert.Equal("Approved", approved.Stage);
        Assert.Equal(1500m, approved.ApprovedAmount!.Value.Amount);
        Assert.Equal(1500m, Assert.Single(approved.LedgerEntries, e => e.Kind == LedgerEntryKind.Commitment).Amount.Amount);

        // Both decisions are in the minutes of today's meeting, with who was present; the workbook reads back the same.
        var (_, minutes) = await chair.GetAsync("/Committee/Minutes");
        Assert.Contains("Wait for the host&#x27;s confirmation.", minutes);
        var meetingId = await factory.WithDbAsync(db => db.CommitteeMeetings.Select(m => m.Id).SingleAsync());
        var export = await chair.Client.GetAsync($"/Committee/Minutes?handler=Export&id={meetingId}");
        using (var workbook = new ClosedXML.Excel.XLWorkbook(await export.Content.ReadAsStreamAsync()))
        {
            var sheet = workbook.Worksheet("Minutes");
            Assert.Contains("Member (Belgium)", sheet.Cell("B2").GetString());
            Assert.Equal(["Deferred", "Approved"], new[] { sheet.Cell("C6").GetString(), sheet.Cell("C7").GetString() });
            Assert.Equal(1500m, sheet.Cell("D7").GetValue<decimal>());
            Assert.Equal(1500m, sheet.Cell("D8").GetValue<decimal>());
        }

        var letters = await factory.WithDbAsync(db => db.Outbox.Where(m => m.To == GrantJourney.Applicant && m.Subject.Contains(": "))
            .OrderBy(m => m.CreatedAtUtc).Select(m => new { m.Subject, m.Body }).ToListAsync());
        Assert.Contains(letters, l => l.Subject.EndsWith(": decision deferred", StringComparison.Ordinal) && l.Body.Contains("Wait for the host's confirmation."));
        var letter = Assert.Single(letters, l => l.Subject.EndsWith(": approved", StringComparison.Ordinal));
        Assert.Contains("for CHF 1,500.00", letter.Body);
        Assert.Contains("Conditions: Report on the survey method within 60 days.", letter.Body);
        Assert.Contains("Rationale: Good value; interpretation not funded.", letter.Body);
    }

    [Fact]
    public async Task The_ranking_orders_by_weighted_mean_hides_means_from_members_who_have_not_scored_and_exports_to_excel()
    {
        await factory.ResetAsync();
        var strong = await CommitteeReviewApplicationAsync(partnerIso: "COL");
        var weak = await CommitteeReviewApplicationAsync(partnerIso: "COL");
        foreach (var member in new[] { "member1@caf.demo", "member3@caf.demo", GrantJourney.Chair })
        {
            using var session = await _journey.SignInAsync(member);
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{weak}", GrantJourney.ScoreFields(2)), "weak");
            await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{strong}", GrantJourney.ScoreFields(4)), "strong");
        }
        var references = await factory.WithDbAsync(db => db.Applications.ToDictionaryAsync(a => a.Id, a => a.Reference!));

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var (status, html) = await isu.GetAsync("/Committee/Ranking");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(html.IndexOf(references[strong], StringComparison.Ordinal) < html.IndexOf(references[weak], StringComparison.Ordinal));
        Assert.Contains("<td>4.00</td>", html);
        Assert.Contains("3,600.00", html);

        using var member2 = await _journey.SignInAsync("member2@caf.demo");
        var (_, unscored) = await member2.GetAsync("/Committee/Ranking");
        Assert.DoesNotContain("<td>4.00</td>", unscored);
        Assert.Contains("score it to see", unscored);

        var export = await isu.Client.GetAsync("/Committee/Ranking?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await export.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Ranking");
        Assert.Equal(references[strong], sheet.Cell("B5").GetString());
        Assert.Equal(4m, sheet.Cell("E5").GetValue<decimal>());
        Assert.Equal("H5+F6", sheet.Cell("H6").FormulaA1);
        Assert.Equal(3_600m, sheet.Cell("H6").GetValue<decimal>());
        Assert.Equal("yes", sheet.Cell("I6").GetString());

        // Rejected, the strong one no longer eats the envelope: it moves below, outside the running total (page and workbook).
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{strong}",
            new() { ["Input.Decision"] = "reject", ["Input.DecisionRationale"] = "Not a South-South exchange.", ["Confirmed"] = "true" }), "reject");
        var (_, afterRejection) = await isu.GetAsync("/Committee/Ranking");
        Assert.True(afterRejection.IndexOf(references[weak], StringComparison.Ordinal) < afterRejection.IndexOf(references[strong], StringComparison.Ordinal));
        Assert.Contains("Not counted against the envelope", afterRejection);
        Assert.DoesNotContain("3,600.00", afterRejection);
        using var rejected = await RankingWorkbookAsync(isu);
        var ranking = rejected.Worksheet("Ranking");
        Assert.Equal(references[weak], ranking.Cell("B5").GetString());
        Assert.Equal(1_800m, ranking.Cell("H5").GetValue<decimal>());
        Assert.Equal(references[strong], ranking.Cell("B6").GetString());
        Assert.Equal("SUM(H5)", ranking.Cell("H6").FormulaA1);
        Assert.Equal(1_800m, ranking.Cell("H6").GetValue<decimal>());
        Assert.Equal("not counted", ranking.Cell("I6").GetString());
    }

    [Fact]
    public async Task The_ranking_workbook_lists_every_score_behind_the_means_and_leaves_out_those_the_member_may_not_see_yet()
    {
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var activityEnd = Caf.Data.FundTime.Today(factory.Clock).AddMonths(4);
        // member2 scores 1 everywhere, then declares a conflict: the score stays on the sheet, marked, and counts nowhere.
        var scored = await scenario.AtCommitteeReviewAsync(activityEnd,
            new Dictionary<string, int> { ["member3@caf.demo"] = 4, [GrantJourney.Chair] = 2, ["member2@caf.demo"] = 1 }, title: "Survey methods");
        var unscored = await scenario.AtCommitteeReviewAsync(activityEnd,
            new Dictionary<string, int> { ["member3@caf.demo"] = 5, [GrantJourney.Chair] = 2 }, title: "Stockpile records");
        using var member2 = await _journey.SignInAsync("member2@caf.demo");
        await GrantJourney.ExpectRedirectAsync(member2.PostFormAsync($"/Committee/Conflict/{scored}",
            new() { ["Reason"] = "My ministry funds the host's survey teams." }), "declare a conflict");
        // member1 scores one application through the form: 5 with a comment, gender not applicable, 3 elsewhere.
        using var member1 = await _journey.SignInAsync("member1@caf.demo");
        var fields = GrantJourney.ScoreFields(3);
        fields["Input.Scores[relevance]"] = "5";
        fields["Input.Comments[relevance]"] = "Straight from action 27.";
        fields["Input.Scores[gender]"] = "na";
        await GrantJourney.ExpectRedirectAsync(member1.PostFormAsync($"/Committee/Score/{scored}", fields), "member1 scores");

        var references = await factory.WithDbAsync(db => db.Applications.ToDictionaryAsync(a => a.Id, a => a.Reference!));
        var titles = await factory.WithDbAsync(db => db.Applications.ToDictionaryAsync(a => a.Id, a => a.Title));
        var names = await factory.WithDbAsync(db => db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName));
        var rubric = Caf.Data.Committee.ScoringRubrics.Version1.ToDictionary(c => c.Code);
        var stored = await factory.WithDbAsync(db => db.CommitteeScores.ToListAsync());
        var conflicted = (await factory.WithDbAsync(db => db.ConflictDeclarations.ToListAsync())).Select(c => (c.ApplicationId, c.MemberUserId)).ToList();
        // The database's scores, one line per criterion, with the submission time to the second.
        var expected = stored.SelectMany(s => s.Criteria.Select(c => string.Join("|", references[s.ApplicationId], titles[s.ApplicationId],
                names[s.MemberUserId], conflicted.Contains((s.ApplicationId, s.MemberUserId)) ? "yes" : "no", s.Revision,
                s.SubmittedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), rubric[c.Code].Name, rubric[c.Code].Weight, c.Score?.ToString(CultureInfo.InvariantCulture) ?? "", c.Comment ?? "")))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4 * 6 + 2 * 6, expected.Count);
        static string Line(IXLCell[] r) => string.Join("|", r[0].GetString(), r[1].GetString(), r[2].GetString(), r[3].GetString(),
            r[4].GetValue<int>(), r[5].GetDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r[6].GetString(), r[7].GetValue<int>(),
            r[8].IsEmpty() ? "" : r[8].GetValue<int>().ToString(CultureInfo.InvariantCulture), r[9].GetString());

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        using (var workbook = await RankingWorkbookAsync(isu))
        {
            var scores = workbook.Worksheet("Scores");
            Assert.StartsWith("As of ", scores.Cell("A2").GetString());
            Assert.Equal(4, scores.SheetView.SplitRow);
            Assert.True(scores.AutoFilter.IsEnabled);
            var rows = SheetRows(scores, 10);
            Assert.Equal(expected, rows.Select(Line).Order(StringComparer.Ordinal).ToList());
            Assert.All(rows, r => Assert.Equal("yyyy-mm-dd hh:mm", r[5].Style.NumberFormat.Format));
            var member1Name = names[(await scenario.ActorAsync("member1@caf.demo")).UserId];
            var notApplicable = Assert.Single(rows, r => r[2].GetString() == member1Name && r[6].GetString() == rubric["gender"].Name);
            Assert.True(notApplicable[8].IsEmpty());
            Assert.Equal(5, Assert.Single(rows, r => r[9].GetString() == "Straight from action 27.")[8].GetValue<int>());
            AssertCriteria(workbook.Worksheet("Criteria"), rows.Count, rubric.Keys.Select(code => ((scored, code), ScoredMean(code)))
                .Concat(rubric.Keys.Select(code => ((unscored, code), Mean(5, 2)))).ToDictionary(), references, rubric);
        }

        // member1 has not scored the other application: none of its scores or means, though it stays on the ranking.
        using (var workbook = await RankingWorkbookAsync(member1))
        {
            var rows = SheetRows(workbook.Worksheet("Scores"), 10);
            Assert.Equal(4 * 6, rows.Count);
            Assert.All(rows, r => Assert.Equal(references[scored], r[0].GetString()));
            AssertCriteria(workbook.Worksheet("Criteria"), rows.Count, rubric.Keys.ToDictionary(code => (scored, code), ScoredMean), references, rubric);
            Assert.Contains(references[unscored], workbook.Worksheet("Ranking").Column(2).CellsUsed().Select(c => c.GetString()));
        }

        // Counting members only (member2 declared a conflict), not applicable left out, rounded half away from zero.
        static decimal ScoredMean(string code) => code switch { "relevance" => Mean(4, 2, 5), "gender" => Mean(4, 2), _ => Mean(4, 2, 3) };
        static decimal Mean(params int[] levels) => decimal.Round((decimal)levels.Sum() / levels.Length, 2, MidpointRounding.AwayFromZero);
    }

    private static async Task<XLWorkbook> RankingWorkbookAsync(CafSession session)
    {
        var export = await session.Client.GetAsync("/Committee/Ranking?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        return new XLWorkbook(await export.Content.ReadAsStreamAsync());
    }

    /// <summary>The data rows under the header on row 4, as cells.</summary>
    private static List<IXLCell[]> SheetRows(IXLWorksheet sheet, int columns) =>
        Enumerable.Range(5, Math.Max(0, (sheet.LastRowUsed()?.RowNumber() ?? 4) - 4))
            .Select(r => Enumerable.Range(1, columns).Select(c => sheet.Cell(r, c)).ToArray()).ToList();

    /// <summary>One row per application and criterion: the mean as a formula over the Scores sheet, and the app's mean beside it.</summary>
    private static void AssertCriteria(IXLWorksheet sheet, int scoreRows, IReadOnlyDictionary<(Guid Id, string Code), decimal> means,
        Dictionary<Guid, string> references, Dictionary<string, Caf.Data.Committee.RubricItem> rubric)
    {
        var rows = SheetRows(sheet, 5);
        Assert.Equal(means.Count, rows.Count);
        Assert.Equal(4, sheet.SheetView.SplitRow);
        foreach (var ((id, code), mean) in means)
        {
            var row = Assert.Single(rows, r => r[0].GetString() == references[id] && r[1].GetString() == rubric[code].Name);
            var n = row[0].Address.RowNumber;
            var last = 4 + scoreRows;
            Assert.Equal(rubric[code].Weight, row[2].GetValue<int>());
            Assert.Equal($"IFERROR(ROUND(AVERAGEIFS(Scores!$I$5:$I${last},Scores!$A$5:$A${last},A{n},"
                + $"Scores!$G$5:$G${last},\"=\"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(B{n},\"~\",\"~~\"),\"*\",\"~*\"),\"?\",\"~?\"),"
                + $"Scores!$D$5:$D${last},\"no\"),2),\"\")", row[3].FormulaA1);
            Assert.Equal(mean, row[4].GetValue<decimal>());
            Assert.Equal("0.00", row[4].Style.NumberFormat.Format);
        }
    }

    [Fact]
    public async Task A_committee_member_sees_the_others_scores_only_after_scoring()
    {
        await factory.ResetAsync();
        var id = await CommitteeReviewApplicationAsync(partnerIso: "COL");
        using var first = await _journey.SignInAsync("member1@caf.demo");
        await GrantJourney.ExpectRedirectAsync(first.PostFormAsync($"/Committee/Score/{id}",
            GrantJourney.ScoreFields(1, "Weak follow-up plan.")), "first score");

        using var second = await _journey.SignInAsync("member3@caf.demo");
        var (_, before) = await second.GetAsync($"/Applications/Details/{id}");
        Assert.DoesNotContain("Weak follow-up plan.", before);
        Assert.DoesNotContain("Committee scores", before);
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        var (_, decide) = await chair.GetAsync($"/Committee/Decide/{id}");
        Assert.DoesNotContain("Weak follow-up plan.", decide);
        Assert.Contains("You see their scores once you have", decide);

        await GrantJourney.ExpectRedirectAsync(second.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(4)), "second score");
        var (_, after) = await second.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("Weak follow-up plan.", after);
        Assert.Contains("Weighted mean: <strong>2.50</strong> of 5, from 2 member(s)", after);
        Assert.Contains("Members disagree strongly", after);

        // Until the decision, a member may revise; the revision is counted and the mean follows it.
        var (_, form) = await second.GetAsync($"/Committee/Score/{id}");
        Assert.Contains("id=\"score-relevance-4\" name=\"Input.Scores[relevance]\" value=\"4\" checked=\"checked\"", form);
        await GrantJourney.ExpectRedirectAsync(second.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(3)), "revise");
        var (_, revised) = await second.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("(revision 2)", revised);
        Assert.Contains("Weighted mean: <strong>2.00</strong> of 5", revised);
        Assert.DoesNotContain("Members disagree strongly", revised);
        using var auditor = await _journey.SignInAsync("auditor@caf.demo");
        var (_, audited) = await auditor.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("Weak follow-up plan.", audited);
    }

    private async Task<Guid> CommitteeReviewApplicationAsync(string partnerIso)
    {
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Committee privacy", partnerIso, ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        var scenario = new GrantScenario(factory);
        await scenario.FireAsync(id, "start-screening", GrantJourney.Isu);
        await scenario.FireAsync(id, "declare-eligible", GrantJourney.Isu, (a, actors, now) => a.RecordScreening(ScreeningOutcome.Eligible,
            [new ScreeningAnswer(1, "Checked", true, null)], "All checks met.", actors[GrantJourney.Isu].UserId, now));
        await scenario.FireAsync(id, "complete-checklist", GrantJourney.Gender, (a, actors, now) => a.CompleteGenderReview(new GenderReview(a.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)null), GenderReview.DefaultItems.Count).ToList(), 1, "Significant.",
            actors[GrantJourney.Gender].UserId, now)));
        return id;
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteSecurityTests(SqliteAppFactory factory) : SecurityTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresSecurityTests(PostgresAppFactory factory) : SecurityTests(factory);

/// <summary>Guessing passwords is slowed down: past the limit, sign-in answers 429 with Retry-After.</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_with_retry_after()
    {
        await using var app = new SqliteAppFactory { SignInAttemptsPerMinute = 3 };
        await app.InitializeAsync();
        await app.ResetAsync();
        using var session = app.NewSession();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await session.PostFormAsync("/Account/Login", new() { ["Email"] = "isu@caf.demo", ["Password"] = $"wrong-{i}" });
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells how long to wait.");
        Assert.Contains("Too many attempts", await last.Content.ReadAsStringAsync());
    }
}
