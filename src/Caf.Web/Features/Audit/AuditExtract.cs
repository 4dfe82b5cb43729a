using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using Caf.Data.Entities;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Audit;

/// <summary>
/// The audit trail, or the part a filter keeps, as an Excel workbook an auditor takes away (issue 13): written row by row
/// with OpenXmlWriter while the records stream from the database, so a million records take the same memory as ten. Every
/// column of a record is there, hashes included, so the chain can be recomputed from the workbook alone. Each extract is
/// itself audited.
/// </summary>
public sealed class AuditExtract(AuditTrail trail, Caf.Web.Features.Shared.RecordedReads reads) : IUseCase
{
    internal const string ExportedAction = "audit.exported";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The columns' headings, in the language of the person exporting (issue 15); the records' values as stored.</summary>
    private static readonly string[] ColumnKeys =
    [
        "AuditBook.Sequence", "AuditBook.When", "AuditBook.Person", "AuditBook.UserId", "AuditBook.Action", "AuditBook.RecordType", "AuditBook.RecordId",
        "AuditBook.Details", "AuditBook.IpAddress", "AuditBook.CorrelationId", "AuditBook.PreviousHash", "AuditBook.Hash", "AuditBook.PersonalValues",
    ];

    /// <summary>Records a sheet holds: Excel opens at most 1,048,576 rows, so a longer trail goes on in the next sheet.</summary>
    public const int RecordsPerSheet = 1_000_000;

    /// <summary>
    /// Writes the records the filter keeps, oldest first, to <paramref name="output"/>; returns how many. The package is
    /// written as a zip in create mode, one part after the other, each sheet streamed through OpenXmlWriter: the SDK's own
    /// package would hold a sheet in memory until it closes (its zip is opened for update), 2 GB for a million records.
    /// The sheets come first; the workbook that lists them, once their number is known.
    /// </summary>
    public Task<long> WriteAsync(AuditFilter filter, Stream output, CancellationToken ct) => WriteAsync(filter, output, RecordsPerSheet, ct);

    internal async Task<long> WriteAsync(AuditFilter filter, Stream output, int recordsPerSheet, CancellationToken ct)
    {
        long count = 0;
        var sheets = 0;
        object?[] columns = [.. ColumnKeys.Select(InterfaceLanguage.Text)];
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Stream? part = null;
            OpenXmlWriter? writer = null;
            void StartSheet()
            {
                part = zip.CreateEntry($"xl/worksheets/sheet{++sheets}.xml", CompressionLevel.Fastest).Open();
                writer = OpenXmlWriter.Create(part);
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, columns);
            }
            void EndSheet()
            {
                writer!.WriteEndElement();
                writer.WriteEndElement();
                writer.Dispose();
                part!.Dispose();
            }
            StartSheet();
            await foreach (var e in trail.Filtered(filter, null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (count > 0 && count % recordsPerSheet == 0)
                {
                    EndSheet();
                    StartSheet();
                }
                WriteRow(writer!, [e.Sequence, e.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), e.UserName, e.UserId,
                    e.Action, e.EntityType, e.EntityId, e.Details, e.IpAddress, e.CorrelationId, e.PreviousHash, e.Hash, e.PersonalValues]);
                count++;
            }
            EndSheet();
            var numbers = Enumerable.Range(1, sheets).ToList();
            await WritePartAsync(zip, "xl/workbook.xml", new Workbook(new Sheets(numbers.Select(n =>
                new Sheet { Id = $"rId{n}", SheetId = (uint)n, Name = n == 1 ? SheetName : InterfaceLanguage.Format("AuditBook.SheetN", n) }))).OuterXml, ct);
            await WritePartAsync(zip, "xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
                string.Concat(numbers.Select(n => $"""<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>""")) +
                "</Relationships>", ct);
            await WritePartAsync(zip, "[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
                """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>""" +
                """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
                string.Concat(numbers.Select(n => $"""<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""")) +
                "</Types>", ct);
            await WritePartAsync(zip, "_rels/.rels", PackageRelationships, ct);
        }
        return count;
    }

    /// <summary>The first sheet's name; the next are "Audit trail 2", "Audit trail 3"…</summary>
    public static string SheetName => InterfaceLanguage.Text("AuditBook.Sheet");

    private static async Task WritePartAsync(ZipArchive zip, string name, string xml, CancellationToken ct)
    {
        await using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        await part.WriteAsync(System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml), ct);
    }

    private const string PackageRelationships =
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    /// <summary>The extract for a person on the page: written to a temporary file that goes when it is closed, and audited.</summary>
    public async Task<(Stream Content, long Records)> ExportAsync(ClaimsPrincipal person, AuditFilter filter, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose);
        try
        {
            var records = await WriteAsync(filter, file, ct);
            file.Position = 0;
            await reads.RecordAsync(ExportedAction, nameof(AuditEvent), null, new
            {
                records, filter.From, filter.To, filter.Person, filter.Action, filter.EntityType, filter.Application,
                by = person.Identity?.Name,
            }, ct);
            return (file, records);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            if (value is long number)
            {
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) });
                continue;
            }
            // An inline string is text to Excel, never a formula, whatever it begins with.
            writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlSafe(value as string ?? "")) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        writer.WriteEndElement();
    }

    /// <summary>The text with the characters XML cannot hold (control characters, lone surrogates) as U+FFFD.</summary>
    private static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r') || char.IsSurrogate(c))
            ? string.Concat(text.EnumerateRunes().Select(r => r.Value < 0x20 && r.Value is not (9 or 10 or 13) || r == System.Text.Rune.ReplacementChar ? "\uFFFD" : r.ToString()))
            : text;
}
