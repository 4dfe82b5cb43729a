using System.Globalization;
using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>
/// Each role's dashboard on a known data set (issue 14): four applications of one round — a draft, one at the gender
/// review, one before the committee scored by two of three members, and a grant whose final report is ten days late —
/// and the figures each role must see.
/// </summary>
public abstract class DashboardTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    [Fact]
    public async Task Each_role_sees_the_figures_of_a_known_data_set()
    {
        await factory.ResetAsync();
        var today = FundTime.Today(factory.Clock);
        using (var applicant = await _journey.SignInAsync(GrantJourney.Applicant))
            await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Draft on victim assistance", "COL", ("Flights", "1", "900")));
        await _scenario.AtGenderReviewAsync(today.AddDays(60), title: "At the gender review");
        var scored = await _scenario.AtCommitteeReviewAsync(today.AddDays(60), new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 3 },
            title: "Before the committee");
        var late = await _scenario.ActiveGrantAsync(activityEnd: today.AddDays(-1));
        await _scenario.FireAsync(late, "reports-due", GrantJourney.Isu);
        // Seventy days on, its final report (due 60 days after the activities) is ten days late.
        var dueOn = today.AddDays(-1).AddDays(Caf.Data.Reporting.ReportingTemplate.DefaultFinalReportDays).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        factory.Clock.Advance(TimeSpan.FromDays(70));
        today = FundTime.Today(factory.Clock);
        var lateReference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == late).Select(a => a.Reference!).SingleAsync());
        var scoredReference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == scored).Select(a => a.Reference!).SingleAsync());

        // The ISU: the round's applications by stage (chart and table), its tasks, the late report, the latest move.
        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
        {
            var (status, html) = await isu.GetAsync("/Dashboard");
            Assert.Equal(HttpStatusCode.OK, status);
            html = WebUtility.HtmlDecode(html);
            Assert.Contains("<svg role=\"img\" aria-labelledby=\"by-stage-title\"", html);
            foreach (var stage in new[] { "Draft", "Gender-lens review", "Committee review", "Reporting" })
                Assert.Contains($"<tr><th scope=\"row\">{stage}</th><td class=\"num\">1</td></tr>", html);
            Assert.DoesNotContain("<th scope=\"row\">Approved</th>", html);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var (open, overdue) = await factory.WithDbAsync(async db => (
                await db.WorkflowTasks.CountAsync(t => t.ClosedAtUtc == null && t.Role == CafRoles.IsuOfficer),
                await db.WorkflowTasks.CountAsync(t => t.ClosedAtUtc == null && t.Role == CafRoles.IsuOfficer && t.DueAtUtc < now)));
            Assert.True(open > 0);
            Assert.Contains($"{open} open</a>, of which <a href=\"/Tasks?Overdue=true\">{overdue} overdue", html);
            Assert.Matches($@"<td><a href=""/Applications/Details/{late}"">{lateReference}</a></td><td>[^<]+</td><td>Final report</td><td>{dueOn}</td>", html);
            Assert.Contains($"{lateReference}</a> moved from Active grant to Reporting by {GrantJourney.Isu}", html);
        }

        // A member who has not scored it has one to score; one who has, none; the chart says how many scores came.
        using (var member = await _journey.SignInAsync("member3@caf.demo"))
        {
            var html = WebUtility.HtmlDecode((await member.GetAsync("/Dashboard")).Html);
            Assert.Contains("1 application to score; a decision needs 3 scores.", html);
            Assert.Contains($"<tr><td>{scoredReference}</td><td><a href=\"/Applications/Details/{scored}\">Before the committee</a></td>", html);
            Assert.Contains("<td>to score</td><td class=\"num\">2 of 3</td></tr>", html);
            Assert.Contains("<tr><th scope=\"row\">Still for you to score</th><td class=\"num\">1</td></tr>", html);
            Assert.Contains("<tr><th scope=\"row\">With the scores a decision needs</th><td class=\"num\">0</td></tr>", html);
        }
        using (var member = await _journey.SignInAsync("member1@caf.demo"))
            Assert.Contains("0 applications to score", WebUtility.HtmlDecode((await member.GetAsync("/Dashboard")).Html));

        // Finance: 2,000 committed, 1,600 paid, 400 still owed; this month's cash is the ledger's; nothing waits.
        using (var finance = await _journey.SignInAsync(GrantJourney.Finance))
        {
            var html = WebUtility.HtmlDecode((await finance.GetAsync("/Dashboard")).Html);
            Assert.Contains("<tr><th scope=\"row\">Committed</th><td class=\"num\">2,000.00</td></tr>", html);
            Assert.Contains("<tr><th scope=\"row\">Disbursed</th><td class=\"num\">1,600.00</td></tr>", html);
            Assert.Contains("<tr><th scope=\"row\">Open commitments</th><td class=\"num\">400.00</td></tr>", html);
            var cash = await factory.WithDbAsync(async db => (await db.LedgerEntries.AsNoTracking().Where(e => e.FundAmount.Currency == "CHF").ToListAsync())
                .Sum(e => e.FundCashEffect));
            Assert.Contains($"<tr><th scope=\"row\">{today.ToString("MMM yyyy", CultureInfo.InvariantCulture)}</th><td class=\"num\">{cash.ToString("#,##0.00", CultureInfo.InvariantCulture)}</td></tr>", html);
            Assert.Contains("<p id=\"awaiting-me\">None.</p>", html);
            Assert.Contains("0 bank statement lines</a> not yet reconciled", html);
        }

        // The applicant: each application in plain words, and what is expected by when.
        using (var applicant = await _journey.SignInAsync(GrantJourney.Applicant))
        {
            var html = WebUtility.HtmlDecode((await applicant.GetAsync("/Dashboard")).Html);
            Assert.Contains("Draft on victim assistance</td><td>Draft</td><td>Complete and submit the application</td>", html);
            Assert.Contains("Before the committee</td><td>Under review</td><td>Nothing for now</td>", html);
            // The due date is the same day here as on the report page and in the emails.
            Assert.Matches($@"{lateReference}</a>: [^<]+</td><td>Reporting</td><td>[^<]*final report[^<]*</td><td>{dueOn}</td>", html);
            Assert.DoesNotContain("id=\"isu-dashboard\"", html);
        }
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteDashboardTests(SqliteAppFactory factory) : DashboardTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresDashboardTests(PostgresAppFactory factory) : DashboardTests(factory);

/// <summary>The dashboards' charts drawn by a real browser, with a screenshot kept among the test artefacts.</summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class DashboardBrowserTests(BrowserAppFactory factory)
{
    [Fact]
    public async Task The_ISU_and_finance_dashboards_draw_their_charts_in_a_real_browser()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var today = FundTime.Today(factory.Clock);
        await scenario.ActiveGrantAsync(activityEnd: today.AddDays(30));
        await scenario.AtGenderReviewAsync(today.AddDays(60), title: "At the gender review");
        foreach (var (email, chart) in new[] { (GrantJourney.Isu, "by-stage"), (GrantJourney.Finance, "balance") })
        {
            var page = await factory.SignInAsync(email);
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
            var figure = page.Locator($"#{chart} svg[role=img]");
            await Expect(figure).ToBeVisibleAsync();
            Assert.True(await page.Locator($"#{chart} svg rect").CountAsync() > 0);
            var box = await figure.BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 20 }, $"The chart {chart} is drawn {box?.Width}×{box?.Height}.");
            var shot = Path.Combine(Path.GetTempPath(), "caf-e2e", $"dashboard-{chart}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            Assert.True(new FileInfo(shot).Length > 10_000, $"The dashboard screenshot {shot} is suspiciously small.");
        }
    }
}
