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

    private Task<Guid> UsdApplicationAtCommitteeAsync() => _scenario.UsdApplicationAtCommitteeAsync(Today.AddDays(60));

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
    public async Task Finance_records_a_rate_and_a_euro_contribution_on_their_pages_and_bad_input_is_refused_by_label_writing_nothing()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var day = Today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (entries, rates) = await CountsAsync();

        using (var refused = await finance.PostFormAsync("/Finance/Rates", new()
               {
                   ["Input.Currency"] = "CHF", ["Input.Date"] = day, ["Input.Rate"] = "0,95", ["Input.Source"] = "",
               }))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Rate (one unit in the fund currency) must be a number, for example 1250.50.", html);
            Assert.Equal((entries, rates), await CountsAsync());
        }
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Rates", new()
        {
            ["Input.Currency"] = "EUR", ["Input.Date"] = day, ["Input.Rate"] = "0.9351", ["Input.Source"] = "ECB reference rate",
        }), "record a rate");
        using (var twice = await finance.PostFormAsync("/Finance/Rates", new()
               {
                   ["Input.Currency"] = "EUR", ["Input.Date"] = day, ["Input.Rate"] = "0.94", ["Input.Source"] = "Bank",
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
            Assert.Contains("is already recorded: 0.9351 (ECB reference rate). A rate is not changed once recorded.",
                WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        }
        // A year typed wrong (2062 for 2026) would convert every entry after it: a rate is recorded at most for next month.
        using (var tooFar = await finance.PostFormAsync("/Finance/Rates", new()
               {
                   ["Input.Currency"] = "EUR", ["Input.Date"] = Today.AddYears(36).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                   ["Input.Rate"] = "0.94", ["Input.Source"] = "Bank",
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
            Assert.Contains("is too far ahead: a rate is recorded at most for next month", WebUtility.HtmlDecode(await tooFar.Content.ReadAsStringAsync()));
        }

        using (var refused = await finance.PostFormAsync("/Finance/Contributions", new()
               {
                   ["Input.Donor"] = "", ["Input.Amount"] = "20000", ["Input.Currency"] = "JPY", ["Input.ValueDate"] = day,
               }))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Name the donor.", html);
            Assert.Contains("Choose CHF, USD or EUR.", html);
            Assert.Contains("value=\"20000\"", html);
        }
        Assert.Equal((entries, rates + 1), await CountsAsync());

        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Contributions", new()
        {
            ["Input.Donor"] = "European Union", ["Input.Earmarking"] = "Victim assistance", ["Input.Amount"] = "20,000.00",
            ["Input.Currency"] = "EUR", ["Input.ValueDate"] = day, ["Input.BankReference"] = "EU-2026-7",
        }), "record a contribution");

        // The same transfer sent again (a double click, a second officer) is refused, naming the first; so is a day-first date.
        var again = new Dictionary<string, string>
        {
            ["Input.Donor"] = "European Union", ["Input.Amount"] = "20000", ["Input.Currency"] = "EUR", ["Input.ValueDate"] = day,
            ["Input.BankReference"] = "eu-2026-7",
        };
        using (var twice = await finance.PostFormAsync("/Finance/Contributions", again))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
            Assert.Contains("The bank transfer eu-2026-7 is already recorded (EUR 20,000.00", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        }
        // Nor is it booked again under a reference that only looks different: a zero-width space, a non-breaking hyphen,
        // full-width letters, a direction override.
        foreach (var disguised in new[] { "EU\u200B-2026-7", "EU-2026\u20117", "\uFF25\uFF35-2026-7", "\u202EEU-2026-7\u202C", "EU-2026-7\u034F", "EU-2026-7\U000E0041" })
        {
            again["Input.BankReference"] = disguised;
            using var refused = await finance.PostFormAsync("/Finance/Contributions", again);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("The bank transfer EU-2026-7 is already recorded (EUR 20,000.00", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }
        // A look-alike letter (a Cyrillic Е) is refused at its field, by name.
        again["Input.BankReference"] = "\u0415U-2026-7";
        using (var lookAlike = await finance.PostFormAsync("/Finance/Contributions", again))
        {
            Assert.Equal(HttpStatusCode.BadRequest, lookAlike.StatusCode);
            Assert.Contains("is not one of them.", WebUtility.HtmlDecode(await lookAlike.Content.ReadAsStringAsync()));
        }
        again["Input.BankReference"] = "EU-2026-8";
        again["Input.ValueDate"] = "05.11.2026";
        using (var dayFirst = await finance.PostFormAsync("/Finance/Contributions", again))
        {
            var html = WebUtility.HtmlDecode(await dayFirst.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, dayFirst.StatusCode);
            Assert.Contains("must be a date, for example 2027-03-01.", html);
            Assert.Contains("value=\"05.11.2026\"", html);
        }
        var entry = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.Donor == "European Union"));
        Assert.Equal((new Money(20_000m, "EUR"), new Money(18_702m, "CHF"), 0.9351m, "ECB reference rate", "Victim assistance"),
            (entry.Amount, entry.FundAmount, entry.Rate, entry.RateSource, entry.Earmarking));
        var (_, page) = await finance.GetAsync("/Finance/Contributions");
        Assert.Contains("European Union", page);
        Assert.Contains("CHF 18,702.00", page);
        // The fund's own balance adds the seed's CHF 250,000 and the euros at their booked rate.
        var (_, ledger) = await finance.GetAsync("/Finance/Ledger");
        Assert.Contains("id=\"fund-cash\">CHF 268,702.00<", ledger);
        Assert.Contains("id=\"fund-available\">CHF 268,702.00<", ledger);
    }

    [Fact]
    public async Task Finance_records_a_bank_charge_in_dollars_converted_at_its_value_dates_rate_and_a_future_one_is_refused()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var usd = await factory.WithDbAsync(db => db.ExchangeRates.SingleAsync(r => r.Currency == "USD" && r.Date == Today));
        var today = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (entries, _) = await CountsAsync();

        using (var refused = await finance.PostFormAsync("/Finance/Charges", new()
               {
                   ["Input.Amount"] = "25.50", ["Input.Currency"] = "USD", ["Input.Description"] = "",
                   ["Input.ValueDate"] = Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
               }))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("The value date is in the future: record the charge once the bank has taken it.", html);
            Assert.Contains("Say what the bank charged for", html);
        }
        Assert.Equal(entries, (await CountsAsync()).Entries);

        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Charges", new()
        {
            ["Input.Amount"] = "25.50", ["Input.Currency"] = "USD", ["Input.Description"] = "Transfer fee", ["Input.ValueDate"] = today,
            ["Input.BankReference"] = "UBS-FEE-1",
        }), "record a bank charge");

        var charge = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.BankCharge));
        Assert.Equal((new Money(25.50m, "USD"), new Money(decimal.Round(25.50m * usd.Rate, 2, MidpointRounding.AwayFromZero), "CHF"), usd.Rate),
            (charge.Amount, charge.FundAmount, charge.Rate));
        Assert.Null(charge.ApplicationId);
    }

    [Fact]
    public async Task A_contribution_recorded_by_mistake_is_reversed_once_from_the_ledger_and_the_balances_move_back()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var norway = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.Donor == "Norway"));
        var (_, before) = await finance.GetAsync("/Finance/Ledger");
        Assert.Contains("id=\"fund-cash\">CHF 250,000.00<", before);
        Assert.Contains($"href=\"/Finance/Reverse/{norway.Id}\"", before);

        using (var noReason = await finance.PostFormAsync($"/Finance/Reverse/{norway.Id}", new() { ["Reason"] = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("Say why the entry is reversed.", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()));
        }
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Reverse/{norway.Id}", new() { ["Reason"] = "Booked twice." }),
            "reverse");
        using (var twice = await finance.PostFormAsync($"/Finance/Reverse/{norway.Id}", new() { ["Reason"] = "Again." }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
            Assert.Contains("This entry was already reversed.", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        }

        var reversal = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.ReversesEntryId == norway.Id));
        Assert.Equal((norway.Amount, norway.FundAmount, "Reversal: Booked twice.", Today), (reversal.Amount, reversal.FundAmount, reversal.Description, reversal.ValueDate));
        var (_, after) = await finance.GetAsync("/Finance/Ledger");
        Assert.Contains("id=\"fund-cash\">CHF 100,000.00<", after);
        Assert.Contains("id=\"balance-CHF\">CHF 100,000.00<", after);
        // A grant's entry is not reversed from the ledger.
        var grant = await _scenario.ActiveGrantAsync(Today.AddDays(30));
        var tranche = await factory.WithDbAsync(db => db.LedgerEntries.Where(e => e.ApplicationId == grant).Select(e => e.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/Finance/Reverse/{tranche}")).Status);
    }

    [Fact]
    public async Task Reversing_a_contribution_the_fund_has_already_committed_asks_finance_to_accept_the_over_commitment_first()
    {
        await factory.ResetAsync();
        await factory.WithDbAsync(async db =>
        {
            db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.Commitment, new Money(200_000m, "CHF").InFund(Today), Today, "Commitment: earlier grant",
                null, null, "test", factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var norway = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.Donor == "Norway"));

        using (var refused = await finance.PostFormAsync($"/Finance/Reverse/{norway.Id}", new() { ["Reason"] = "The transfer bounced." }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("After this the fund would hold CHF 100,000.00 against open commitments of CHF 200,000.00: " +
                            "CHF 100,000.00 more is promised than it holds.", html);
            Assert.Contains("Record it although the fund will then have promised more than it holds", html);
            Assert.Contains("value=\"The transfer bounced.\"", html);
        }
        Assert.False(await factory.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == norway.Id)));

        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Reverse/{norway.Id}",
            new() { ["Reason"] = "The transfer bounced.", ["OverCommitmentAccepted"] = "true" }), "reverse knowingly");
        Assert.True(await factory.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == norway.Id)));
    }

    private const string GoodRates = "currency,fund_currency,date,rate,source\r\n" +
                                     "USD,CHF,2024-05-06,0.9112,UN operational rate\r\n" +
                                     "EUR,CHF,2024-05-06,0.9785,\"ECB, reference rate\"\r\n";

    private static Task<HttpResponseMessage> ImportAsync(CafSession finance, string fileName, string csv) =>
        finance.PostMultipartAsync("/Finance/Rates", new(), "Upload", fileName, System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", "Import");

    [Fact]
    public async Task Finance_imports_a_csv_file_of_rates_and_importing_it_again_adds_nothing()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, before) = await CountsAsync();

        await GrantJourney.ExpectRedirectAsync(ImportAsync(finance, "rates-may.csv", GoodRates), "import the rates");
        Assert.Contains("Imported 2 rates (0 already recorded)", WebUtility.HtmlDecode((await finance.GetAsync("/Finance/Rates")).Html));

        var imported = await factory.WithDbAsync(db => db.ExchangeRates.Where(r => r.Date == new DateOnly(2024, 5, 6)).OrderBy(r => r.Currency).ToListAsync());
        Assert.Equal([("EUR", "CHF", 0.9785m, "ECB, reference rate"), ("USD", "CHF", 0.9112m, "UN operational rate")],
            imported.Select(r => (r.Currency, r.FundCurrency, r.Rate, r.Source)));
        Assert.Equal(before + 2, (await CountsAsync()).Rates);

        await GrantJourney.ExpectRedirectAsync(ImportAsync(finance, "rates-may.csv", GoodRates), "import the same rates again");
        Assert.Contains("Imported 0 rates (2 already recorded)", WebUtility.HtmlDecode((await finance.GetAsync("/Finance/Rates")).Html));
        Assert.Equal(before + 2, (await CountsAsync()).Rates);

        var audited = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "exchange-rates.imported")
            .OrderBy(e => e.Sequence).Select(e => e.Details!).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains("\"imported\":2,\"skipped\":0", audited[0]);
        Assert.Contains("\"imported\":0,\"skipped\":2", audited[1]);
        Assert.All(audited, details => Assert.Contains("rates-may.csv", details));
    }

    [Fact]
    public async Task A_csv_file_of_rates_with_a_bad_line_or_a_changed_recorded_rate_imports_nothing_and_names_each_line()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, before) = await CountsAsync();

        using (var refused = await ImportAsync(finance, "bad.csv", "currency,fund_currency,date,rate,source\n" +
                                                                  "USD,CHF,2024-05-06,0.9112,UN operational rate\n" +
                                                                  "EUR,CHF,2024-05-06,\"0,95\",ECB\n" +
                                                                  "JPY,CHF,2024-05-06,0.0061,SNB\n"))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Nothing was imported: bad.csv has 2 problem(s)", html);
            Assert.Contains("Line 3: rate: '0,95' is not a number; write it with a decimal point, such as 0.95.", html);
            Assert.Contains("Line 4: currency: The fund does not use JPY. Give a rate for USD or EUR.", html);
            Assert.Equal(before, (await CountsAsync()).Rates);
        }

        await GrantJourney.ExpectRedirectAsync(ImportAsync(finance, "rates-may.csv", GoodRates), "import the rates");
        using (var conflicting = await ImportAsync(finance, "corrected.csv", "currency,fund_currency,date,rate,source\n" +
                                                                            "EUR,CHF,2024-05-07,0.9790,ECB\n" +
                                                                            "USD,CHF,2024-05-06,0.9120,UN operational rate\n"))
        {
            var html = WebUtility.HtmlDecode(await conflicting.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, conflicting.StatusCode);
            Assert.Contains("Line 3: rate: a USD rate for 2024-05-06 is already recorded: 0.9112 (UN operational rate).", html);
            Assert.Equal(before + 2, (await CountsAsync()).Rates);
        }

        // The single-rate form still works beside the import form.
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Rates", new()
        {
            ["Input.Currency"] = "EUR", ["Input.Date"] = "2024-05-07", ["Input.Rate"] = "0.979", ["Input.Source"] = "ECB",
        }), "record a rate");
        Assert.Equal(before + 3, (await CountsAsync()).Rates);
    }

    private Task<(int Entries, int Rates)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.LedgerEntries.CountAsync(), await db.ExchangeRates.CountAsync()));

    /// <summary>
    /// A USD grant from approval to closing: committed at the approval day's rate, its first tranche paid on a dearer
    /// day (the difference booked as an exchange loss), a refund at its day's rate, and the unpaid commitment released at
    /// the commitment's rate, so that nothing stays committed and cash moved by exactly what the bank moved.
    /// </summary>
    [Fact]
    public async Task A_usd_grant_goes_to_closed_with_its_exchange_difference_booked_and_nothing_left_committed()
    {
        await factory.ResetAsync();
        var id = await UsdApplicationAtCommitteeAsync();
        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "USD"), "Approved.", null, now));
        var committed = await factory.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Commitment));
        // The bank pays the first tranche on the day of the decision, at a rate dearer than the one committed at; the
        // refund comes the next day at the commitment's rate.
        var decisionDay = Today;
        Task<int> RateAsync(DateOnly day, decimal rate) => factory.WithDbAsync(async db =>
        {
            await db.ExchangeRates.Where(r => r.Currency == "USD" && r.Date == day).ExecuteDeleteAsync();
            db.ExchangeRates.Add(new ExchangeRate("USD", "CHF", day, rate, "Bank's rate", "test", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await RateAsync(decisionDay, committed.Rate + 0.0175m);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await _journey.PayFirstTrancheAsync(id, 2_000m, 1_600m, decisionDay, decisionDay, "UBS-USD-1");
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await RateAsync(Today, committed.Rate);
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        await _scenario.FireAsync(id, "accept-final-reports", GrantJourney.Isu, (a, actors, now) =>
            a.SubmitFinalReport("final-report.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), 1_500m, actors[GrantJourney.Applicant].UserId, now));
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Payment/{id}", new()
        {
            ["Input.Amount"] = "100.00", ["Input.ValueDate"] = Day(Today), ["Input.BankReference"] = "UBS-USD-R1",
            ["Input.SecondFactorCode"] = GrantJourney.PaymentCode(stepsAhead: 1),
        }), "record the refund");
        await _scenario.FireAsync(id, "close", GrantJourney.Finance);

        Assert.Equal("Closed", await _journey.StageAsync(id));
        var entries = await factory.WithDbAsync(db => db.LedgerEntries.Where(e => e.ApplicationId == id).ToListAsync());
        decimal Chf(decimal usd, decimal rate) => decimal.Round(usd * rate, 2, MidpointRounding.AwayFromZero);
        var todays = committed.Rate;
        var dearer = committed.Rate + 0.0175m;
        var tranche = Assert.Single(entries, e => e.Kind == LedgerEntryKind.Disbursement);
        Assert.Equal((new Money(1_600m, "USD"), new Money(Chf(1_600m, todays), "CHF")), (tranche.Amount, tranche.FundAmount));
        var loss = Assert.Single(entries, e => e.Kind == LedgerEntryKind.ExchangeLoss);
        Assert.Equal(new Money(Chf(1_600m, dearer) - Chf(1_600m, todays), "CHF"), loss.FundAmount);
        var refund = Assert.Single(entries, e => e.Kind == LedgerEntryKind.Refund);
        Assert.Equal(new Money(Chf(100m, todays), "CHF"), refund.FundAmount);
        var release = Assert.Single(entries, e => e.Kind == LedgerEntryKind.CommitmentRelease);
        Assert.Equal((new Money(400m, "USD"), new Money(Chf(400m, todays), "CHF")), (release.Amount, release.FundAmount));
        Assert.Equal(0m, entries.Sum(e => e.FundCommitmentEffect));
        Assert.Equal(-Chf(1_600m, dearer) + Chf(100m, todays), entries.Sum(e => e.FundCashEffect));
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
