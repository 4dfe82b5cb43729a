using System.Collections.Concurrent;
using System.Globalization;
using Caf.Data;
using Caf.Data.Finance;
using ClosedXML.Excel;

namespace Caf.Web.Features.Finance;

/// <summary>
/// One column of a sheet of rows (ledger entries, statement lines, grants): its heading, width, and what it shows of a row,
/// the same whether ClosedXML writes the sheet or it is streamed (<see cref="StreamedSheet"/>).
/// </summary>
internal sealed record SheetColumn<TRow>(string Header, double Width, Func<TRow, SheetValue> Value);

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
    public static string MoneyFormat(string currency) => MoneyFormats.GetOrAdd(currency, c => $"\"{c}\" #,##0.00;\"{c}\" -#,##0.00");

    private static readonly ConcurrentDictionary<string, string> MoneyFormats = new(StringComparer.Ordinal);

    /// <summary>Title, as-of date, generator and generation time: a workbook's document properties.</summary>
    public static WorkbookProperties Properties(string title, DateOnly asOf, DateTime generatedAtUtc)
    {
        var date = Iso(asOf);
        return new WorkbookProperties(title, InterfaceLanguage.Format("Book.Subject", date), Generator,
            InterfaceLanguage.Format("Book.Comments", title, date, Generator, generatedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            generatedAtUtc,
            // The custom properties' names stay the same in every language: programs read them.
            [("As of", asOf.ToDateTime(TimeOnly.MinValue)), ("Generator", Generator), ("Generated at (UTC)", generatedAtUtc)]);
    }

    /// <summary>The <see cref="Properties"/> of a workbook ClosedXML writes.</summary>
    public static void Describe(XLWorkbook workbook, string title, DateOnly asOf, DateTime generatedAtUtc)
    {
        var properties = Properties(title, asOf, generatedAtUtc);
        workbook.Properties.Title = properties.Title;
        workbook.Properties.Subject = properties.Subject;
        workbook.Properties.Author = properties.Author;
        workbook.Properties.LastModifiedBy = properties.Author;
        workbook.Properties.Created = properties.CreatedUtc;
        workbook.Properties.Modified = properties.CreatedUtc;
        workbook.Properties.Comments = properties.Comments;
        foreach (var (name, value) in properties.Custom) workbook.CustomProperties.Add(name, value);
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
        foreach (var (label, value) in FactLines(asOf, fundCurrency, generatedAtUtc))
        {
            SheetValue.Of(label).WriteTo(sheet.Cell(row, 1), CellLook.Strong);
            value.WriteTo(sheet.Cell(row++, 2));
        }
    }

    /// <summary>What <see cref="Facts"/> writes: each line's bold label and its value.</summary>
    public static (string Label, SheetValue Value)[] FactLines(DateOnly asOf, string fundCurrency, DateTime generatedAtUtc) =>
    [
        (InterfaceLanguage.Text("Book.AsOf"), Date(asOf)),
        (InterfaceLanguage.Text("Book.FundCurrency"), SheetValue.Of(fundCurrency)),
        (InterfaceLanguage.Text("Book.Generated"), SheetValue.Of(InterfaceLanguage.Format("Book.GeneratedBy", FundTime.DescribeWithUtc(generatedAtUtc), Generator))),
    ];

    /// <summary>A sheet's title (row 1), a heading over a part of a sheet, the headings of a table's columns.</summary>
    public static readonly CellLook TitleLook = new(Bold: true, Size: 14), HeadingLook = new(Bold: true, Size: 12), HeaderLook = new(Bold: true, Fill: true);

    public static void Title(IXLWorksheet sheet, string text) => SheetValue.Of(text).WriteTo(sheet.Cell(1, 1), TitleLook);

    /// <summary>
    /// The columns every entry sheet shows, with <paramref name="extra"/> after the first ones (type, grant, donor). An entry
    /// with no amount in the fund currency (<see cref="LedgerRow.NotInFundCurrency"/>) has no fund amount, so that the totals
    /// in fund currency are the fund's balance's, and says why in its rate source.
    /// </summary>
    public static List<SheetColumn<LedgerRow>> EntryColumns(string fundCurrency, Func<LedgerRow, int> sign, params SheetColumn<LedgerRow>[] extra) =>
    [
        new(InterfaceLanguage.Text("Book.ValueDate"), 12, r => Date(r.ValueDate)),
        .. extra,
        new(InterfaceLanguage.Text("Book.Description"), 45, r => SheetValue.Of(r.Description)),
        new(InterfaceLanguage.Text("Book.BankReference"), 18, r => SheetValue.Of(r.BankReference)),
        new(Currency, 9, r => SheetValue.Of(r.Currency)),
        new(Amount, 18, r => Money(sign(r) * r.Amount.Amount, r.Currency)),
        new($"{FundAmount} ({fundCurrency})", 18, r => r.FundCurrency == fundCurrency ? Money(sign(r) * r.FundAmount.Amount, fundCurrency) : SheetValue.None),
        new(InterfaceLanguage.Text("Book.Rate"), 12, r => SheetValue.Of(r.Rate, RateFormat)),
        new(InterfaceLanguage.Text("Book.RateDate"), 12, r => Date(r.RateDate)),
        new(RateSource, 22, r => SheetValue.Of(r.NotInFundCurrency(fundCurrency) ?? r.RateSource)),
        new(ReversalOf, 40, r => SheetValue.Of(Describe(r.Reverses))),
        new(ReversedBy, 40, r => SheetValue.Of(Describe(r.ReversedBy))),
    ];

    public static string RateSource => InterfaceLanguage.Text("Book.RateSource");

    public static string ReversalOf => InterfaceLanguage.Text("Book.ReversalOf");
    public static string ReversedBy => InterfaceLanguage.Text("Book.ReversedBy");

    /// <summary>An entry as a person finds it on the same sheet: "2026-11-02 Contribution: Norway".</summary>
    private static string Describe(LedgerLink? entry) => entry is null ? "" : $"{Iso(entry.ValueDate)} {entry.Description}";

    public static SheetColumn<LedgerRow> TypeColumn() => new(Type, 24, r => SheetValue.Of(DisplayNames.Label(r.Kind)));

    public static SheetColumn<LedgerRow> GrantColumn() => new(InterfaceLanguage.Text("Book.Grant"), 15, r => SheetValue.Of(r.Grant));

    public static SheetValue Date(DateOnly date) => SheetValue.Of(date.ToDateTime(TimeOnly.MinValue), DateFormat);

    public static SheetValue Money(decimal amount, string currency) => SheetValue.Of(amount, MoneyFormat(currency));

    /// <summary>A formula rounded to the cent: spreadsheets add in binary floating point (12,345.67 − 9,876.54 − 2,469.13 is not 0 there).</summary>
    public static SheetValue MoneyFormula(string formula, string currency) => SheetValue.Formula($"ROUND({formula},2)", MoneyFormat(currency));

    /// <summary>A heading over a part of a sheet (a Summary's sections).</summary>
    public static void Heading(IXLWorksheet sheet, int row, string text) => SheetValue.Of(text).WriteTo(sheet.Cell(row, 1), HeadingLook);

    /// <summary>The headings of a small table (a Summary's), styled as an entry sheet's.</summary>
    public static void HeaderCells(IXLWorksheet sheet, int row, params string[] cells)
    {
        for (var c = 0; c < cells.Length; c++) SheetValue.Of(cells[c]).WriteTo(sheet.Cell(row, c + 1), HeaderLook);
    }

    /// <summary>Writes the heading at <paramref name="headerRow"/> and one line per row below it; frozen heading and auto-filter.</summary>
    public static EntryTable WriteEntries<TRow>(IXLWorksheet sheet, int headerRow, IReadOnlyList<SheetColumn<TRow>> columns, IEnumerable<TRow> rows)
    {
        for (var c = 0; c < columns.Count; c++) sheet.Column(c + 1).Width = columns[c].Width;
        HeaderCells(sheet, headerRow, [.. columns.Select(c => c.Header)]);
        var row = headerRow;
        foreach (var r in rows)
        {
            row++;
            for (var c = 0; c < columns.Count; c++) columns[c].Value(r).WriteTo(sheet.Cell(row, c + 1));
        }
        sheet.SheetView.FreezeRows(headerRow);
        sheet.Range(headerRow, 1, row, columns.Count).SetAutoFilter();
        return new EntryTable(sheet.Name, headerRow, row, [.. columns.Select(c => c.Header)], (line, cells, first) =>
        {
            for (var c = 0; c < cells.Count; c++) cells[c].WriteTo(sheet.Cell(line, c + 1));
            sheet.Row(line).Style.Font.Bold = true;
            if (first) sheet.Range(line, 1, line, cells.Count).Style.Border.TopBorder = XLBorderStyleValues.Thin;
        });
    }

    /// <summary>
    /// The same as <see cref="WriteEntries{TRow}(IXLWorksheet,int,IReadOnlyList{SheetColumn{TRow}},IEnumerable{TRow})"/> on a
    /// streamed sheet (started with the columns' widths and the heading frozen), the rows written as they come.
    /// </summary>
    public static async Task<EntryTable> WriteEntriesAsync<TRow>(StreamedSheet sheet, int headerRow, IReadOnlyList<SheetColumn<TRow>> columns,
        IAsyncEnumerable<TRow> rows, CancellationToken ct)
    {
        sheet.Row(headerRow);
        for (var c = 0; c < columns.Count; c++) sheet.Cell(c + 1, SheetValue.Of(columns[c].Header), HeaderLook);
        var row = headerRow;
        await foreach (var r in rows.WithCancellation(ct))
        {
            sheet.Row(++row);
            for (var c = 0; c < columns.Count; c++) sheet.Cell(c + 1, columns[c].Value(r));
        }
        return new EntryTable(sheet.Name, headerRow, row, [.. columns.Select(c => c.Header)], (line, cells, first) =>
        {
            sheet.Row(line, CellLook.Strong);
            for (var c = 0; c < cells.Count; c++) sheet.Cell(c + 1, cells[c], CellLook.Strong with { TopBorder = first });
        });
    }
}

/// <summary>
/// Where an entry sheet's rows are, to write totals under them as formulas over those rows: <paramref name="writeLine"/>
/// writes a bold total line (its row, its cells, whether it is the first under the rows) into the sheet.
/// </summary>
internal sealed class EntryTable(string sheetName, int headerRow, int lastRow, IReadOnlyList<string> headers,
    Action<int, IReadOnlyList<SheetValue>, bool> writeLine)
{
    private int _nextRow = lastRow + 1;

    public bool IsEmpty => lastRow == headerRow;
    public int Count => lastRow - headerRow;

    /// <summary>The heading and the rows, as an auto-filter takes them: "A4:M900".</summary>
    public string FilterRange => $"A{headerRow}:{StreamedSheet.ColumnLetter(headers.Count)}{lastRow}";

    /// <summary>
    /// The column letter of the column headed <paramref name="header"/>, or headed by it and a bracket ("Fund amount (CHF)"):
    /// in another language one heading may begin with another ("Montant", "Montant en monnaie du fonds").
    /// </summary>
    public string Letter(string header) => StreamedSheet.ColumnLetter(Index(header) + 1);

    private int Index(string header)
    {
        for (var c = 0; c < headers.Count; c++)
            if (headers[c] == header || headers[c].StartsWith(header + " (", StringComparison.Ordinal)) return c;
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
        var cells = new SheetValue[headers.Count];
        cells[0] = SheetValue.Of(label);
        if (currency is not null) cells[Index(LedgerSheets.Currency)] = SheetValue.Of(currency);
        foreach (var (column, formula, money) in figures) cells[Index(column)] = LedgerSheets.MoneyFormula(formula, money);
        writeLine(row, cells, row == lastRow + 1);
        return row;
    }


    /// <summary>A reference from another sheet to a cell of this one: 'Bank charges'!H12.</summary>
    public string Ref(string column, int row) => $"{Quoted}!{Letter(column)}{row}";

    /// <summary>The sheet's name as a formula writes it: in quotes, a quote in it doubled ('Piste d''audit').</summary>
    private string Quoted => StreamedWorkbook.Quoted(sheetName);
}
