using System.Globalization;
using Caf.Data;
using Caf.Data.Finance;
using ClosedXML.Excel;

namespace Caf.Web.Features.Finance;

/// <summary>One column of a sheet of rows (ledger entries, statement lines, grants): its heading, width, and what it shows of a row.</summary>
internal sealed record SheetColumn<TRow>(string Header, double Width, Action<IXLCell, TRow> Write);

/// <summary>
/// What the finance workbooks (the fund ledger, a grant ledger, the reconciliation) have in common: document properties,
/// columns with real number formats, frozen headings, an auto-filter, and totals written as formulas rounded to the cent
/// (ADR 0017).
/// </summary>
internal static class LedgerSheets
{
    public const string Generator = "CafGrants";
    public const string DateFormat = "yyyy-mm-dd";
    public const string RateFormat = "0.00######";
    public const string PercentFormat = "0.00%";
    public const string TimeFormat = "yyyy-mm-dd hh:mm";
    public static string Type => InterfaceLanguage.Text("Book.Type");
    public static string Currency => InterfaceLanguage.Text("Book.Currency");
    public static string Amount => InterfaceLanguage.Text("Book.Amount");
    public static string FundAmount => InterfaceLanguage.Text("Book.FundAmount");

    /// <summary>
    /// An amount shown with its currency code, "CHF 1,234.50" and "CHF -1,234.50", the cell a number. The code is quoted
    /// text: written as [$CHF] or [$USD], ClosedXML reads the H and the D as hours and days and gives back a date.
    /// </summary>
    public static string MoneyFormat(string currency) => $"\"{currency}\" #,##0.00;\"{currency}\" -#,##0.00";

    /// <summary>Title, as-of date, generator and generation time in the workbook's document properties.</summary>
    public static void Describe(XLWorkbook workbook, string title, DateOnly asOf, DateTime generatedAtUtc)
    {
        var date = Iso(asOf);
        workbook.Properties.Title = title;
        workbook.Properties.Subject = InterfaceLanguage.Format("Book.Subject", date);
        workbook.Properties.Author = Generator;
        workbook.Properties.LastModifiedBy = Generator;
        workbook.Properties.Created = generatedAtUtc;
        workbook.Properties.Modified = generatedAtUtc;
        workbook.Properties.Comments = InterfaceLanguage.Format("Book.Comments", title, date, Generator,
            generatedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        // The custom properties' names stay the same in every language: programs read them.
        workbook.CustomProperties.Add("As of", asOf.ToDateTime(TimeOnly.MinValue));
        workbook.CustomProperties.Add("Generator", Generator);
        workbook.CustomProperties.Add("Generated at (UTC)", generatedAtUtc);
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A label and a value on one line of a sheet's heading; a text value (a grant's title, a state's name) as <see cref="WorkbookText"/>.</summary>
    public static void Fact(IXLWorksheet sheet, int row, string label, object value, string? format = null)
    {
        sheet.Cell(row, 1).Value = label;
        sheet.Cell(row, 1).Style.Font.Bold = true;
        if (value is string text) WorkbookText.Write(sheet.Cell(row, 2), text);
        else sheet.Cell(row, 2).Value = value;
        if (format is not null) sheet.Cell(row, 2).Style.NumberFormat.Format = format;
    }

    /// <summary>The as-of date, the fund's currency, and when and by what the workbook was made, on three lines from <paramref name="row"/>.</summary>
    public static void Facts(IXLWorksheet sheet, int row, DateOnly asOf, string fundCurrency, DateTime generatedAtUtc)
    {
        Fact(sheet, row, InterfaceLanguage.Text("Book.AsOf"), asOf.ToDateTime(TimeOnly.MinValue), DateFormat);
        Fact(sheet, row + 1, InterfaceLanguage.Text("Book.FundCurrency"), fundCurrency);
        Fact(sheet, row + 2, InterfaceLanguage.Text("Book.Generated"),
            InterfaceLanguage.Format("Book.GeneratedBy", FundTime.DescribeWithUtc(generatedAtUtc), Generator));
    }

    public static void Title(IXLWorksheet sheet, string text)
    {
        sheet.Cell(1, 1).Value = text;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
    }

    /// <summary>
    /// The columns every entry sheet shows, with <paramref name="extra"/> after the first ones (type, grant, donor). An entry
    /// with no amount in the fund currency (<see cref="LedgerRow.NotInFundCurrency"/>) has no fund amount, so that the totals
    /// in fund currency are the fund's balance's, and says why in its rate source.
    /// </summary>
    public static List<SheetColumn<LedgerRow>> EntryColumns(string fundCurrency, Func<LedgerRow, int> sign, params SheetColumn<LedgerRow>[] extra) =>
    [
        new(InterfaceLanguage.Text("Book.ValueDate"), 12, (c, r) => Date(c, r.ValueDate)),
        .. extra,
        new(InterfaceLanguage.Text("Book.Description"), 45, (c, r) => WorkbookText.Write(c, r.Description)),
        new(InterfaceLanguage.Text("Book.BankReference"), 18, (c, r) => WorkbookText.Write(c, r.BankReference)),
        new(Currency, 9, (c, r) => WorkbookText.Write(c, r.Currency)),
        new(Amount, 18, (c, r) => MoneyCell(c, sign(r) * r.Amount.Amount, r.Currency)),
        new($"{FundAmount} ({fundCurrency})", 18, (c, r) =>
        {
            if (r.NotInFundCurrency(fundCurrency) is null) MoneyCell(c, sign(r) * r.FundAmount.Amount, fundCurrency);
        }),
        new(InterfaceLanguage.Text("Book.Rate"), 12, (c, r) => { c.Value = r.Rate; c.Style.NumberFormat.Format = RateFormat; }),
        new(InterfaceLanguage.Text("Book.RateDate"), 12, (c, r) => Date(c, r.RateDate)),
        new(RateSource, 22, (c, r) => WorkbookText.Write(c, r.NotInFundCurrency(fundCurrency) ?? r.RateSource)),
        new(ReversalOf, 40, (c, r) => WorkbookText.Write(c, Describe(r.Reverses))),
        new(ReversedBy, 40, (c, r) => WorkbookText.Write(c, Describe(r.ReversedBy))),
    ];

    public static string RateSource => InterfaceLanguage.Text("Book.RateSource");

    public static string ReversalOf => InterfaceLanguage.Text("Book.ReversalOf");
    public static string ReversedBy => InterfaceLanguage.Text("Book.ReversedBy");

    /// <summary>An entry as a person finds it on the same sheet: "2026-11-02 Contribution: Norway".</summary>
    private static string Describe(LedgerLink? entry) => entry is null ? "" : $"{Iso(entry.ValueDate)} {entry.Description}";

    public static SheetColumn<LedgerRow> TypeColumn() => new(Type, 24, (c, r) => WorkbookText.Write(c, DisplayNames.Label(r.Kind)));

    public static SheetColumn<LedgerRow> GrantColumn() => new(InterfaceLanguage.Text("Book.Grant"), 15, (c, r) => WorkbookText.Write(c, r.Grant));

    public static void Date(IXLCell cell, DateOnly date)
    {
        cell.Value = date.ToDateTime(TimeOnly.MinValue);
        cell.Style.NumberFormat.Format = DateFormat;
    }

    public static void MoneyCell(IXLCell cell, decimal amount, string currency)
    {
        cell.Value = amount;
        cell.Style.NumberFormat.Format = MoneyFormat(currency);
    }

    /// <summary>A formula rounded to the cent: spreadsheets add in binary floating point (12,345.67 − 9,876.54 − 2,469.13 is not 0 there).</summary>
    public static void MoneyFormula(IXLCell cell, string formula, string currency)
    {
        cell.FormulaA1 = $"ROUND({formula},2)";
        cell.Style.NumberFormat.Format = MoneyFormat(currency);
    }

    /// <summary>A heading over a part of a sheet (a Summary's sections).</summary>
    public static void Heading(IXLWorksheet sheet, int row, string text)
    {
        sheet.Cell(row, 1).Value = text;
        sheet.Cell(row, 1).Style.Font.Bold = true;
        sheet.Cell(row, 1).Style.Font.FontSize = 12;
    }

    /// <summary>The headings of a small table (a Summary's), styled as an entry sheet's.</summary>
    public static void HeaderCells(IXLWorksheet sheet, int row, params string[] cells)
    {
        for (var c = 0; c < cells.Length; c++) sheet.Cell(row, c + 1).Value = cells[c];
        HeaderStyle(sheet.Range(row, 1, row, cells.Length));
    }

    private static void HeaderStyle(IXLRange header)
    {
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE6F0");
    }

    /// <summary>Writes the heading at <paramref name="headerRow"/> and one line per row below it; frozen heading and auto-filter.</summary>
    public static EntryTable WriteEntries<TRow>(IXLWorksheet sheet, int headerRow, IReadOnlyList<SheetColumn<TRow>> columns, IEnumerable<TRow> rows)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(headerRow, c + 1).Value = columns[c].Header;
            sheet.Column(c + 1).Width = columns[c].Width;
        }
        HeaderStyle(sheet.Range(headerRow, 1, headerRow, columns.Count));
        var row = headerRow;
        foreach (var r in rows)
        {
            row++;
            for (var c = 0; c < columns.Count; c++) columns[c].Write(sheet.Cell(row, c + 1), r);
        }
        sheet.SheetView.FreezeRows(headerRow);
        sheet.Range(headerRow, 1, row, columns.Count).SetAutoFilter();
        return new EntryTable(sheet, headerRow, row, [.. columns.Select(c => c.Header)]);
    }
}

/// <summary>Where an entry sheet's rows are, to write totals under them as formulas over those rows.</summary>
internal sealed class EntryTable(IXLWorksheet sheet, int headerRow, int lastRow, IReadOnlyList<string> headers)
{
    private int _nextRow = lastRow + 1;

    public IXLWorksheet Sheet => sheet;
    public bool IsEmpty => lastRow == headerRow;

    /// <summary>
    /// The column letter of the column headed <paramref name="header"/>, or headed by it and a bracket ("Fund amount (CHF)"):
    /// in another language one heading may begin with another ("Montant", "Montant en monnaie du fonds").
    /// </summary>
    public string Letter(string header)
    {
        for (var c = 0; c < headers.Count; c++)
            if (headers[c] == header || headers[c].StartsWith(header + " (", StringComparison.Ordinal)) return XLHelper.GetColumnLetterFromNumber(c + 1);
        throw new ArgumentException($"No column {header}.", nameof(header));
    }

    private string Range(string header) => $"{Letter(header)}{headerRow + 1}:{Letter(header)}{lastRow}";

    /// <summary>The sum of a column over the rows whose <paramref name="by"/> column is <paramref name="value"/>; 0 without rows.</summary>
    public string SumIf(string by, string value, string column) =>
        IsEmpty ? "0" : $"SUMIF({Range(by)},\"{value}\",{Range(column)})";

    public string Sum(string column) => IsEmpty ? "0" : $"SUM({Range(column)})";

    /// <summary>The sum of a column over the rows that meet every (column, value) criterion; 0 without rows.</summary>
    public string SumIfs(string column, params (string By, string Value)[] criteria) =>
        IsEmpty ? "0" : $"SUMIFS({Range(column)},{string.Join(",", criteria.Select(c => $"{Range(c.By)},\"{c.Value}\""))})";

    /// <summary>How many rows hold <paramref name="value"/> in a column, for a formula on any sheet; 0 without rows.</summary>
    public string CountIf(string by, string value) => IsEmpty ? "0" : $"COUNTIF({Quoted}!{Range(by)},\"{value}\")";

    /// <summary>How many rows meet every (column, value) criterion, for a formula on any sheet; 0 without rows.</summary>
    public string CountIfs(params (string By, string Value)[] criteria) =>
        IsEmpty ? "0" : $"COUNTIFS({string.Join(",", criteria.Select(c => $"{Quoted}!{Range(c.By)},\"{c.Value}\""))})";

    /// <summary>How many rows there are, counted in a column every row fills, for a formula on any sheet; 0 without rows.</summary>
    public string CountRows(string column) => IsEmpty ? "0" : $"COUNTA({Quoted}!{Range(column)})";

    /// <summary>
    /// A bold total line under the rows: the label, then each (column, formula, currency) rounded to the cent.
    /// Returns the line's row number, for formulas elsewhere that refer to it.
    /// </summary>
    public int AddTotal(string label, string? currency, params (string Column, string Formula, string Currency)[] figures)
    {
        var row = _nextRow++;
        sheet.Cell(row, 1).Value = label;
        if (currency is not null) sheet.Cell($"{Letter(LedgerSheets.Currency)}{row}").Value = currency;
        foreach (var (column, formula, money) in figures) LedgerSheets.MoneyFormula(sheet.Cell($"{Letter(column)}{row}"), formula, money);
        sheet.Row(row).Style.Font.Bold = true;
        if (row == lastRow + 1) sheet.Range(row, 1, row, headers.Count).Style.Border.TopBorder = XLBorderStyleValues.Thin;
        return row;
    }

    /// <summary>A reference from another sheet to a cell of this one: 'Bank charges'!H12.</summary>
    public string Ref(string column, int row) => $"{Quoted}!{Letter(column)}{row}";

    /// <summary>The sheet's name as a formula writes it: in quotes, a quote in it doubled ('Piste d''audit').</summary>
    private string Quoted => $"'{sheet.Name.Replace("'", "''", StringComparison.Ordinal)}'";
}
