using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>The totals of the entries in one currency; amounts in different currencies are never added together.</summary>
public sealed record CurrencyTotals(string Currency, int EntryCount, Money CashIn, Money CashOut, Money Balance, Money OpenCommitments);

/// <summary>
/// The ledger's totals as of a date: one line per currency, the fund's currency first, and the exchange differences on a
/// line of their own in fund currency. A reversal counts against its own kind (a reversed contribution lowers cash in).
/// </summary>
public sealed record LedgerTotals(DateOnly AsOf, int EntryCount, IReadOnlyList<CurrencyTotals> PerCurrency, CurrencyTotals ExchangeDifferences)
{
    /// <summary>Said wherever balances are shown, so that nobody adds the currencies up by eye, nor looks for exchange differences in one.</summary>
    public static string Note(string fundCurrency) => InterfaceLanguage.Format("Ledger.PerCurrencyNote", fundCurrency);

    /// <summary>Totals of <paramref name="rows"/>; the fund's currency always has a line, even with no entry.</summary>
    public static LedgerTotals Of(DateOnly asOf, IEnumerable<LedgerRow> rows, string fundCurrency) =>
        Of(asOf, rows.GroupBy(r => (r.Currency, r.Kind)).Select(g => new LedgerSum(g.Key.Currency, g.Key.Kind, g.Count(), g.Sum(r => r.Amount.Amount)))
            .ToList(), fundCurrency);

    /// <summary>
    /// The same totals from sums per currency and kind that SQL added up (reversals already negative), so that a page of a
    /// long ledger still shows the totals of every entry under its filter without reading them.
    /// </summary>
    public static LedgerTotals Of(DateOnly asOf, IReadOnlyList<LedgerSum> sums, string fundCurrency)
    {
        var entries = sums.Where(s => !LedgerKinds.IsExchangeDifference(s.Kind)).ToList();
        var perCurrency = entries.Select(s => s.Currency).Append(fundCurrency).Distinct()
            .OrderBy(c => c == fundCurrency ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal)
            .Select(currency => Line(currency, entries.Where(s => s.Currency == currency).ToList())).ToList();
        return new LedgerTotals(asOf, sums.Sum(s => s.Count), perCurrency,
            Line(fundCurrency, sums.Where(s => LedgerKinds.IsExchangeDifference(s.Kind)).ToList()));
    }

    private static CurrencyTotals Line(string currency, IReadOnlyList<LedgerSum> sums)
    {
        var cashIn = sums.Where(s => LedgerEntry.CashEffectOf(s.Kind, 1m) > 0).Sum(s => s.Amount);
        var cashOut = sums.Where(s => LedgerEntry.CashEffectOf(s.Kind, 1m) < 0).Sum(s => s.Amount);
        return new CurrencyTotals(currency, sums.Sum(s => s.Count), new Money(cashIn, currency), new Money(cashOut, currency),
            new Money(cashIn - cashOut, currency), new Money(sums.Sum(s => LedgerEntry.CommitmentEffectOf(s.Kind, s.Amount)), currency));
    }
}

/// <summary>The entries of one currency and kind under a filter, as SQL counted and added them up; a reversal's amount is negative.</summary>
public sealed record LedgerSum(string Currency, LedgerEntryKind Kind, int Count, decimal Amount);

/// <summary>Which entries the ledger page lists: value dates from and to (to: today when not given), one kind or all.</summary>
public sealed record LedgerFilter(DateOnly? From, DateOnly? To, LedgerEntryKind? Kind, bool NewestFirst)
{
    /// <summary>What is wrong with the dates asked for, by field (From, To): within the calendar the fund keeps, in order.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (From is { } from && Bounds.Date(InterfaceLanguage.Text("Ledger.TheFirstDate"), from) is { } early) yield return (nameof(From), early);
        if (To is { } to && Bounds.Date(InterfaceLanguage.Text("Ledger.TheAsOfDate"), to) is { } late) yield return (nameof(To), late);
        if (From > To) yield return (nameof(From), InterfaceLanguage.Text("Ledger.FromAfterAsOf"));
    }
}

/// <summary>
/// The fund ledger: every entry up to a date with its fund amount and rate, its totals per currency and in fund
/// currency, and the same as an Excel workbook for finance and auditors (ADR 0017, ADR 0022; layout in
/// docs/features/finance.md, "Ledgers").
/// </summary>
public sealed class FundLedger(CafDbContext db, IOptions<GrantRulesOptions> options, TimeProvider clock, RecordedReads reads)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private string Currency => options.Value.FundCurrency;

    /// <summary>Every entry up to the date (today when not given), oldest first, and their totals: for the workbook and the API.</summary>
    public async Task<(IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals)> ReadAsync(DateOnly? asOf, CancellationToken ct)
    {
        var date = asOf ?? FundTime.Today(clock);
        var rows = await LedgerRows.Of(db, db.LedgerEntries.AsNoTracking().Where(e => e.ValueDate <= date), reversalsUpTo: date).ToListAsync(ct);
        return (rows, LedgerTotals.Of(date, rows, Currency));
    }

    /// <summary>
    /// One page of the entries under the filter, and the totals of all of them per currency, added up by SQL: the page
    /// never reads more than its own rows. A row says whether the entry was reversed, whenever that was.
    /// </summary>
    public async Task<(IReadOnlyList<LedgerRow> Rows, ListPage Page, LedgerTotals Totals)> ReadPageAsync(LedgerFilter filter, int? page,
        CancellationToken ct)
    {
        var to = filter.To ?? FundTime.Today(clock);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.ValueDate <= to);
        if (filter.From is { } from) entries = entries.Where(e => e.ValueDate >= from);
        if (filter.Kind is { } kind) entries = entries.Where(e => e.Kind == kind);
        var sums = await SumsAsync(filter.From, to, filter.Kind, ct);
        var (rows, paging) = await LedgerRows.Of(db, entries, filter.NewestFirst).ToListPageAsync(page, sums.Sum(s => s.Count), ct);
        return (rows, paging, LedgerTotals.Of(to, sums, Currency));
    }

    /// <summary>
    /// The count and sum per currency and kind of the entries with a value date in the range (and of the kind, if given),
    /// from the sums kept with the entries: whole months and the days at the ends (ADR 0041).
    /// </summary>
    private async Task<List<LedgerSum>> SumsAsync(DateOnly? from, DateOnly to, LedgerEntryKind? kind, CancellationToken ct)
    {
        var sums = db.LedgerPeriodSums.AsNoTracking().Covering(from, to);
        if (kind is { } only) sums = sums.Where(s => s.Kind == only);
        var grouped = await sums.GroupBy(s => new { s.Currency, s.Kind, s.Reversal })
            .Select(g => new { g.Key.Currency, g.Key.Kind, g.Key.Reversal, Count = g.Sum(s => s.Count), Amount = g.Sum(s => s.Amount) }).ToListAsync(ct);
        // A reversal's amount counts against its kind.
        return [.. grouped.Select(g => new LedgerSum(g.Currency, g.Kind, g.Count, g.Reversal ? -g.Amount : g.Amount))];
    }

    /// <summary>Cash, open commitments and what is available to commit as of a date, every currency in fund currency (ADR 0022).</summary>
    public Task<FundBalance> FundBalanceAsync(DateOnly? asOf, CancellationToken ct) =>
        FundBalances.OfAsync(db, Currency, asOf ?? FundTime.Today(clock), ct);

    /// <summary>The workbook as of the date (today when not given) in a temporary file that goes when it is closed, audited as an export.</summary>
    public Task<(Stream Content, LedgerTotals Totals)> ExportAsync(DateOnly? asOf, CancellationToken ct) =>
        StreamedWorkbook.ToTemporaryFileAsync(file => ExportAsync(asOf, file, ct));

    /// <summary>
    /// Writes the workbook as of the date (today when not given) to <paramref name="output"/>, audited as an export: the
    /// totals added up by SQL, then each sheet's rows streamed from the database into it (issue 16).
    /// </summary>
    public async Task<LedgerTotals> ExportAsync(DateOnly? asOf, Stream output, CancellationToken ct)
    {
        var date = asOf ?? FundTime.Today(clock);
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.ValueDate <= date);
        var totals = LedgerTotals.Of(date, await SumsAsync(null, date, null, ct), Currency);
        await FundLedgerWorkbook.WriteAsync(output, totals, Currency, clock.GetUtcNow().UtcDateTime,
            kinds => LedgerRows.Of(db, entries.Where(e => kinds.Contains(e.Kind)), reversalsUpTo: date).AsAsyncEnumerable(), ct);
        await reads.RecordAsync("ledger.exported", "FundLedger", null, new
        {
            asOf = totals.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entries = totals.EntryCount,
            perCurrency = totals.PerCurrency.Select(t => new { currency = t.Currency, cashIn = t.CashIn.Amount, cashOut = t.CashOut.Amount }),
            exchangeDifferences = totals.ExchangeDifferences.Balance.Amount,
        }, ct);
        return totals;
    }

    public static string FileName(DateOnly asOf) => $"caf-fund-ledger-{asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";
}
