using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Shared;
using Caf.Workflows.Grants;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

public sealed record LedgerRow(DateOnly ValueDate, LedgerEntryKind Kind, string? Grant, string Description, string? BankReference,
    string Currency, decimal CashIn, decimal CashOut, decimal CommitmentChange);

public sealed record LedgerTotals(DateOnly AsOf, int EntryCount, Money CashIn, Money CashOut, Money Balance, Money OpenCommitments);

/// <summary>The fund ledger: every entry up to a date, its totals, and the same as an Excel workbook for finance and auditors.</summary>
public sealed class FundLedger(CafDbContext db, IOptions<GrantRulesOptions> options, TimeProvider clock)
{
    public const string SheetName = "Fund ledger";
    public const int HeaderRow = 4;
    public static readonly string[] Columns =
        ["Value date", "Type", "Grant", "Description", "Bank reference", "Currency", "Cash in", "Cash out", "Commitment change", "Cash balance"];

    private string Currency => options.Value.FundCurrency;

    public async Task<(IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals)> ReadAsync(DateOnly? asOf, CancellationToken ct)
    {
        var date = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var entries = await db.LedgerEntries.AsNoTracking().Include(e => e.Application)
            .Where(e => e.ValueDate <= date)
            .OrderBy(e => e.ValueDate).ThenBy(e => e.RecordedAtUtc)
            .ToListAsync(ct);
        if (entries.FirstOrDefault(e => e.Amount.Currency != Currency) is { } foreign)
            throw new InvalidOperationException(
                $"Ledger entry '{foreign.Description}' is in {foreign.Amount.Currency}; the fund ledger is kept in {Currency}.");
        var rows = entries.Select(e => new LedgerRow(e.ValueDate, e.Kind, e.Application?.Reference, e.Description, e.BankReference,
            e.Amount.Currency, Math.Max(e.CashEffect, 0), Math.Max(-e.CashEffect, 0), e.CommitmentEffect)).ToList();
        var cashIn = rows.Sum(r => r.CashIn);
        var cashOut = rows.Sum(r => r.CashOut);
        var totals = new LedgerTotals(date, rows.Count, new Money(cashIn, Currency), new Money(cashOut, Currency),
            new Money(cashIn - cashOut, Currency), new Money(rows.Sum(r => r.CommitmentChange), Currency));
        return (rows, totals);
    }

    public XLWorkbook BuildWorkbook(IReadOnlyList<LedgerRow> rows, LedgerTotals totals)
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        var money = $"[${Currency}] #,##0.00;[${Currency}] -#,##0.00";
        sheet.Cell(1, 1).Value = "Cooperation and Assistance Fund — fund ledger";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        sheet.Cell(2, 1).Value = "As of";
        sheet.Cell(2, 2).Value = totals.AsOf.ToDateTime(TimeOnly.MinValue);
        sheet.Cell(2, 2).Style.NumberFormat.Format = "yyyy-mm-dd";
        sheet.Cell(2, 3).Value = $"Fund currency {Currency}; generated {clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC";

        for (var c = 0; c < Columns.Length; c++) sheet.Cell(HeaderRow, c + 1).Value = Columns[c];
        var header = sheet.Range(HeaderRow, 1, HeaderRow, Columns.Length);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE6F0");

        var first = HeaderRow + 1;
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
            sheet.Cell(row, 10).FormulaA1 = i == 0 ? $"G{row}-H{row}" : $"J{row - 1}+G{row}-H{row}";
        }
        var last = first + rows.Count - 1;
        var totalRow = last + 1;
        sheet.Cell(totalRow, 1).Value = "Total";
        foreach (var column in new[] { "G", "H", "I" })
            sheet.Cell($"{column}{totalRow}").FormulaA1 = rows.Count == 0 ? "0" : $"SUM({column}{first}:{column}{last})";
        sheet.Cell($"J{totalRow}").FormulaA1 = $"G{totalRow}-H{totalRow}";
        sheet.Range(totalRow, 1, totalRow, Columns.Length).Style.Font.Bold = true;
        sheet.Range(totalRow, 1, totalRow, Columns.Length).Style.Border.TopBorder = XLBorderStyleValues.Thin;

        sheet.Range(first, 1, Math.Max(totalRow, first), 1).Style.NumberFormat.Format = "yyyy-mm-dd";
        sheet.Range(first, 7, totalRow, 10).Style.NumberFormat.Format = money;
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

    private async Task RecordExportAsync(LedgerTotals totals, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent("ledger.exported", "FundLedger", null, JsonSerializer.Serialize(new
        {
            asOf = totals.AsOf.ToString("yyyy-MM-dd"),
            entries = totals.EntryCount,
            cashIn = totals.CashIn.Amount,
            cashOut = totals.CashOut.Amount,
        })));
        await db.SaveChangesAsync(ct);
    }
}
