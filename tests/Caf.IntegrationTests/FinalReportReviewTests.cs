using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// The ISU returns a final report with comments; the grantee reads them, revises and sends it again; the ISU sees both
/// versions and what changed, accepts the second, and the grant moves on (issue 14).
/// </summary>
public abstract class FinalReportReviewTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    [Fact]
    public async Task A_report_returned_with_comments_revised_and_accepted_moves_the_grant_on()
    {
        await factory.ResetAsync();
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await _scenario.ActiveGrantAsync(today.AddDays(-2));
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        var page = $"/Reporting/FinalReport/{id}";
        using (var early = await _journey.SignInAsync(GrantJourney.Isu))
        {
            // Nothing to accept or return yet: refused, and the page says why.
            foreach (var handler in new[] { "Accept", "Return" })
            {
                var refused = await early.PostFormAsync($"/Reporting/Review/{id}", new() { ["Input.Comments"] = "fix" }, handler);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Matches("class=\"error-summary[^\"]*\"[^>]*>\\s*<ul>\\s*<li>[^<]+", await refused.Content.ReadAsStringAsync());
            }
        }
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        await GrantJourney.ExpectRedirectAsync(applicant.PostMultipartAsync(page, GrantJourney.Told(new() { ["Input.Lines[0]"] = "1900.00" }),
            "Input.File", "final-report.pdf", "%PDF-1.7\n%first\n"u8.ToArray(), "application/pdf"), "send the final report");

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var review = $"/Reporting/Review/{id}";
        Assert.Contains($"href=\"{review}\"", (await isu.GetAsync($"/Applications/Details/{id}")).Html);
        // Without comments nothing is returned; the form says why at its field.
        var bare = await isu.PostFormAsync(review, new() { ["Input.Comments"] = "  " }, "Return");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Say what the grantee must revise", await bare.Content.ReadAsStringAsync());
        Assert.Equal(ReportStatus.Submitted, await StatusOfVersionAsync(id, 0));

        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync(review,
            new() { ["Input.Comments"] = "The flights cost less than reported: attach the invoices and correct the amount." }, "Return"), "return the report");
        Assert.Equal(ReportStatus.Returned, await StatusOfVersionAsync(id, 0));
        Assert.Equal("Reporting", await _journey.StageAsync(id));
        var told = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == GrantJourney.Applicant && m.Subject.Contains("returned for revision"))
            .OrderByDescending(m => m.CreatedAtUtc).FirstAsync());
        Assert.Contains("attach the invoices and correct the amount", told.Body);
        Assert.Contains(page, told.Body);

        // The grantee reads the comments on the report page and sends a revised version.
        var (_, form) = await applicant.GetAsync(page);
        Assert.Contains("The flights cost less than reported", form);
        Assert.Contains("id=\"returned\"", form);
        await GrantJourney.ExpectRedirectAsync(applicant.PostMultipartAsync(page, GrantJourney.Told(new() { ["Input.Lines[0]"] = "1750.00" }),
            "Input.File", "final-report-revised.pdf", "%PDF-1.7\n%second\n"u8.ToArray(), "application/pdf"), "send the revised report");

        // The ISU sees both versions, what changed between them and the comments; it accepts the second.
        var html = WebUtility.HtmlDecode((await isu.GetAsync(review)).Html);
        Assert.Contains("Version 2, sent", html);
        Assert.Contains("Version 1, sent", html);
        Assert.Contains("What changed since version 1", html);
        Assert.Contains("<td>Total spent</td><td>CHF 1,900.00</td><td>CHF 1,750.00</td>", html);
        Assert.Contains("<td>Report file</td><td>final-report.pdf</td><td>final-report-revised.pdf</td>", html);
        Assert.Contains("attach the invoices and correct the amount", html);
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync(review, [], "Accept"), "accept the report");
        Assert.Equal("FinalReconciliation", await _journey.StageAsync(id));
        Assert.Equal([ReportStatus.Returned, ReportStatus.Accepted],
            await factory.WithDbAsync(db => db.Reports.Where(r => r.ApplicationId == id).OrderBy(r => r.SubmittedAtUtc).Select(r => r.Status).ToListAsync()));
        // Reconciliation counts the accepted version only.
        Assert.Equal(1750m, (await _journey.LoadAsync(id)).AcceptedReport!.ActualExpenditure);
    }

    private Task<ReportStatus> StatusOfVersionAsync(Guid id, int index) =>
        factory.WithDbAsync(async db => (await db.Reports.Where(r => r.ApplicationId == id).OrderBy(r => r.SubmittedAtUtc).Select(r => r.Status).ToListAsync())[index]);
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteFinalReportReviewTests(SqliteAppFactory factory) : FinalReportReviewTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresFinalReportReviewTests(PostgresAppFactory factory) : FinalReportReviewTests(factory);
