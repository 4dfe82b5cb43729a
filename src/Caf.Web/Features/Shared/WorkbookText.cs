using System.Buffers;
using ClosedXML.Excel;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Text written into a workbook cell by every workbook CafGrants makes (ledgers, reconciliation, committee sheets): always
/// text, as written — never read as a number, a date or a formula — and, when it starts as a formula would (= + - @, a tab
/// or a line break: what a bank's remittance, a reference or a name may carry), marked with the quote prefix, so that a
/// spreadsheet keeps it text when the cell is edited too (formula injection). No apostrophe is added to the text itself:
/// the cell says what the database holds, and the sheets' filters and formulas compare it as such.
/// </summary>
internal static class WorkbookText
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r\n");

    public static void Write(IXLCell cell, string? text)
    {
        cell.SetValue(text ?? "");
        if (StartsLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
    }

    /// <summary>Whether a spreadsheet would take the text for a formula if it were typed into a cell.</summary>
    public static bool StartsLikeFormula(string? text) => text is { Length: > 0 } && FormulaStarts.Contains(text[0]);
}
