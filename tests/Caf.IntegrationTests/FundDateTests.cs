using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// Business dates are Geneva dates: an application submitted and approved at 00:30 in Geneva on 1 January (23:30 UTC on
/// 31 December) is numbered and committed in the new year; the same holds across both daylight-saving changes.
/// </summary>
public sealed class FundDateTests
{
    [Theory]
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01")] // 00:30 CET on New Year's Day
    [InlineData("2027-03-28T22:30:00Z", "2027-03-29")] // 00:30 CEST, the first night of summer time
    [InlineData("2026-10-24T22:30:00Z", "2026-10-25")] // 00:30 CEST, the night clocks go back
    public async Task Submission_approval_and_ledger_use_the_date_in_Geneva(string instant, string genevaDate)
    {
        var utc = DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var expected = DateOnly.Parse(genevaDate, System.Globalization.CultureInfo.InvariantCulture);
        await using var app = new SqliteAppFactory();
        await app.InitializeAsync();
        app.Clock.FreezeAt(utc);
        await app.ResetAsync();
        var scenario = new GrantScenario(app);

        var id = await scenario.AtCommitteeReviewAsync(expected.AddDays(40), new Dictionary<string, int>
        {
            ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 4, ["member3@caf.demo"] = 4,
        });
        await scenario.FireAsync(id, "approve", "chair@caf.demo", (a, _, now) => a.RecordDecision(new Caf.Data.Money(2_000m, "CHF"), "Approved.", null, now));

        var application = await app.WithDbAsync(db => db.Applications.Include(a => a.LedgerEntries).SingleAsync(a => a.Id == id));
        Assert.StartsWith($"CAF-{expected.Year}-", application.Reference);
        Assert.Equal(expected, application.LedgerEntries.Single(e => e.Kind == LedgerEntryKind.Commitment).ValueDate);
        using var scope = app.Services.CreateScope();
        var (_, totals) = await scope.ServiceProvider.GetRequiredService<FundLedger>().ReadAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal(expected, totals.AsOf);
    }
}
