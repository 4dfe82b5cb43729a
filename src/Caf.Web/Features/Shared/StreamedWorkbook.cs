using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Caf.Web.Features.Shared;

/// <summary>
/// A workbook written as a zip in create mode, one part after the other, each sheet streamed row by row through
/// OpenXmlWriter: memory stays the same however many rows there are. The SDK's own package would hold a sheet in memory
/// until it closes (its zip is opened for update), and ClosedXML the whole workbook. Text is written inline (no shared
/// strings to keep); the styles the cells use are gathered as they are written and the styles part written once, at the
/// end, with the workbook that lists the sheets in their order (issue 16).
/// </summary>
internal sealed class StreamedWorkbook(Stream output) : IDisposable
{
    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true);
    private readonly List<(string Name, int Order, int Part, string? Filter)> _sheets = [];
    private readonly CellStyles _styles = new();
    private StreamedSheet? _open;

    /// <summary>
    /// Starts the next sheet (the one before must be ended): its place among the tabs, the rows frozen at its top and its
    /// columns' widths — all written before its rows.
    /// </summary>
    public StreamedSheet StartSheet(string name, int order, int frozenRows = 0, IReadOnlyList<double>? widths = null)
    {
        if (_open is { IsEnded: false }) throw new InvalidOperationException($"The sheet {_open.Name} is not ended.");
        var part = _sheets.Count + 1;
        var stream = _zip.CreateEntry($"xl/worksheets/sheet{part}.xml", CompressionLevel.Fastest).Open();
        _open = new StreamedSheet(name, stream, _styles, frozenRows, widths ?? [], filter => _sheets.Add((name, order, part, filter)));
        return _open;
    }

    /// <summary>The workbook, its relationships, styles and document properties, once every sheet is ended.</summary>
    public async Task FinishAsync(WorkbookProperties? properties, CancellationToken ct)
    {
        if (_open is { IsEnded: false }) throw new InvalidOperationException($"The sheet {_open.Name} is not ended.");
        var tabs = _sheets.OrderBy(s => s.Order).ToList();
        var workbook = new StringBuilder("""<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        foreach (var (sheet, i) in tabs.Select((s, i) => (s, i)))
            workbook.Append(CultureInfo.InvariantCulture, $"""<sheet name="{Xml(sheet.Name)}" sheetId="{i + 1}" r:id="rId{sheet.Part}"/>""");
        workbook.Append("</sheets>");
        var filters = tabs.Select((s, i) => (s, i)).Where(x => x.s.Filter is not null).ToList();
        if (filters.Count > 0)
        {
            // Excel's own name for a sheet's auto-filter range.
            workbook.Append("<definedNames>");
            foreach (var (sheet, i) in filters)
                workbook.Append(CultureInfo.InvariantCulture,
                    $"""<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{Xml(Quoted(sheet.Name))}!{sheet.Filter}</definedName>""");
            workbook.Append("</definedNames>");
        }
        // No cached results are written: the spreadsheet computes every formula when it opens the workbook.
        workbook.Append("""<calcPr fullCalcOnLoad="1"/></workbook>""");
        await WritePartAsync("xl/workbook.xml", workbook.ToString(), ct);
        await WritePartAsync("xl/styles.xml", _styles.Xml(), ct);

        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        await WritePartAsync("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
            string.Concat(_sheets.Select(s => $"""<Relationship Id="rId{s.Part}" Type="{Relationships}/worksheet" Target="worksheets/sheet{s.Part}.xml"/>""")) +
            $"""<Relationship Id="rIdStyles" Type="{Relationships}/styles" Target="styles.xml"/></Relationships>""", ct);
        await WritePartAsync("[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
            """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>""" +
            """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
            """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
            string.Concat(_sheets.Select(s => $"""<Override PartName="/xl/worksheets/sheet{s.Part}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""")) +
            (properties is null ? "" :
                """<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>""" +
                """<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>""") +
            "</Types>", ct);
        await WritePartAsync("_rels/.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
            $"""<Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/>""" +
            (properties is null ? "" :
                """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>""" +
                $"""<Relationship Id="rId3" Type="{Relationships}/custom-properties" Target="docProps/custom.xml"/>""") +
            "</Relationships>", ct);
        if (properties is not null)
        {
            await WritePartAsync("docProps/core.xml", properties.CoreXml(), ct);
            await WritePartAsync("docProps/custom.xml", properties.CustomXml(), ct);
        }
    }

    public void Dispose()
    {
        _open?.Dispose();
        _zip.Dispose();
    }

    private async Task WritePartAsync(string name, string xml, CancellationToken ct)
    {
        await using var part = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        await part.WriteAsync(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml), ct);
    }

    /// <summary>
    /// What <paramref name="write"/> writes, in a temporary file that goes when it is closed, read from its start: a download
    /// handed to the response without holding the workbook in memory.
    /// </summary>
    public static async Task<(Stream Content, T Result)> ToTemporaryFileAsync<T>(Func<Stream, Task<T>> write)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose);
        try
        {
            var result = await write(file);
            file.Position = 0;
            return (file, result);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>A sheet's name as a formula or a defined name writes it: in quotes, a quote in it doubled ('Piste d''audit').</summary>
    public static string Quoted(string sheetName) => $"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'";

    internal static string Xml(string text) => SecurityElement.Escape(XmlSafe(text));

    /// <summary>The text with the characters XML cannot hold (control characters, lone surrogates) as U+FFFD.</summary>
    internal static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r') || char.IsSurrogate(c))
            ? string.Concat(text.EnumerateRunes().Select(r => r.Value < 0x20 && r.Value is not (9 or 10 or 13) || r == Rune.ReplacementChar ? "\uFFFD" : r.ToString()))
            : text;
}

/// <summary>
/// One sheet of a <see cref="StreamedWorkbook"/>, written row by row in order: <see cref="Row"/> starts a row (and ends the
/// one before), <see cref="Cell"/> writes a cell of it, <see cref="End"/> ends the sheet with its auto-filter, if any.
/// </summary>
internal sealed class StreamedSheet : IDisposable
{
    private readonly Stream _part;
    private readonly OpenXmlWriter _writer;
    private readonly CellStyles _styles;
    private readonly Action<string?> _ended;
    private int _row;
    private bool _inRow;

    internal StreamedSheet(string name, Stream part, CellStyles styles, int frozenRows, IReadOnlyList<double> widths, Action<string?> ended)
    {
        Name = name;
        _part = part;
        _styles = styles;
        _ended = ended;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        if (frozenRows > 0)
            _writer.WriteElement(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = frozenRows, TopLeftCell = $"A{frozenRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }));
        if (widths.Count > 0)
            // The widths a person asked for, as Excel counts them (the padding of a cell's margins added, as ClosedXML does).
            _writer.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w + 0.710625, CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
    }

    public string Name { get; }
    public bool IsEnded { get; private set; }

    /// <summary>Starts row <paramref name="row"/> (1-based, after the last one), bold throughout when asked.</summary>
    public void Row(int row, CellLook? look = null)
    {
        if (row <= _row) throw new InvalidOperationException($"Row {row} of {Name} comes after row {_row}.");
        EndRow();
        _row = row;
        var attributes = new List<OpenXmlAttribute> { new("r", "", row.ToString(CultureInfo.InvariantCulture)) };
        if (look is { } rowLook)
        {
            attributes.Add(new OpenXmlAttribute("s", "", _styles.Index(null, rowLook, false).ToString(CultureInfo.InvariantCulture)));
            attributes.Add(new OpenXmlAttribute("customFormat", "", "1"));
        }
        _writer.WriteStartElement(new Row(), attributes);
        _inRow = true;
    }

    /// <summary>
    /// A cell of the current row (1-based column, left to right). Text is always text: inline, never a formula, and marked
    /// with the quote prefix when it starts as a formula would (<see cref="WorkbookText"/>).
    /// </summary>
    public void Cell(int column, SheetValue value, CellLook look = default)
    {
        var reference = CellReference(column, _row);
        switch (value.Kind)
        {
            case SheetValueKind.Text:
                var text = value.Text ?? "";
                _writer.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = Style(null, look, WorkbookText.StartsLikeFormula(text)), DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(StreamedWorkbook.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
                });
                break;
            case SheetValueKind.Number:
                _writer.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = Style(value.Format, look, false),
                    CellValue = new CellValue(value.Number.ToString(CultureInfo.InvariantCulture)),
                });
                break;
            case SheetValueKind.Date:
                _writer.WriteElement(new Cell
                {
                    CellReference = reference, StyleIndex = Style(value.Format, look, false),
                    CellValue = new CellValue(value.When.ToOADate().ToString(CultureInfo.InvariantCulture)),
                });
                break;
            case SheetValueKind.Formula:
                _writer.WriteElement(new Cell { CellReference = reference, StyleIndex = Style(value.Format, look, false), CellFormula = new CellFormula(value.Text ?? "") });
                break;
            default:
                if (look != default) _writer.WriteElement(new Cell { CellReference = reference, StyleIndex = Style(null, look, false) });
                break;
        }
    }

    /// <summary>Ends the sheet; <paramref name="filter"/> is its auto-filter's range ("A4:M900"), if it has one.</summary>
    public void End(string? filter = null)
    {
        EndRow();
        _writer.WriteEndElement();
        if (filter is not null) _writer.WriteElement(new AutoFilter { Reference = filter });
        _writer.WriteEndElement();
        _writer.Close();
        _part.Dispose();
        IsEnded = true;
        _ended(filter is null ? null : string.Join(':', filter.Split(':').Select(Absolute)));
    }

    public void Dispose()
    {
        if (IsEnded) return;
        _writer.Dispose();
        _part.Dispose();
        IsEnded = true;
    }

    private void EndRow()
    {
        if (!_inRow) return;
        _writer.WriteEndElement();
        _inRow = false;
    }

    private UInt32Value? Style(string? format, CellLook look, bool quotePrefix)
    {
        var index = _styles.Index(format, look, quotePrefix);
        return index == 0 ? null : index;
    }

    private static readonly string[] Letters = [.. Enumerable.Range(1, 52).Select(ColumnLetterOf)];

    /// <summary>The letters of a column: 1 is A, 27 is AA.</summary>
    public static string ColumnLetter(int column) => column <= Letters.Length ? Letters[column - 1] : ColumnLetterOf(column);

    private static string ColumnLetterOf(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26) letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }

    private static string CellReference(int column, int row) => string.Concat(ColumnLetter(column), row.ToString(CultureInfo.InvariantCulture));

    /// <summary>"A4" as "$A$4".</summary>
    private static string Absolute(string reference)
    {
        var digits = reference.AsSpan().IndexOfAnyInRange('0', '9');
        return $"${reference[..digits]}${reference[digits..]}";
    }
}

/// <summary>The cell formats a streamed workbook's cells use, numbered in the order they are first asked for (0: the default).</summary>
internal sealed class CellStyles
{
    private readonly Dictionary<(string? Format, CellLook Look, bool QuotePrefix), uint> _indexes = new() { [(null, default, false)] = 0 };
    private readonly List<(string? Format, CellLook Look, bool QuotePrefix)> _styles = [(null, default, false)];

    public uint Index(string? format, CellLook look, bool quotePrefix)
    {
        if (_indexes.TryGetValue((format, look, quotePrefix), out var index)) return index;
        index = (uint)_styles.Count;
        _styles.Add((format, look, quotePrefix));
        _indexes[(format, look, quotePrefix)] = index;
        return index;
    }

    public string Xml()
    {
        var formats = _styles.Select(s => s.Format).OfType<string>().Distinct().ToList();
        var fonts = _styles.Select(s => (s.Look.Bold, s.Look.Size)).Prepend((false, 0)).Distinct().ToList();
        var xml = new StringBuilder("""<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        if (formats.Count > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<numFmts count="{formats.Count}">""");
            foreach (var (format, i) in formats.Select((f, i) => (f, i)))
                xml.Append(CultureInfo.InvariantCulture, $"""<numFmt numFmtId="{164 + i}" formatCode="{StreamedWorkbook.Xml(format)}"/>""");
            xml.Append("</numFmts>");
        }
        xml.Append(CultureInfo.InvariantCulture, $"""<fonts count="{fonts.Count}">""");
        foreach (var (bold, size) in fonts)
            xml.Append(CultureInfo.InvariantCulture, $"""<font>{(bold ? "<b/>" : "")}<sz val="{(size == 0 ? CellLook.NormalSize : size)}"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>""");
        xml.Append("""</fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>""");
        xml.Append("""<fill><patternFill patternType="solid"><fgColor rgb="FFDDE6F0"/></patternFill></fill></fills>""");
        xml.Append("""<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top style="thin"><color rgb="FF000000"/></top><bottom/><diagonal/></border></borders>""");
        xml.Append("""<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""");
        xml.Append(CultureInfo.InvariantCulture, $"""<cellXfs count="{_styles.Count}">""");
        foreach (var (format, look, quotePrefix) in _styles)
        {
            var numFmt = format is null ? 0 : 164 + formats.IndexOf(format);
            xml.Append(CultureInfo.InvariantCulture,
                $"""<xf numFmtId="{numFmt}" fontId="{fonts.IndexOf((look.Bold, look.Size))}" fillId="{(look.Fill ? 2 : 0)}" borderId="{(look.TopBorder ? 1 : 0)}" xfId="0" """ +
                $"""applyNumberFormat="{(numFmt == 0 ? 0 : 1)}" applyFont="1" applyFill="{(look.Fill ? 1 : 0)}" applyBorder="{(look.TopBorder ? 1 : 0)}"{(quotePrefix ? " quotePrefix=\"1\"" : "")}/>""");
        }
        xml.Append("""</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");
        return xml.ToString();
    }
}

/// <summary>A workbook's document properties: title, subject, author, comments, when it was made, and named custom properties.</summary>
internal sealed record WorkbookProperties(string Title, string Subject, string Author, string Comments, DateTime CreatedUtc,
    IReadOnlyList<(string Name, object Value)> Custom)
{
    internal string CoreXml() =>
        """<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" """ +
        """xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">""" +
        $"<dc:title>{StreamedWorkbook.Xml(Title)}</dc:title><dc:subject>{StreamedWorkbook.Xml(Subject)}</dc:subject><dc:creator>{StreamedWorkbook.Xml(Author)}</dc:creator>" +
        $"<cp:lastModifiedBy>{StreamedWorkbook.Xml(Author)}</cp:lastModifiedBy><dc:description>{StreamedWorkbook.Xml(Comments)}</dc:description>" +
        $"""<dcterms:created xsi:type="dcterms:W3CDTF">{Stamp(CreatedUtc)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{Stamp(CreatedUtc)}</dcterms:modified>""" +
        "</cp:coreProperties>";

    internal string CustomXml() =>
        """<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">""" +
        string.Concat(Custom.Select((p, i) => $"""<property fmtid="{CustomFormat}" pid="{i + 2}" name="{StreamedWorkbook.Xml(p.Name)}">""" +
            (p.Value is DateTime at ? $"<vt:filetime>{Stamp(at)}</vt:filetime>" : $"<vt:lpwstr>{StreamedWorkbook.Xml(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "")}</vt:lpwstr>") +
            "</property>")) +
        "</Properties>";

    /// <summary>The format id every custom document property has.</summary>
    private const string CustomFormat = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
