using Caf.Web.Features.Shared;
using ClosedXML.Excel;

namespace Caf.UnitTests;

/// <summary>
/// A streamed workbook (ADR 0038) read back by ClosedXML: its sheets in their order whatever order they were written in,
/// cells with their formats and looks, text that stays text, a frozen heading, an auto-filter and document properties.
/// </summary>
public sealed class StreamedWorkbookTests
{
    private const string Chf = "\"CHF\" #,##0.00;\"CHF\" -#,##0.00";

    [Fact]
    public async Task A_sheet_written_last_is_shown_first_and_every_cell_reads_back_as_written()
    {
        var asOf = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
        using var output = new MemoryStream();
        using (var workbook = new StreamedWorkbook(output))
        {
            var entries = workbook.StartSheet("Bank charges", 2, frozenRows: 1, widths: [12, 40]);
            entries.Row(1);
            entries.Cell(1, SheetValue.Of("Value date"), new CellLook(Bold: true, Fill: true));
            entries.Cell(2, SheetValue.Of("Description"), new CellLook(Bold: true, Fill: true));
            entries.Row(2);
            entries.Cell(1, SheetValue.Of(asOf, "yyyy-mm-dd"));
            entries.Cell(2, SheetValue.Of("=HYPERLINK(\"https://evil.example/\")"));
            entries.Row(3);
            entries.Cell(1, SheetValue.Of(1_234.5m, Chf));
            entries.Cell(2, SheetValue.Of("Bell\u0007 and text"));
            entries.Row(5, CellLook.Strong);
            entries.Cell(1, SheetValue.Formula("ROUND(SUM(A3:A3),2)", Chf), CellLook.Strong with { TopBorder = true });
            entries.Cell(2, SheetValue.None, CellLook.Strong with { TopBorder = true });
            entries.End("A1:B3");
            var summary = workbook.StartSheet("Summary", 1);
            summary.Row(1);
            summary.Cell(1, SheetValue.Formula("'Bank charges'!A5*2", Chf), LedgerLook);
            summary.End();
            await workbook.FinishAsync(new WorkbookProperties("Fund ledger", "As of 2026-11-02", "CafGrants", "Made by a test", asOf,
                [("As of", asOf), ("Generator", "CafGrants")]), TestContext.Current.CancellationToken);
        }

        output.Position = 0;
        using var read = new XLWorkbook(output);
        Assert.Equal(["Summary", "Bank charges"], read.Worksheets.Select(s => s.Name));
        var sheet = read.Worksheet("Bank charges");
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.True(sheet.Column(2).Width > sheet.Column(1).Width);
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(asOf, sheet.Cell(2, 1).GetDateTime());
        var formulaLike = sheet.Cell(2, 2);
        Assert.Equal((XLDataType.Text, "=HYPERLINK(\"https://evil.example/\")", false, true),
            (formulaLike.DataType, formulaLike.GetString(), formulaLike.HasFormula, formulaLike.Style.IncludeQuotePrefix));
        Assert.Equal(1_234.5m, sheet.Cell(3, 1).GetValue<decimal>());
        Assert.Equal(Chf, sheet.Cell(3, 1).Style.NumberFormat.Format);
        Assert.Equal("Bell\uFFFD and text", sheet.Cell(3, 2).GetString());
        Assert.False(sheet.Cell(3, 2).Style.IncludeQuotePrefix);
        Assert.Equal((1_234.5m, true, XLBorderStyleValues.Thin), (sheet.Cell(5, 1).GetValue<decimal>(), sheet.Cell(5, 1).Style.Font.Bold, sheet.Cell(5, 2).Style.Border.TopBorder));
        var total = read.Worksheet("Summary").Cell(1, 1);
        Assert.Equal((2_469m, 12d), (total.GetValue<decimal>(), total.Style.Font.FontSize));
        Assert.Equal(("Fund ledger", "As of 2026-11-02", "CafGrants"), (read.Properties.Title, read.Properties.Subject, read.Properties.Author));
        Assert.Equal(asOf, read.CustomProperty("As of").GetValue<DateTime>());
    }

    private static readonly CellLook LedgerLook = new(Bold: true, Size: 12);

    [Fact]
    public void Rows_are_written_in_order()
    {
        using var output = new MemoryStream();
        using var workbook = new StreamedWorkbook(output);
        var sheet = workbook.StartSheet("Sheet", 1);
        sheet.Row(4);
        Assert.Throws<InvalidOperationException>(() => sheet.Row(3));
        Assert.Throws<InvalidOperationException>(() => workbook.StartSheet("Another", 2));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(53, "BA")]
    [InlineData(703, "AAA")]
    public void A_column_is_named_by_its_letters(int column, string letters) => Assert.Equal(letters, StreamedSheet.ColumnLetter(column));
}
