using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Commitments in the fund currency at a recorded rate (ADR 0022), and only for money the fund has: through the engine
/// and the decision page, on SQLite and PostgreSQL.
/// </summary>
public abstract class FundCurrencyTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    private DateOnly Today => FundTime.Today(factory.Clock);

    /// <summary>A round in USD like the seeded one, and an application in it scored by the committee, asking USD 2,000.</summary>
    private async Task<Guid> UsdApplicationAtCommitteeAsync()
    {
        var round = await factory.WithDbAsync(async db =>
        {
            var seeded = await db.Rounds.OrderBy(r => r.OpensAtUtc).FirstAsync();
            var usd = FundingRound.CreateOpen(seeded.Terms with
            {
                Title = "USD call", Envelope = new Money(100_000m, "USD"), Ceiling = new Money(20_000m, "USD"), AllowedCurrencies = ["USD"],
            }, factory.Clock.GetUtcNow().UtcDateTime);
            db.Rounds.Add(usd);
            await db.SaveChangesAsync();
            return usd.Id;
        });
        return await _scenario.AtCommitteeReviewAsync(Today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4), roundId: round);
    }

    [Fact]
    public async Task A_usd_grant_is_committed_in_chf_at_the_approval_dates_recorded_rate_and_refused_without_one()
    {
        await factory.ResetAsync();
        var id = await UsdApplicationAtCommitteeAsync();
        var recorded = await factory.WithDbAsync(db => db.ExchangeRates.Where(r => r.Currency == "USD").ToListAsync());
        var todays = Assert.Single(recorded, r => r.Date == Today);

        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "USD"), "Approved.", null, now));

        var commitment = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Commitment));
        Assert.Equal(new Money(2_000m, "USD"), commitment.Amount);
        Assert.Equal((new Money(decimal.Round(2_000m * todays.Rate, 2, MidpointRounding.AwayFromZero), "CHF"), todays.Rate, Today, todays.Source),
            (commitment.FundAmount, commitment.Rate, commitment.RateDate, commitment.RateSource));

        // Without a rate of the last seven days, the next USD approval is refused and nothing is committed.
        var second = await UsdApplicationAtCommitteeAsync();
        await factory.WithDbAsync(db => db.ExchangeRates.ExecuteDeleteAsync());
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            _scenario.FireAsync(second, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "USD"), "Approved.", null, now)));
        Assert.StartsWith("There is no USD → CHF rate for ", refused.Message);
        Assert.Equal("CommitteeReview", await _journey.StageAsync(second));
        Assert.Equal(0, await factory.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ApplicationId == second)));
    }

    [Fact]
    public async Task An_approval_committing_more_than_the_fund_has_available_is_refused_on_the_decision_page_with_the_figures()
    {
        await factory.ResetAsync();
        var id = await _scenario.AtCommitteeReviewAsync(Today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4));
        // The seed's contributions are CHF 250,000: another grant's commitment leaves CHF 1,000.
        await factory.WithDbAsync(async db =>
        {
            db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.Commitment, new Money(249_000m, "CHF").InFund(Today), Today, "Commitment: earlier grant",
                null, null, "test", factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);

        using var response = await chair.PostFormAsync($"/Committee/Decide/{id}", new()
        {
            ["Input.Decision"] = "approve",
            ["Input.ApprovedAmount"] = "2000.00",
            ["Input.DecisionRationale"] = "Strong exchange.",
        });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The fund has CHF 1,000.00 available to commit (cash CHF 250,000.00 less open commitments CHF 249,000.00); " +
                        "approving CHF 2,000.00 would commit more.", html);
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ApplicationId == id)));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteFundCurrencyTests(SqliteAppFactory factory) : FundCurrencyTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresFundCurrencyTests(PostgresAppFactory factory) : FundCurrencyTests(factory);
