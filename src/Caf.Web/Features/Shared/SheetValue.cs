using ClosedXML.Excel;

namespace Caf.Web.Features.Shared;

internal enum SheetValueKind { None, Text, Number, Date, Formula }

/// <summary>
/// What a cell of a workbook holds, whoever writes it (ClosedXML, or a <see cref="StreamedSheet"/>): text, a number or a
/// date with its number format, or a formula; <see cref="None"/> leaves the cell empty.
/// </summary>
internal readonly record struct SheetValue(SheetValueKind Kind, string? Text = null, decimal Number = 0, DateTime When = default, string? Format = null)
{
    public static readonly SheetValue None;

    public static SheetValue Of(string? text) => new(SheetValueKind.Text, text ?? "");

    public static SheetValue Of(decimal number, string? format = null) => new(SheetValueKind.Number, Number: number, Format: format);

    public static SheetValue Of(DateTime when, string format) => new(SheetValueKind.Date, When: when, Format: format);

    public static SheetValue Formula(string formula, string? format) => new(SheetValueKind.Formula, formula, Format: format);

    /// <summary>Writes the value and <paramref name="look"/> into a ClosedXML cell; text as <see cref="WorkbookText"/>.</summary>
    public void WriteTo(IXLCell cell, CellLook look = default)
    {
        switch (Kind)
        {
            case SheetValueKind.Text:
                WorkbookText.Write(cell, Text);
                break;
            case SheetValueKind.Number:
                cell.Value = Number;
                break;
            case SheetValueKind.Date:
                cell.Value = When;
                break;
            case SheetValueKind.Formula:
                cell.FormulaA1 = Text;
                break;
        }
        if (Kind != SheetValueKind.None && Format is not null) cell.Style.NumberFormat.Format = Format;
        look.WriteTo(cell);
    }
}

/// <summary>How a cell looks besides its number format: bold, a font size (0: the normal 11), the headings' fill, a rule above.</summary>
internal readonly record struct CellLook(bool Bold = false, int Size = 0, bool Fill = false, bool TopBorder = false)
{
    public const int NormalSize = 11;
    public static readonly CellLook Strong = new(Bold: true);

    public void WriteTo(IXLCell cell)
    {
        if (Bold) cell.Style.Font.Bold = true;
        if (Size != 0) cell.Style.Font.FontSize = Size;
        if (Fill) cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE6F0");
        if (TopBorder) cell.Style.Border.TopBorder = XLBorderStyleValues.Thin;
    }
}
