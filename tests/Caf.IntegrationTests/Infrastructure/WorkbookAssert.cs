using System.Globalization;
using ClosedXML.Excel;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Reading the finance workbooks back: a line by its label in the first column, a column by its heading on the frozen row.</summary>
internal static class WorkbookAssert
{
    /// <summary>
    /// The figure under <paramref name="header"/> (on the sheet's frozen heading row) on the line labelled <paramref name="label"/>:
    /// a formula rounded to the cent, equal to <paramref name="expected"/>, in the currency's number format.
    /// </summary>
    public static void Total(IXLWorksheet sheet, string label, string header, decimal expected, string currency = "CHF")
    {
        var cell = sheet.Cell(Line(sheet, label), Columns(sheet)[header]);
        Assert.True(cell.HasFormula, $"{sheet.Name} {label} {header} is not a formula");
        Assert.StartsWith("ROUND(", cell.FormulaA1, StringComparison.Ordinal);
        Assert.Equal(expected, cell.GetValue<decimal>());
        Assert.Contains($"\"{currency}\"", cell.Style.NumberFormat.Format);
    }

    /// <summary>Each heading of the sheet's frozen row, with its column number.</summary>
    public static Dictionary<string, int> Columns(IXLWorksheet sheet) =>
        sheet.Row(sheet.SheetView.SplitRow).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);

    /// <summary>The row whose first cell is <paramref name="label"/>; there must be one.</summary>
    public static int Line(IXLWorksheet sheet, string label) => sheet.Column(1).CellsUsed().Single(c => c.GetString() == label).Address.RowNumber;

    public static IXLCell Cell(IXLWorksheet sheet, string label, int column) => sheet.Cell(Line(sheet, label), column);

    public static decimal Figure(IXLWorksheet sheet, string label, int column) => Cell(sheet, label, column).GetValue<decimal>();

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The document properties every finance workbook carries: generator, as-of date, and when it was made.</summary>
    public static void Described(XLWorkbook workbook, DateOnly asOf, DateTime nowUtc)
    {
        Assert.Equal("CafGrants", workbook.Properties.Author);
        Assert.Equal($"As of {Iso(asOf)}", workbook.Properties.Subject);
        Assert.InRange(workbook.Properties.Created, nowUtc.AddMinutes(-5), nowUtc.AddMinutes(1));
        Assert.Equal(asOf.ToDateTime(TimeOnly.MinValue), workbook.CustomProperty("As of").GetValue<DateTime>());
        Assert.Equal("CafGrants", workbook.CustomProperty("Generator").GetValue<string>());
    }
}
