using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using static Caf.IntegrationTests.Infrastructure.WorkbookAssert;

namespace Caf.IntegrationTests;

/// <summary>
/// The fund ledger and a grant ledger as workbooks, the ledger page and the API, read back and checked figure by figure
/// against the database (sums per kind and currency), with a USD grant that has exchange differences and a reversed
/// contribution, on SQLite and PostgreSQL (docs/features/finance.md, "Ledgers").
/// </summary>
public abstract class LedgerWorkbookTests(CafAppFactory factory)
{
    private const int HeaderRow = 4;
    private const int GrantHeaderRow = Caf.Web.Features.Finance.GrantLedger.HeaderRow;
    private const string FundAmount = "Fund amount (CHF)";
    private readonly GrantJourney _journey = new(factory);

    private DateOnly Today => FundTime.Today(factory.Clock);

    private static readonly (string Sheet, LedgerEntryKind[] Kinds)[] Sheets =
    [
        ("Contributions", [LedgerEntryKind.Contribution]),
        ("Commitments", [LedgerEntryKind.Commitment, LedgerEntryKind.CommitmentRelease]),
        ("Disbursements", [LedgerEntryKind.Disbursement]),
        ("Refunds", [LedgerEntryKind.Refund]),
        ("Bank charges", [LedgerEntryKind.BankCharge]),
        ("Exchange differences", [LedgerEntryKind.ExchangeGain, LedgerEntryKind.ExchangeLoss]),
    ];

    /// <summary>How an entry counts on its sheet: a reversal, a release and an exchange loss are negative rows.</summary>
    private static decimal OnSheet(LedgerEntry e, decimal amount) =>
        e.Sign * (e.Kind is LedgerEntryKind.CommitmentRelease or LedgerEntryKind.ExchangeLoss ? -amount : amount);

    [Fact]
    public async Task The_fund_ledger_workbook_has_a_summary_and_a_sheet_per_group_whose_every_figure_and_total_equals_the_database()
    {
        await factory.ResetAsync();
        await new LedgerScenario(factory).BuildAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        // Today with the reversal; yesterday, before it: the reversal and the entries of today are not there, nor is Norway reversed.
        foreach (var asOf in new[] { Today, Today.AddDays(-1) })
        {
            using var download = await finance.Client.GetAsync($"/Finance/Ledger?handler=Download&AsOf={Iso(asOf)}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal($"caf-fund-ledger-{Iso(asOf)}.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar);
            using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
            var entries = await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ValueDate <= asOf).ToListAsync());
            var fund = await factory.WithDbAsync(db => FundBalances.OfAsync(db, "CHF", asOf, CancellationToken.None));
            await AssertFundLedgerAsync(workbook, entries, fund, asOf);
        }
    }

    private async Task AssertFundLedgerAsync(XLWorkbook workbook, List<LedgerEntry> entries, FundBalance fund, DateOnly asOf)
    {
        Assert.Equal(["Summary", .. Sheets.Select(s => s.Sheet)], workbook.Worksheets.Select(s => s.Name));
        Described(workbook, asOf, factory.Clock.GetUtcNow().UtcDateTime);
        var references = await factory.WithDbAsync(db => db.Applications.Where(a => a.Reference != null).ToDictionaryAsync(a => a.Id, a => a.Reference!));
        var currencies = entries.Where(e => !LedgerKinds.IsExchangeDifference(e.Kind)).Select(e => e.Amount.Currency).Append("CHF").Distinct()
            .OrderBy(c => c == "CHF" ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal).ToList();
        Assert.Equal(["CHF", "USD"], currencies);

        var byId = entries.ToDictionary(e => e.Id);
        foreach (var (name, kinds) in Sheets)
        {
            var sheet = workbook.Worksheet(name);
            var mine = entries.Where(e => kinds.Contains(e.Kind)).ToList();
            Assert.Equal(HeaderRow, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, $"{name} has no auto-filter");
            var rows = AssertEntryRows(sheet, HeaderRow, mine, byId, references, OnSheet);
            var totalsOf = new Func<LedgerEntry, decimal>[] { e => OnSheet(e, e.Amount.Amount), e => OnSheet(e, e.FundAmount.Amount) };
            if (name == "Exchange differences")
            {
                Total(sheet, "Total gains", FundAmount, mine.Where(e => e.Kind == LedgerEntryKind.ExchangeGain).Sum(e => OnSheet(e, e.FundAmount.Amount)));
                Total(sheet, "Total losses", FundAmount, mine.Where(e => e.Kind == LedgerEntryKind.ExchangeLoss).Sum(e => OnSheet(e, e.FundAmount.Amount)));
            }
            else
            {
                foreach (var currency in currencies)
                {
                    var ofCurrency = mine.Where(e => e.Amount.Currency == currency).ToList();
                    Total(sheet, $"Total {currency}", "Amount", ofCurrency.Sum(e => OnSheet(e, e.Amount.Amount)), currency);
                    Total(sheet, $"Total {currency}", FundAmount, ofCurrency.Sum(e => OnSheet(e, e.FundAmount.Amount)));
                }
            }
            Total(sheet, "Total in CHF", FundAmount, mine.Sum(e => OnSheet(e, e.FundAmount.Amount)));
            Assert.Equal(mine.Count, rows);
        }

        var summary = workbook.Worksheet("Summary");
        Assert.Equal(asOf.ToDateTime(TimeOnly.MinValue), summary.Cell(2, 2).GetDateTime());
        // The fund in CHF: the figures FundBalances gives, and the sums of the entries' effects in fund currency.
        Assert.Equal(fund.Cash.Amount, Figure(summary, "Cash", 2));
        Assert.Equal(fund.Committed.Amount, Figure(summary, "Committed, not yet disbursed", 2));
        Assert.Equal(fund.Available.Amount, Figure(summary, "Available to commit", 2));
        Assert.Equal(entries.Sum(e => e.FundCashEffect), fund.Cash.Amount);
        Assert.Equal(entries.Sum(e => e.FundCommitmentEffect), fund.Committed.Amount);
        foreach (var (name, kinds) in Sheets)
        {
            var mine = entries.Where(e => kinds.Contains(e.Kind)).ToList();
            Assert.Equal(mine.Count, Figure(summary, name, 2));
            Assert.Equal(mine.Sum(e => OnSheet(e, e.FundAmount.Amount)), Figure(summary, name, 3));
        }
        // Each currency in its own currency, exchange differences apart.
        foreach (var currency in currencies)
        {
            var mine = entries.Where(e => e.Amount.Currency == currency && !LedgerKinds.IsExchangeDifference(e.Kind)).ToList();
            var (cashIn, cashOut) = CashInAndOut(mine, e => e.Amount.Amount);
            Assert.Equal(mine.Count, Figure(summary, currency, 2));
            Assert.Equal(cashIn, Figure(summary, currency, 3));
            Assert.Equal(cashOut, Figure(summary, currency, 4));
            Assert.Equal(cashIn - cashOut, Figure(summary, currency, 5));
            Assert.Equal(mine.Sum(e => e.CommitmentEffect), Figure(summary, currency, 6));
            Assert.Contains($"\"{currency}\"", Cell(summary, currency, 3).Style.NumberFormat.Format);
        }
        var exchange = entries.Where(e => LedgerKinds.IsExchangeDifference(e.Kind)).ToList();
        var (gains, losses) = CashInAndOut(exchange, e => e.FundAmount.Amount);
        Assert.Equal((exchange.Count, gains, losses, gains - losses),
            (Figure(summary, "Exchange differences (CHF)", 2), Figure(summary, "Exchange differences (CHF)", 3),
                Figure(summary, "Exchange differences (CHF)", 4), Figure(summary, "Exchange differences (CHF)", 5)));
        if (asOf == Today) Assert.True(gains > 0 && losses > 0, "the scenario has a loss and a gain");
        Assert.Contains(summary.Column(1).CellsUsed(), c => c.GetString().StartsWith("Each currency's line holds only the entries made in that currency", StringComparison.Ordinal));
        Assert.All(summary.Range(7, 2, 9, 2).Cells(), c => Assert.True(c.HasFormula, $"Summary {c.Address} is not a formula"));
    }

    /// <summary>Cash in and out of <paramref name="entries"/> by kind, a reversal against its own kind.</summary>
    private static (decimal In, decimal Out) CashInAndOut(IEnumerable<LedgerEntry> entries, Func<LedgerEntry, decimal> amount)
    {
        var list = entries.ToList();
        return (list.Where(e => LedgerEntry.CashEffectOf(e.Kind, 1m) > 0).Sum(e => e.Sign * amount(e)),
            list.Where(e => LedgerEntry.CashEffectOf(e.Kind, 1m) < 0).Sum(e => e.Sign * amount(e)));
    }

    /// <summary>
    /// Every row between the heading and the first total is one of <paramref name="expected"/> (found by its value date,
    /// description, currency and amount), shown as stored; returns their number.
    /// </summary>
    private static int AssertEntryRows(IXLWorksheet sheet, int headerRow, List<LedgerEntry> expected, Dictionary<Guid, LedgerEntry> all,
        Dictionary<Guid, string> references, Func<LedgerEntry, decimal, decimal> signed)
    {
        var column = sheet.Row(headerRow).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        IXLCell At(int row, string header) => sheet.Cell(row, column[header]);
        static string Named(LedgerEntry? e) => e is null ? "" : $"{Iso(e.ValueDate)} {e.Description}";
        var seen = new HashSet<Guid>();
        // A total line has no rate source.
        for (var row = headerRow + 1; At(row, "Rate source").GetString().Length > 0; row++)
        {
            var e = expected.Single(x => x.ValueDate.ToDateTime(TimeOnly.MinValue) == At(row, "Value date").GetDateTime()
                                         && x.Description == At(row, "Description").GetString() && x.Amount.Currency == At(row, "Currency").GetString()
                                         && signed(x, x.Amount.Amount) == At(row, "Amount").GetValue<decimal>());
            Assert.True(seen.Add(e.Id), $"{sheet.Name} shows {e.Description} twice");
            Assert.Equal(e.BankReference ?? "", At(row, "Bank reference").GetString());
            Assert.Contains($"\"{e.Amount.Currency}\"", At(row, "Amount").Style.NumberFormat.Format);
            Assert.Equal(signed(e, e.FundAmount.Amount), At(row, FundAmount).GetValue<decimal>());
            Assert.Contains("\"CHF\"", At(row, FundAmount).Style.NumberFormat.Format);
            Assert.Equal(e.Rate, At(row, "Rate").GetValue<decimal>());
            Assert.Equal(e.RateDate.ToDateTime(TimeOnly.MinValue), At(row, "Rate date").GetDateTime());
            Assert.Equal(e.RateSource, At(row, "Rate source").GetString());
            Assert.Equal(Named(e.ReversesEntryId is { } original ? all[original] : null), At(row, "Reversal of").GetString());
            Assert.Equal(Named(all.Values.SingleOrDefault(r => r.ReversesEntryId == e.Id)), At(row, "Reversed by").GetString());
            if (column.ContainsKey("Grant"))
                Assert.Equal(e.ApplicationId is { } grant ? references[grant] : "", At(row, "Grant").GetString());
            if (column.ContainsKey("Donor")) Assert.Equal((e.Donor, e.Earmarking ?? ""), (At(row, "Donor").GetString(), At(row, "Earmarking").GetString()));
            if (e.ReversesEntryId is not null) Assert.True(At(row, "Amount").GetValue<decimal>() < 0, "a reversal is a negative row");
        }
        Assert.Equal(expected.Count, seen.Count);
        return seen.Count;
    }

    [Fact]
    public async Task The_grant_ledger_of_a_usd_grant_has_its_header_entries_and_totals_equal_to_the_database_and_its_download_is_audited()
    {
        await factory.ResetAsync();
        var (usd, _) = await new LedgerScenario(factory).BuildAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var grant = await factory.WithDbAsync(db => db.Applications.Include(a => a.ApplicantState).SingleAsync(a => a.Id == usd));

        var (_, details) = await finance.GetAsync($"/Applications/Details/{usd}");
        Assert.Contains($"href=\"/Finance/GrantLedger/{usd}\"", details);
        using var download = await finance.Client.GetAsync($"/Finance/GrantLedger/{usd}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"caf-grant-ledger-{grant.Reference}-{Iso(Today)}.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar);
        using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));

        var entries = await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ApplicationId == usd).ToListAsync());
        var commitment = entries.Single(e => e.Kind == LedgerEntryKind.Commitment);
        var sheet = workbook.Worksheet("Grant ledger");
        Assert.Equal(("CafGrants", $"As of {Iso(Today)}"), (workbook.Properties.Author, workbook.Properties.Subject));
        Assert.Equal(grant.Reference, Cell(sheet, "Grant", 2).GetString());
        Assert.Equal(grant.ApplicantState!.Name, Cell(sheet, "Applicant state", 2).GetString());
        Assert.Equal("USD", Cell(sheet, "Currency", 2).GetString());
        Assert.Equal(2_000m, Figure(sheet, "Approved amount", 2));
        Assert.Contains("\"USD\"", Cell(sheet, "Approved amount", 2).Style.NumberFormat.Format);
        Assert.Equal(commitment.Rate, Figure(sheet, "Commitment rate", 2));
        Assert.Equal($"USD → CHF, {commitment.RateSource}, {Iso(commitment.RateDate)}", Cell(sheet, "Commitment rate", 3).GetString());
        Assert.Equal(GrantHeaderRow, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);

        var references = new Dictionary<Guid, string> { [usd] = grant.Reference! };
        Assert.Equal(entries.Count, AssertEntryRows(sheet, GrantHeaderRow, entries, entries.ToDictionary(e => e.Id), references, (e, amount) => e.Sign * amount));
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.ExchangeLoss);
        Assert.Contains(entries, e => e.Kind == LedgerEntryKind.ExchangeGain);
        decimal Sum(LedgerEntryKind kind, Func<LedgerEntry, decimal> amount) => entries.Where(e => e.Kind == kind).Sum(e => e.Sign * amount(e));
        foreach (var (label, kind) in new[]
                 {
                     ("Committed", LedgerEntryKind.Commitment), ("Released", LedgerEntryKind.CommitmentRelease), ("Disbursed", LedgerEntryKind.Disbursement),
                     ("Refunded", LedgerEntryKind.Refund), ("Bank charges", LedgerEntryKind.BankCharge),
                 })
        {
            Total(sheet, label, "Amount", Sum(kind, e => e.Amount.Amount), "USD");
            Total(sheet, label, FundAmount, Sum(kind, e => e.FundAmount.Amount));
        }
        Assert.Equal((2_000m, 1_800m, 100m, 200m),
            (Sum(LedgerEntryKind.Commitment, e => e.Amount.Amount), Sum(LedgerEntryKind.Disbursement, e => e.Amount.Amount),
                Sum(LedgerEntryKind.Refund, e => e.Amount.Amount), Sum(LedgerEntryKind.CommitmentRelease, e => e.Amount.Amount)));
        // Closed: nothing is left committed, in USD or in CHF.
        Total(sheet, "Unpaid commitment", "Amount", entries.Sum(e => e.CommitmentEffect), "USD");
        Total(sheet, "Unpaid commitment", FundAmount, entries.Sum(e => e.FundCommitmentEffect));
        Assert.Equal(0m, entries.Sum(e => e.FundCommitmentEffect));
        var (gains, losses) = (Sum(LedgerEntryKind.ExchangeGain, e => e.FundAmount.Amount), Sum(LedgerEntryKind.ExchangeLoss, e => e.FundAmount.Amount));
        Total(sheet, "Exchange losses", FundAmount, losses);
        Total(sheet, "Exchange gains", FundAmount, gains);
        Total(sheet, "Exchange differences, gains less losses", FundAmount, gains - losses);

        var audited = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "grant-ledger.exported").ToListAsync());
        Assert.Equal(usd.ToString(), Assert.Single(audited).EntityId);
        Assert.Equal(GrantJourney.Finance, audited[0].UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/Finance/GrantLedger/{Guid.NewGuid()}")).Status);

        // A workbook is never quietly as of another day than the one asked for: a bad date is said, and nothing is exported.
        foreach (var (asOf, message) in new[]
                 {
                     ("abc", "must be a date, for example 2027-03-01."),
                     ("9999-12-31", "The as-of date must be between 2000 and 2100."),
                 })
        {
            var (grantStatus, grantPage) = await finance.GetAsync($"/Finance/GrantLedger/{usd}?AsOf={asOf}");
            Assert.Equal(HttpStatusCode.BadRequest, grantStatus);
            Assert.Contains(message, WebUtility.HtmlDecode(grantPage));
            foreach (var handler in new[] { "Download", "Reconciliation" })
            {
                var (status, page) = await finance.GetAsync($"/Finance/Ledger?handler={handler}&AsOf={asOf}");
                Assert.Equal(HttpStatusCode.BadRequest, status);
                Assert.Contains(message, WebUtility.HtmlDecode(page));
            }
        }
        Assert.Single(await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "grant-ledger.exported").ToListAsync()));
    }

    [Fact]
    public async Task The_ledger_page_and_the_api_show_fund_amounts_rates_and_the_same_totals_and_no_reverse_link_on_a_reversed_entry_or_a_reversal()
    {
        await factory.ResetAsync();
        await new LedgerScenario(factory).BuildAsync();
        var entries = await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ValueDate <= Today).ToListAsync());
        var norway = entries.Single(e => e.Donor == "Norway" && e.ReversesEntryId is null);
        var reversal = entries.Single(e => e.ReversesEntryId == norway.Id);
        var switzerland = entries.Single(e => e.Donor == "Switzerland");
        var loss = entries.Single(e => e.Kind == LedgerEntryKind.ExchangeLoss);
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (_, page) = await finance.GetAsync("/Finance/Ledger?Sort=newest");
        var html = WebUtility.HtmlDecode(page);
        Assert.Contains($"href=\"/Finance/Reverse/{switzerland.Id}\"", page);
        Assert.DoesNotContain($"href=\"/Finance/Reverse/{norway.Id}\"", page);
        Assert.DoesNotContain($"href=\"/Finance/Reverse/{reversal.Id}\"", page);
        Assert.Contains($"reversal of the entry of {Iso(norway.ValueDate)} “Contribution: Norway”", html);
        Assert.Contains($"reversed on {Iso(Today)}", html);
        var usdContribution = entries.Single(e => e.Donor == "Canada");
        Assert.Contains($"{usdContribution.FundAmount.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}</td><td>{ExchangeRate.Format(usdContribution.Rate)} (test rate, ", html);
        Assert.Contains($"<td class=\"num\">-{norway.FundAmount.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}</td>", html);
        // The CHF line has only the CHF entries: the seed's contributions, Norway's reversed, and the CHF grant's tranche.
        Assert.Contains("id=\"balance-CHF\">CHF 98,400.00<", page);
        var exchange = entries.Where(e => LedgerKinds.IsExchangeDifference(e.Kind)).Sum(e => e.FundCashEffect);
        Assert.Contains($"id=\"balance-exchange\">{new Money(exchange, "CHF")}<", page);
        Assert.True(exchange < 0, "the loss is larger than the gain");
        Assert.Contains($"id=\"fund-cash\">{new Money(entries.Sum(e => e.FundCashEffect), "CHF")}<", page);

        var secret = await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
        using var http = factory.CreateClient();
        var token = await ApiTokens.AccessTokenAsync(http, "treasury", secret, ApiScopes.LedgerRead);
        using var response = await ApiTokens.GetAsync(http, "/api/v1/ledger", token);
        var ledger = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var chf = ledger.GetProperty("totals").EnumerateArray().First();
        Assert.Equal(("CHF", "98400.00"), (chf.GetProperty("currency").GetString(), chf.GetProperty("balance").GetProperty("amount").GetString()));
        Assert.Equal(exchange.ToString("0.00", CultureInfo.InvariantCulture),
            ledger.GetProperty("exchangeDifferences").GetProperty("balance").GetProperty("amount").GetString());
        Assert.Equal(entries.Sum(e => e.FundCashEffect).ToString("0.00", CultureInfo.InvariantCulture),
            ledger.GetProperty("fund").GetProperty("cash").GetProperty("amount").GetString());
        var apiEntries = ledger.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetGuid());
        Assert.Equal(entries.Count, apiEntries.Count);
        Assert.Equal(norway.Id, apiEntries[reversal.Id].GetProperty("reversesEntryId").GetGuid());
        Assert.Equal(reversal.Id, apiEntries[norway.Id].GetProperty("reversedByEntryId").GetGuid());
        Assert.Equal("-" + norway.FundAmount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            apiEntries[reversal.Id].GetProperty("fundAmount").GetProperty("amount").GetString());
        Assert.Equal((loss.FundAmount.Amount.ToString("0.00", CultureInfo.InvariantCulture), "1"),
            (apiEntries[loss.Id].GetProperty("fundAmount").GetProperty("amount").GetString(), apiEntries[loss.Id].GetProperty("rate").GetString()));

        // The contributions page shows the reversal as such: negative, naming what it reverses; and Norway as reversed.
        var (_, contributions) = await finance.GetAsync("/Finance/Contributions");
        var list = WebUtility.HtmlDecode(contributions);
        Assert.Contains($"<tr id=\"entry-{reversal.Id}\" class=\"reversal\">", list);
        Assert.Contains($"<tr id=\"entry-{norway.Id}\" class=\"reversed\">", list);
        Assert.Contains("CHF -150,000.00", list);
        Assert.Contains("Norway — Reversal: Booked twice.", list);
        var (_, charges) = await finance.GetAsync("/Finance/Charges");
        Assert.Contains("Transfer fee", charges);
        Assert.Contains("USD 25.50", charges);
    }

    [Fact]
    public async Task An_applicant_sees_the_payments_of_its_usd_grant_but_no_exchange_difference_nor_any_fund_currency_figure()
    {
        await factory.ResetAsync();
        var (usd, _) = await new LedgerScenario(factory).BuildAsync();
        var entries = await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ApplicationId == usd).ToListAsync());

        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var (status, page) = await applicant.GetAsync($"/Applications/Details/{usd}");
        Assert.Equal(HttpStatusCode.OK, status);
        var money = GrantMoneyTable(page);
        Assert.Contains("Payment to grantee", money);
        Assert.Contains("USD 1,600.00", money);
        Assert.Contains("Refund from grantee", money);
        Assert.DoesNotContain("Exchange difference", page);
        Assert.DoesNotContain("CHF", money);
        foreach (var e in entries.Where(e => LedgerKinds.IsExchangeDifference(e.Kind))) Assert.DoesNotContain(e.Description, WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("/Finance/GrantLedger/", page);
        Assert.NotEqual(HttpStatusCode.OK, (await applicant.GetAsync($"/Finance/GrantLedger/{usd}")).Status);

        // Finance sees the same grant with its exchange differences and its figures in CHF.
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, staffPage) = await finance.GetAsync($"/Applications/Details/{usd}");
        var staffMoney = GrantMoneyTable(staffPage);
        Assert.Contains("Exchange difference (loss)", staffMoney);
        Assert.Contains("Exchange difference (gain)", staffMoney);
        Assert.Contains(new Money(entries.Single(e => e.Kind == LedgerEntryKind.ExchangeLoss).FundAmount.Amount, "CHF").ToString(), staffMoney);
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_take_for_a_formula_is_written_as_text_marked_with_the_quote_prefix_in_the_fund_ledger()
    {
        await factory.ResetAsync();
        var (donor, earmarking, reference, charge) = ("=HYPERLINK(\"https://evil.example/\",\"Norway\")", "+41 22 730 93 11", "-2+3", "@SUM(A1:A9)");
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            db.LedgerEntries.AddRange(
                LedgerEntry.Contribution(donor, earmarking, new Money(1_000m, "CHF").InFund(Today), Today, reference, "test", now),
                LedgerEntry.BankChargeOnFund(new Money(5m, "CHF").InFund(Today), Today, charge, "FEE-9", "test", now));
            return await db.SaveChangesAsync();
        });
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        using var download = await finance.Client.GetAsync($"/Finance/Ledger?handler=Download&AsOf={Iso(Today)}");
        using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));

        var contributions = workbook.Worksheet("Contributions");
        var columns = Columns(contributions);
        var row = contributions.Column(columns["Donor"]).CellsUsed().Single(c => c.GetString() == donor).Address.RowNumber;
        var bankCharges = workbook.Worksheet("Bank charges");
        var chargeRow = bankCharges.Column(Columns(bankCharges)["Description"]).CellsUsed().Single(c => c.GetString() == charge).Address.RowNumber;
        foreach (var (cell, text) in new[]
                 {
                     (contributions.Cell(row, columns["Donor"]), donor), (contributions.Cell(row, columns["Earmarking"]), earmarking),
                     (contributions.Cell(row, columns["Bank reference"]), reference), (bankCharges.Cell(chargeRow, Columns(bankCharges)["Description"]), charge),
                 })
        {
            Assert.Equal((XLDataType.Text, text, false), (cell.DataType, cell.GetString(), cell.HasFormula));
            Assert.True(cell.Style.IncludeQuotePrefix, $"'{text}' is not marked as text");
        }
        // Text that starts as text is written as it is.
        Assert.False(contributions.Cell(row, columns["Description"]).Style.IncludeQuotePrefix);
    }

    [Fact]
    public async Task An_entry_in_another_currency_from_before_rates_were_kept_is_flagged_on_the_ledger_page_and_has_no_fund_amount_in_the_workbook()
    {
        await factory.ResetAsync();
        // As the migration ExchangeRatesAndConversions left it: its own amount as its "fund amount", at rate 1.
        var day = Today.AddDays(-400);
        var old = new LedgerEntry(LedgerEntryKind.Contribution, new Conversion(new Money(5_000m, "USD"), new Money(5_000m, "USD"), 1m, day,
            Conversion.FundCurrencySource), day, "Contribution: Canada", "CA-2025-1", null, "test", factory.Clock.GetUtcNow().UtcDateTime);
        await factory.WithDbAsync(db =>
        {
            db.LedgerEntries.Add(old);
            return db.SaveChangesAsync();
        });
        var fund = await factory.WithDbAsync(db => FundBalances.OfAsync(db, "CHF", Today, CancellationToken.None));
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        const string note = "Not converted to CHF: recorded in USD before exchange rates were kept, so the fund's balance in CHF leaves it out.";

        var (_, page) = await finance.GetAsync("/Finance/Ledger");
        var html = WebUtility.HtmlDecode(page);
        var start = html.IndexOf($"<tr id=\"entry-{old.Id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the old entry is listed");
        var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        // No figure under "In CHF", and the note where the rate would be.
        Assert.EndsWith($"<td></td><td class=\"not-converted\">{note}</td>", row.TrimEnd());
        Assert.Contains("id=\"fund-cash\">CHF 250,000.00<", page);
        Assert.Equal(250_000m, fund.Cash.Amount);

        using var download = await finance.Client.GetAsync($"/Finance/Ledger?handler=Download&AsOf={Iso(Today)}");
        using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("Contributions");
        var columns = Columns(sheet);
        var line = sheet.Column(columns["Description"]).CellsUsed().Single(c => c.GetString() == "Contribution: Canada").Address.RowNumber;
        Assert.True(sheet.Cell(line, columns[FundAmount]).IsEmpty(), "no fund amount in CHF");
        Assert.Equal(note, sheet.Cell(line, columns["Rate source"]).GetString());
        Assert.Equal(5_000m, sheet.Cell(line, columns["Amount"]).GetValue<decimal>());
        Total(sheet, "Total in CHF", FundAmount, 250_000m);
        Assert.Equal(fund.Cash.Amount, Figure(workbook.Worksheet("Summary"), "Cash", 2));
    }

    private static string GrantMoneyTable(string html)
    {
        var start = html.IndexOf("<table class=\"list\" id=\"grant-money\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has no table of payments and commitments");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteLedgerWorkbookTests(SqliteAppFactory factory) : LedgerWorkbookTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLedgerWorkbookTests(PostgresAppFactory factory) : LedgerWorkbookTests(factory);
