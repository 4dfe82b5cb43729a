using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Grants;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>What a grant ledger says about the grant above its entries.</summary>
public sealed record GrantLedgerHeader(Guid Id, string Reference, string Title, string ApplicantState, string Currency, decimal? ApprovedAmount);

/// <summary>A grant ledger written out: the file, its name, and what it holds.</summary>
public sealed record GrantLedgerExport(string Reference, DateOnly AsOf, int EntryCount, byte[] Content)
{
    public string FileName => $"caf-grant-ledger-{Reference}-{LedgerSheets.Iso(AsOf)}.xlsx";
}

/// <summary>
/// One grant's ledger as a workbook for finance and auditors: the grant, its entries up to a date with their fund
/// amounts and rates, and its totals as formulas (docs/features/finance.md, "Ledgers").
/// </summary>
public sealed class GrantLedger(CafDbContext db, IOptions<GrantRulesOptions> options, TimeProvider clock, RecordedReads reads)
{
    // In the language of the person downloading (issue 15).
    public static string SheetName => InterfaceLanguage.Text("GrantBook.Sheet");
    public const int HeaderRow = 12;

    public static string Committed => InterfaceLanguage.Text("GrantBook.Committed");
    public static string Released => InterfaceLanguage.Text("GrantBook.Released");
    public static string Disbursed => InterfaceLanguage.Text("GrantBook.Disbursed");
    public static string Refunded => InterfaceLanguage.Text("GrantBook.Refunded");
    public static string BankCharges => InterfaceLanguage.Text("FundBook.BankCharges");
    public static string Unpaid => InterfaceLanguage.Text("GrantBook.Unpaid");
    public static string ExchangeLosses => InterfaceLanguage.Text("GrantBook.ExchangeLosses");
    public static string ExchangeGains => InterfaceLanguage.Text("GrantBook.ExchangeGains");
    public static string ExchangeNet => InterfaceLanguage.Text("GrantBook.ExchangeNet");

    /// <summary>The grant with this reference (CAF-YYYY-NNN), if there is one.</summary>
    public Task<Guid?> FindAsync(string reference, CancellationToken ct) =>
        db.Applications.AsNoTracking().Where(a => a.Reference == reference).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

    /// <summary>The workbook of the grant as of the date (today when not given), audited as an export; null when there is no such grant.</summary>
    public async Task<GrantLedgerExport?> ExportAsync(Guid id, DateOnly? asOf, CancellationToken ct)
    {
        var header = await db.Applications.AsNoTracking().Where(a => a.Id == id && a.Reference != null)
            .Select(a => new GrantLedgerHeader(a.Id, a.Reference!, a.Title, a.ApplicantState!.Name, a.Currency, a.ApprovedAmountValue))
            .FirstOrDefaultAsync(ct);
        if (header is null) return null;
        var date = asOf ?? FundTime.Today(clock);
        var rows = await LedgerRows.Of(db, db.LedgerEntries.AsNoTracking().Where(e => e.ApplicationId == id && e.ValueDate <= date),
            reversalsUpTo: date).ToListAsync(ct);
        using var workbook = Build(header, rows, date, options.Value.FundCurrency, clock.GetUtcNow().UtcDateTime);
        var export = new GrantLedgerExport(header.Reference, date, rows.Count, LedgerSheets.Save(workbook));
        await reads.RecordAsync("grant-ledger.exported", "GrantApplication", id.ToString(), new
        {
            reference = header.Reference,
            asOf = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entries = rows.Count,
        }, ct);
        return export;
    }

    internal static XLWorkbook Build(GrantLedgerHeader grant, IReadOnlyList<LedgerRow> rows, DateOnly asOf, string fundCurrency, DateTime generatedAtUtc)
    {
        var workbook = new XLWorkbook();
        LedgerSheets.Describe(workbook, InterfaceLanguage.Format("GrantBook.Title", grant.Reference), asOf, generatedAtUtc);
        var sheet = workbook.Worksheets.Add(SheetName);
        LedgerSheets.Title(sheet, InterfaceLanguage.Format("GrantBook.SheetTitle", grant.Reference));
        LedgerSheets.Fact(sheet, 2, InterfaceLanguage.Text("Book.Grant"), grant.Reference);
        LedgerSheets.Fact(sheet, 3, InterfaceLanguage.Text("Book.Title"), grant.Title);
        LedgerSheets.Fact(sheet, 4, InterfaceLanguage.Text("Book.ApplicantState"), grant.ApplicantState);
        LedgerSheets.Fact(sheet, 5, LedgerSheets.Currency, grant.Currency);
        var approvedLabel = InterfaceLanguage.Text("GrantBook.ApprovedAmount");
        if (grant.ApprovedAmount is { } approved) LedgerSheets.Fact(sheet, 6, approvedLabel, approved, LedgerSheets.MoneyFormat(grant.Currency));
        else LedgerSheets.Fact(sheet, 6, approvedLabel, InterfaceLanguage.Text("GrantBook.NotApproved"));
        // The rate every payment and release of the grant is booked at (ADR 0022).
        if (rows.FirstOrDefault(r => r.Kind == LedgerEntryKind.Commitment && !r.IsReversal && !r.IsReversed) is { } commitment)
        {
            LedgerSheets.Fact(sheet, 7, InterfaceLanguage.Text("GrantBook.CommitmentRate"), commitment.Rate, LedgerSheets.RateFormat);
            WorkbookText.Write(sheet.Cell(7, 3), $"{commitment.Currency} → {fundCurrency}, {commitment.RateSource}, {LedgerSheets.Iso(commitment.RateDate)}");
        }
        else LedgerSheets.Fact(sheet, 7, InterfaceLanguage.Text("GrantBook.CommitmentRate"), InterfaceLanguage.Text("GrantBook.NoCommitment"));
        LedgerSheets.Facts(sheet, 8, asOf, fundCurrency, generatedAtUtc);

        var table = LedgerSheets.WriteEntries(sheet, HeaderRow, LedgerSheets.EntryColumns(fundCurrency, _ => 1, LedgerSheets.TypeColumn()), rows);
        var amount = LedgerSheets.Amount;
        var fund = LedgerSheets.FundAmount;
        var lines = new Dictionary<string, int>();
        foreach (var (label, kind) in new[]
                 {
                     (Committed, LedgerEntryKind.Commitment), (Released, LedgerEntryKind.CommitmentRelease), (Disbursed, LedgerEntryKind.Disbursement),
                     (Refunded, LedgerEntryKind.Refund), (BankCharges, LedgerEntryKind.BankCharge),
                 })
            lines[label] = table.AddTotal(label, grant.Currency,
                (amount, table.SumIf(LedgerSheets.Type, DisplayNames.Label(kind), amount), grant.Currency),
                (fund, table.SumIf(LedgerSheets.Type, DisplayNames.Label(kind), fund), fundCurrency));
        string UnpaidIn(string column) =>
            $"{table.Letter(column)}{lines[Committed]}-{table.Letter(column)}{lines[Released]}-{table.Letter(column)}{lines[Disbursed]}";
        table.AddTotal(Unpaid, grant.Currency, (amount, UnpaidIn(amount), grant.Currency), (fund, UnpaidIn(fund), fundCurrency));
        foreach (var (label, kind) in new[] { (ExchangeLosses, LedgerEntryKind.ExchangeLoss), (ExchangeGains, LedgerEntryKind.ExchangeGain) })
            lines[label] = table.AddTotal(label, fundCurrency, (fund, table.SumIf(LedgerSheets.Type, DisplayNames.Label(kind), fund), fundCurrency));
        table.AddTotal(ExchangeNet, fundCurrency,
            (fund, $"{table.Letter(fund)}{lines[ExchangeGains]}-{table.Letter(fund)}{lines[ExchangeLosses]}", fundCurrency));
        return workbook;
    }
}
