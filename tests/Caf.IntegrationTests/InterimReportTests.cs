using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// The round's reporting template (issue 14, ADR 0031): on approval a grant takes its final reports' days and, when its
/// activities run longer than the interim period, interim reports — written on the narrative form, saved as drafts,
/// sent, returned with comments, revised and accepted — and their reminders on the same timers and templates.
/// </summary>
public abstract class InterimReportTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    /// <summary>A round whose template asks for the final reports 45 days after the activities end and an interim report every 6 months.</summary>
    private async Task<Guid> RoundWithTemplateAsync()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var today = FundTime.Today(factory.Clock);
        return await factory.WithDbAsync(async db =>
        {
            var round = FundingRound.CreateOpen(new RoundTerms("Long exchanges", "Exchanges over a year.", now.AddDays(-1), now.AddDays(30),
                new Money(100_000m, "CHF"), new Money(20_000m, "CHF"), 400, today, today.AddDays(800), ["CHF"],
                FinalReportDays: 45, InterimReportMonths: 6), now);
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
    }

    [Fact]
    public async Task A_long_grant_must_send_an_interim_report_and_a_short_one_none()
    {
        await factory.ResetAsync();
        var round = await RoundWithTemplateAsync();
        var today = FundTime.Today(factory.Clock);
        var longEnd = today.AddDays(30 + 364);
        var longGrant = await _scenario.ActiveGrantAsync(longEnd, roundId: round, activityDays: 364);
        var shortGrant = await _scenario.ActiveGrantAsync(today.AddDays(40), roundId: round);

        var planned = await _journey.LoadAsync(longGrant);
        var start = planned.ActivityStart!.Value;
        var interim = Assert.Single(planned.InterimReportsDue);
        Assert.Equal((1, start, start.AddMonths(6).AddDays(-1), start.AddMonths(6).AddDays(-1).AddDays(30)),
            (interim.Number, interim.PeriodFrom, interim.PeriodTo, interim.DueOn));
        Assert.Equal(longEnd.AddDays(45), planned.FinalReportDueOn);
        var brief = await _journey.LoadAsync(shortGrant);
        Assert.Empty(brief.InterimReportsDue);
        Assert.Equal(today.AddDays(40 + 45), brief.FinalReportDueOn);

        // The interim report's reminders wait on the long grant only, at the end of its due day in Geneva less 14 and 3 days.
        var pending = await factory.WithDbAsync(db => db.WorkflowTimers.AsNoTracking()
            .Where(t => t.Status == WorkflowTimerStatus.Pending && t.TimerId.StartsWith("interim-report"))
            .Join(db.Applications, t => t.InstanceId, a => a.WorkflowInstanceId, (t, a) => new { a.Id, t.TimerId, t.DueAtUtc }).ToListAsync());
        Assert.All(pending, t => Assert.Equal(longGrant, t.Id));
        var reminder = Assert.Single(pending, t => t.TimerId == "interim-report-reminder-14");
        Assert.Equal(FundTime.EndOfDay(interim.DueOn.AddDays(-14)), reminder.DueAtUtc);
        Assert.Equal(FundTime.EndOfDay(interim.DueOn.AddDays(1)), pending.Single(t => t.TimerId == "interim-report-overdue").DueAtUtc);

        // Both parties see what is expected: the grantee on the grant page, the ISU too.
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var html = WebUtility.HtmlDecode((await applicant.GetAsync($"/Applications/Details/{longGrant}")).Html);
        Assert.Contains("id=\"interim-reports\"", html);
        Assert.Contains($"href=\"/Reporting/Interim/{longGrant}/1\"", html);
        Assert.Contains(interim.DueOn.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), html);
        Assert.DoesNotContain("id=\"interim-reports\"", (await applicant.GetAsync($"/Applications/Details/{shortGrant}")).Html);
        // The grantee's dashboard says what is expected next; once the day has passed, the ISU's lists it as overdue.
        var dashboard = WebUtility.HtmlDecode((await applicant.GetAsync("/Dashboard")).Html);
        Assert.Contains("Send interim report 1", dashboard);
        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
        {
            var (status, before) = await isu.GetAsync("/Dashboard");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("<td>Interim report 1</td>", before);
            // A report the grant does not have is not found, to review or to return.
            foreach (var handler in new[] { "Return", "Accept" })
                Assert.Equal(HttpStatusCode.NotFound, (await isu.PostFormAsync($"/Reporting/Review/{longGrant}/9", new() { ["Input.Comments"] = "Revise." }, handler)).StatusCode);
        }
        factory.Clock.Advance(FundTime.EndOfDay(interim.DueOn.AddDays(1)) - factory.Clock.GetUtcNow().UtcDateTime);
        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
            Assert.Contains("<td>Interim report 1</td>", (await isu.GetAsync("/Dashboard")).Html);
        // A report the grant does not have is not found.
        using var later = await _journey.SignInAsync(GrantJourney.Applicant);
        Assert.Equal(HttpStatusCode.NotFound, (await later.Client.GetAsync($"/Reporting/Interim/{shortGrant}/1", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await later.Client.GetAsync($"/Reporting/Interim/{longGrant}/2", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_interim_report_is_drafted_sent_returned_revised_and_accepted_with_what_changed()
    {
        await factory.ResetAsync();
        var round = await RoundWithTemplateAsync();
        var today = FundTime.Today(factory.Clock);
        var id = await _scenario.ActiveGrantAsync(today.AddDays(30 + 364), roundId: round, activityDays: 364);
        var page = $"/Reporting/Interim/{id}/1";
        var applicant = await _journey.SignInAsync(GrantJourney.Applicant);

        // A draft keeps whatever was typed, however incomplete.
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync(page, new()
        {
            ["Input.Narrative.Activities"] = "Two field visits to the partner's survey teams.",
            ["Input.Narrative.Women.From25To39"] = "3",
        }, "Save"), "save a draft");
        var (_, form) = await applicant.GetAsync(page);
        Assert.Contains("Two field visits to the partner&#x27;s survey teams.", form);
        Assert.Contains("id=\"draft-saved\"", form);
        var complete = new Dictionary<string, string>
        {
            ["Input.Narrative.Activities"] = "Two field visits to the partner's survey teams.",
            ["Input.Narrative.Achieved[0]"] = "8 trained (5 women, 3 men)",
            ["Input.Narrative.Women.From25To39"] = "5",
            ["Input.Narrative.Men.From40To59"] = "3",
            ["Input.Narrative.Men.WithDisability"] = "1",
            ["Input.Narrative.Lessons"] = "Survey forms must be translated before the visit.",
            ["Input.Narrative.FollowUp"] = "A second visit in the spring.",
        };
        // Months before its period ends, the report is written, not sent: the page and a post both say from when.
        var due = (await _journey.LoadAsync(id)).InterimReportsDue[0];
        var opens = due.PeriodTo.AddDays(-GrantApplication.InterimReportOpensDaysBefore);
        Assert.Contains($"it can be sent from {opens.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", WebUtility.HtmlDecode(form));
        var early = await applicant.PostFormAsync(page, complete, "Submit");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.ApplicationId == id)));
        factory.Clock.Advance(FundTime.EndOfDay(opens).AddHours(-12) - factory.Clock.GetUtcNow().UtcDateTime);
        applicant.Dispose();
        applicant = await _journey.SignInAsync(GrantJourney.Applicant);

        // Sent incomplete, with a count that is not a number: every problem at its field, in words, and what was typed kept.
        var incomplete = await applicant.PostFormAsync(page, new()
        {
            ["Input.Narrative.Activities"] = "Two field visits to the partner's survey teams.",
            ["Input.Narrative.Men.Under25"] = "twelve",
        }, "Submit");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var refused = WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync());
        Assert.Contains("Men under 25: \"twelve\" is not a whole number.", refused);
        Assert.Contains("Say what was achieved for \"Survey staff trained, by sex and age\" (target: 12).", refused);
        Assert.Contains("Say what was learnt.", refused);
        Assert.Contains("Say what follow-up is planned.", refused);
        Assert.Contains("value=\"twelve\"", refused);
        // The summary speaks of the fields by their labels, never by the form's names.
        var summary = refused[refused.IndexOf("error-summary", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Narrative", summary[..summary.IndexOf("</ul>", StringComparison.Ordinal)]);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync(r => r.ApplicationId == id)));

        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync(page, complete, "Submit"), "send the interim report");
        var sent = await factory.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.ApplicationId == id));
        Assert.Equal((1, ReportStatus.Submitted, "interim-report-1.txt"), (sent.InterimNumber, sent.Status, sent.FileName));
        Assert.Equal(8, sent.Narrative!.ParticipantTotal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ReportDrafts.CountAsync(d => d.ApplicationId == id)));
        // The report sent is no longer chased: its reminders are cancelled (this grant has no second interim report).
        Assert.Equal(0, await factory.WithDbAsync(db => db.WorkflowTimers.CountAsync(t => t.Status == WorkflowTimerStatus.Pending && t.TimerId.StartsWith("interim-report"))));
        // Sent once: the form is not offered again while the ISU reviews it.
        Assert.Contains("id=\"not-now\"", (await applicant.GetAsync(page)).Html);
        var again = await applicant.PostFormAsync(page, complete, "Submit");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var review = $"/Reporting/Review/{id}/1";
        Assert.Contains($"href=\"{review}\"", (await isu.GetAsync($"/Applications/Details/{id}")).Html);
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync(review,
            new() { ["Input.Comments"] = "Give the number of women and men trained separately in the indicator." }, "Return"), "return the interim report");
        Assert.Equal("Active", await _journey.StageAsync(id));
        var told = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == GrantJourney.Applicant && m.Subject.Contains("Interim report 1"))
            .OrderByDescending(m => m.CreatedAtUtc).FirstAsync());
        Assert.Contains("returned for revision", told.Subject);
        Assert.Contains(page, told.Body);
        // Returned, it is awaited again: its reminders are back.
        Assert.True(await factory.WithDbAsync(db => db.WorkflowTimers.AnyAsync(t => t.Status == WorkflowTimerStatus.Pending && t.TimerId == "interim-report-overdue")));

        // The form comes back filled with what was sent, and the comments above it.
        (_, form) = await applicant.GetAsync(page);
        Assert.Contains("Give the number of women and men trained separately", form);
        Assert.Contains("value=\"8 trained (5 women, 3 men)\"", form);
        complete["Input.Narrative.Achieved[0]"] = "5 women and 3 men trained";
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync(page, complete, "Submit"), "send the revised interim report");

        var html = WebUtility.HtmlDecode((await isu.GetAsync(review)).Html);
        Assert.Contains("Version 2, sent", html);
        Assert.Contains("<td>Achieved: Survey staff trained, by sex and age</td><td>8 trained (5 women, 3 men)</td><td>5 women and 3 men trained</td>", html);
        Assert.Contains("Who took part (8)", html);
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync(review, [], "Accept"), "accept the interim report");
        Assert.Equal([ReportStatus.Returned, ReportStatus.Accepted],
            await factory.WithDbAsync(db => db.Reports.Where(r => r.ApplicationId == id).OrderBy(r => r.SubmittedAtUtc).Select(r => r.Status).ToListAsync()));
        // The grant is still running; the final report is still to come.
        Assert.Equal("Active", await _journey.StageAsync(id));
        Assert.Null((await _journey.LoadAsync(id)).FinalReport);
        applicant.Dispose();
    }

    [Fact]
    public async Task The_interim_reminder_reaches_the_focal_point_by_email_in_their_language_once()
    {
        await factory.ResetAsync();
        var round = await RoundWithTemplateAsync();
        var today = FundTime.Today(factory.Clock);
        var id = await _scenario.ActiveGrantAsync(today.AddDays(30 + 364), roundId: round, activityDays: 364);
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant)).Language = "es";
            return await db.SaveChangesAsync();
        });
        var reference = (await _journey.LoadAsync(id)).Reference;
        var dueAt = await factory.WithDbAsync(db => db.WorkflowTimers.Where(t => t.TimerId == "interim-report-reminder-14" && t.Status == WorkflowTimerStatus.Pending)
            .Select(t => t.DueAtUtc).SingleAsync());
        var runner = factory.Services.GetRequiredService<WorkflowTimerRunner>();
        // The shared app's clock runs: moved, not stopped, so that the next test starts from today again.
        factory.Clock.Advance(dueAt.AddMinutes(-1) - factory.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(0, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        var mail = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == GrantJourney.Applicant && m.CreatedAtUtc >= dueAt));
        Assert.StartsWith($"Informe intermedio 1 de {reference}: plazo el", mail.Subject);
        Assert.Contains($"/Reporting/Interim/{id}/1", mail.Body);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteInterimReportTests(SqliteAppFactory factory) : InterimReportTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresInterimReportTests(PostgresAppFactory factory) : InterimReportTests(factory);
