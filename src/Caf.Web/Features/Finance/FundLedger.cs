using System.Globalization;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

public sealed record LedgerRow(DateOnly ValueDate, LedgerEntryKind Kind, string? Grant, string Description, string? BankReference,
    string Currency, decimal CashIn, decimal CashOut, decimal CommitmentChange)
{
    /// <summary>The entry, for a correction; a reversal moves its kind's effects the other way.</summary>
    public Guid Id { get; init; }
    public bool IsReversal { get; init; }
    /// <summary>A donor's contribution or a charge on the fund's own account: corrected from the ledger, not through a grant.</summary>
    public bool OnFundOnly { get; init; }
}

/// <summary>The totals of the entries in one currency; amounts in different currencies are never added together.</summary>
public sealed record CurrencyTotals(string Currency, int EntryCount, Money CashIn, Money CashOut, Money Balance, Money OpenCommitments);

/// <summary>The ledger's totals as of a date: one line per currency, the fund's currency first.</summary>
public sealed record LedgerTotals(DateOnly AsOf, int EntryCount, IReadOnlyList<CurrencyTotals> PerCurrency)
{
    /// <summary>Said wherever balances are shown, so that nobody adds the currencies up by eye.</summary>
    public const string PerCurrencyNote =
        "Totals per currency are each in their own currency; the fund's balance in its currency converts each entry at the rate it was booked at.";

    /// <summary>Totals per currency of <paramref name="rows"/>; the fund's currency always has a line, even with no entry.</summary>
    public static LedgerTotals Of(DateOnly asOf, IReadOnlyList<LedgerRow> rows, string fundCurrency) =>
        new(asOf, rows.Count, rows.Select(r => r.Currency).Append(fundCurrency).Distinct()
            .OrderBy(c => c == fundCurrency ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal)
            .Select(currency =>
            {
                var mine = rows.Where(r => r.Currency == currency).ToList();
                var cashIn = mine.Sum(r => r.CashIn);
                var cashOut = mine.Sum(r => r.CashOut);
                return new CurrencyTotals(currency, mine.Count, new Money(cashIn, currency), new Money(cashOut, currency),
                    new Money(cashIn - cashOut, currency), new Money(mine.Sum(r => r.CommitmentChange), currency));
            }).ToList());

    /// <summary>
    /// The same totals from sums per currency and kind that SQL added up, so that a page of a long ledger still shows the
    /// totals of every entry under its filter without reading them.
    /// </summary>
    public static LedgerTotals Of(DateOnly asOf, IReadOnlyList<LedgerSum> sums, string fundCurrency) =>
        new(asOf, sums.Sum(s => s.Count), sums.Select(s => s.Currency).Append(fundCurrency).Distinct()
            .OrderBy(c => c == fundCurrency ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal)
            .Select(currency =>
            {
                var mine = sums.Where(s => s.Currency == currency).ToList();
                var cashIn = mine.Sum(s => Math.Max(LedgerEntry.CashEffectOf(s.Kind, s.Amount), 0));
                var cashOut = mine.Sum(s => Math.Max(-LedgerEntry.CashEffectOf(s.Kind, s.Amount), 0));
                return new CurrencyTotals(currency, mine.Sum(s => s.Count), new Money(cashIn, currency), new Money(cashOut, currency),
                    new Money(cashIn - cashOut, currency),
                    new Money(mine.Sum(s => LedgerEntry.CommitmentEffectOf(s.Kind, s.Amount)), currency));
            }).ToList());

    /// <summary>"CHF 1,000.00; USD 200.00" — for one line of text.</summary>
    public string Describe(Func<CurrencyTotals, Money> figure) => string.Join("; ", PerCurrency.Select(t => figure(t).ToString()));
}

/// <summary>The entries of one currency and kind under a filter, as SQL counted and added them up.</summary>
public sealed record LedgerSum(string Currency, LedgerEntryKind Kind, int Count, decimal Amount);

/// <summary>Which entries the ledger page lists: value dates from and to (to: today when not given), one kind or all.</summary>
public sealed record LedgerFilter(DateOnly? From, DateOnly? To, LedgerEntryKind? Kind, bool NewestFirst)
{
    /// <summary>What is wrong with the dates asked for, by field (From, To): within the calendar the fund keeps, in order.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (From is { } from && Bounds.Date("The first date", from) is { } early) yield return (nameof(From), early);
        if (To is { } to && Bounds.Date("The as-of date", to) is { } late) yield return (nameof(To), late);
        if (From > To) yield return (nameof(From), "The first date must be on or before the as-of date.");
    }
}

/// <summary>
/// The fund ledger: every entry up to a date, its totals per currency, and the same as an Excel workbook for finance and
/// auditors. Until exchange rates are recorded, an entry in another currency than the fund's is shown in its own currency
/// and totalled apart (ADR 0017).
/// </summary>
public sealed class FundLedger(CafDbContext db, IOptions<GrantRulesOptions> options, TimeProvider clock, RecordedReads reads)
{
    public const string SheetName = "Fund ledger";
    public const int HeaderRow = 4;
    public static readonly string[] Columns =
        ["Value date", "Type", "Grant", "Description", "Bank reference", "Currency", "Cash in", "Cash out", "Commitment change", "Cash balance"];

    private string Currency => options.Value.FundCurrency;

    /// <summary>Every entry up to the date (today when not given), oldest first, and their totals: for the workbook and the API.</summary>
    public async Task<(IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals)> ReadAsync(DateOnly? asOf, CancellationToken ct)
    {
        var date = asOf ?? FundTime.Today(clock);
        var entries = await Fields(db.LedgerEntries.Where(e => e.ValueDate <= date)
            .OrderBy(e => e.ValueDate).ThenBy(e => e.RecordedAtUtc)).ToListAsync(ct);
        var rows = entries.Select(ToRow).ToList();
        return (rows, LedgerTotals.Of(date, rows, Currency));
    }

    /// <summary>
    /// One page of the entries under the filter, and the totals of all of them per currency, added up by SQL: the page
    /// never reads more than its own rows.
    /// </summary>
    public async Task<(IReadOnlyList<LedgerRow> Rows, ListPage Page, LedgerTotals Totals)> ReadPageAsync(LedgerFilter filter, int? page,
        CancellationToken ct)
    {
        var to = filter.To ?? FundTime.Today(clock);
        var entries = db.LedgerEntries.Where(e => e.ValueDate <= to);
        if (filter.From is { } from) entries = entries.Where(e => e.ValueDate >= from);
        if (filter.Kind is { } kind) entries = entries.Where(e => e.Kind == kind);
        var grouped = await entries.GroupBy(e => new { e.Amount.Currency, e.Kind, Reversal = e.ReversesEntryId != null })
            .Select(g => new { g.Key.Currency, g.Key.Kind, g.Key.Reversal, Count = g.Count(), Amount = g.Sum(e => e.Amount.Amount) }).ToListAsync(ct);
        // A reversal's amount counts against its kind.
        var sums = grouped.Select(g => new LedgerSum(g.Currency, g.Kind, g.Count, g.Reversal ? -g.Amount : g.Amount)).ToList();
        var ordered = filter.NewestFirst
            ? entries.OrderByDescending(e => e.ValueDate).ThenByDescending(e => e.RecordedAtUtc).ThenByDescending(e => e.Id)
            : entries.OrderBy(e => e.ValueDate).ThenBy(e => e.RecordedAtUtc).ThenBy(e => e.Id);
        var (fields, paging) = await Fields(ordered).ToListPageAsync(page, sums.Sum(s => s.Count), ct);
        return (fields.Select(ToRow).ToList(), paging, LedgerTotals.Of(to, sums, Currency));
    }

    /// <summary>Cash, open commitments and what is available to commit as of a date, every currency in fund currency (ADR 0022).</summary>
    public Task<FundBalance> FundBalanceAsync(DateOnly? asOf, CancellationToken ct) =>
        FundBalances.OfAsync(db, Currency, asOf ?? FundTime.Today(clock), ct);

    /// <summary>The columns a ledger row needs, read in SQL (the grant's reference, not the grant).</summary>
    private sealed record EntryFields(DateOnly ValueDate, LedgerEntryKind Kind, string? Grant, string Description, string? BankReference,
        string Currency, decimal Amount, Guid Id, bool Reversal, bool OnFundOnly);

    private static IQueryable<EntryFields> Fields(IQueryable<LedgerEntry> entries) =>
        entries.AsNoTracking().Select(e => new EntryFields(e.ValueDate, e.Kind, e.Application!.Reference, e.Description, e.BankReference,
            e.Amount.Currency, e.Amount.Amount, e.Id, e.ReversesEntryId != null, e.ApplicationId == null));

    private static LedgerRow ToRow(EntryFields e)
    {
        var amount = e.Reversal ? -e.Amount : e.Amount;
        var cash = LedgerEntry.CashEffectOf(e.Kind, amount);
        return new LedgerRow(e.ValueDate, e.Kind, e.Grant, e.Description, e.BankReference, e.Currency, Math.Max(cash, 0), Math.Max(-cash, 0),
            LedgerEntry.CommitmentEffectOf(e.Kind, amount)) { Id = e.Id, IsReversal = e.Reversal, OnFundOnly = e.OnFundOnly };
    }

    private static string MoneyFormat(string currency) => $"[${currency}] #,##0.00;[${currency}] -#,##0.00";

    public XLWorkbook BuildWorkbook(IReadOnlyList<LedgerRow> rows, LedgerTotals totals)
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        sheet.Cell(1, 1).Value = "Cooperation and Assistance Fund — fund ledger";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        sheet.Cell(2, 1).Value = "As of";
        sheet.Cell(2, 2).Value = totals.AsOf.ToDateTime(TimeOnly.MinValue);
        sheet.Cell(2, 2).Style.NumberFormat.Format = "yyyy-mm-dd";
        sheet.Cell(2, 3).Value = $"Fund currency {Currency}; generated {FundTime.DescribeWithUtc(clock.GetUtcNow().UtcDateTime)}";
        sheet.Cell(3, 1).Value = LedgerTotals.PerCurrencyNote;

        for (var c = 0; c < Columns.Length; c++) sheet.Cell(HeaderRow, c + 1).Value = Columns[c];
        var header = sheet.Range(HeaderRow, 1, HeaderRow, Columns.Length);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE6F0");

        var first = HeaderRow + 1;
        // The cash balance runs per currency: each row adds to the last row in the same currency.
        var previousRow = new Dictionary<string, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = first + i;
            sheet.Cell(row, 1).Value = r.ValueDate.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(row, 2).Value = DisplayNames.Label(r.Kind);
            sheet.Cell(row, 3).Value = r.Grant ?? "";
            sheet.Cell(row, 4).Value = r.Description;
            sheet.Cell(row, 5).Value = r.BankReference ?? "";
            sheet.Cell(row, 6).Value = r.Currency;
            sheet.Cell(row, 7).Value = r.CashIn;
            sheet.Cell(row, 8).Value = r.CashOut;
            sheet.Cell(row, 9).Value = r.CommitmentChange;
            sheet.Cell(row, 10).FormulaA1 = previousRow.TryGetValue(r.Currency, out var previous)
                ? $"ROUND(J{previous}+G{row}-H{row},2)" : $"ROUND(G{row}-H{row},2)";
            previousRow[r.Currency] = row;
            sheet.Range(row, 7, row, 10).Style.NumberFormat.Format = MoneyFormat(r.Currency);
        }
        var last = first + rows.Count - 1;
        // One total line per currency, each a formula over the rows of that currency only; rounded to the cent because
        // spreadsheets add in binary floating point (12,345.67 − 9,876.54 − 2,469.13 is not 0 there).
        for (var i = 0; i < totals.PerCurrency.Count; i++)
        {
            var currency = totals.PerCurrency[i].Currency;
            var totalRow = last + 1 + i;
            sheet.Cell(totalRow, 1).Value = $"Total {currency}";
            sheet.Cell(totalRow, 6).Value = currency;
            foreach (var column in new[] { "G", "H", "I" })
                sheet.Cell($"{column}{totalRow}").FormulaA1 = rows.Count == 0
                    ? "0" : $"ROUND(SUMIF(F{first}:F{last},\"{currency}\",{column}{first}:{column}{last}),2)";
            sheet.Cell($"J{totalRow}").FormulaA1 = $"ROUND(G{totalRow}-H{totalRow},2)";
            sheet.Range(totalRow, 7, totalRow, 10).Style.NumberFormat.Format = MoneyFormat(currency);
        }
        var firstTotal = last + 1;
        var lastTotal = last + totals.PerCurrency.Count;
        sheet.Range(firstTotal, 1, lastTotal, Columns.Length).Style.Font.Bold = true;
        sheet.Range(firstTotal, 1, firstTotal, Columns.Length).Style.Border.TopBorder = XLBorderStyleValues.Thin;

        sheet.Range(first, 1, Math.Max(last, first), 1).Style.NumberFormat.Format = "yyyy-mm-dd";
        sheet.SheetView.FreezeRows(HeaderRow);
        sheet.Range(HeaderRow, 1, Math.Max(last, HeaderRow), Columns.Length).SetAutoFilter();
        // Widths are set by hand: AdjustToContents needs System.Drawing, which is not on Linux.
        double[] widths = [12, 18, 15, 50, 20, 9, 18, 18, 20, 18];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        return workbook;
    }

    public async Task<LedgerTotals> ExportAsync(DateOnly? asOf, string path, CancellationToken ct)
    {
        var (rows, totals) = await ReadAsync(asOf, ct);
        using var workbook = BuildWorkbook(rows, totals);
        workbook.SaveAs(path);
        await RecordExportAsync(totals, ct);
        return totals;
    }

    public async Task<(byte[] Content, LedgerTotals Totals)> ExportBytesAsync(DateOnly? asOf, CancellationToken ct)
    {
        var (rows, totals) = await ReadAsync(asOf, ct);
        using var workbook = BuildWorkbook(rows, totals);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await RecordExportAsync(totals, ct);
        return (stream.ToArray(), totals);
    }

    private Task RecordExportAsync(LedgerTotals totals, CancellationToken ct) =>
        reads.RecordAsync("ledger.exported", "FundLedger", null, new
        {
            asOf = totals.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entries = totals.EntryCount,
            perCurrency = totals.PerCurrency.Select(t => new { currency = t.Currency, cashIn = t.CashIn.Amount, cashOut = t.CashOut.Amount }),
        }, ct);
}
