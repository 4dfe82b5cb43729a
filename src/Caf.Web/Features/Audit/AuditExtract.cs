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

    private static readonly string[] Columns =
        ["Sequence", "When (UTC)", "Person", "User id", "Action", "Record type", "Record id", "Details", "IP address", "Correlation id", "Previous hash", "Hash", "Personal values (outside the hash)"];

    /// <summary>
    /// Writes the records the filter keeps, oldest first, to <paramref name="output"/>; returns how many. The package is
    /// written as a zip in create mode, one part after the other, the sheet streamed through OpenXmlWriter: the SDK's own
    /// package would hold the whole sheet in memory until it closes (its zip is opened for update), 2 GB for a million records.
    /// </summary>
    public async Task<long> WriteAsync(AuditFilter filter, Stream output, CancellationToken ct)
    {
        long count = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await WritePartAsync(zip, "[Content_Types].xml", ContentTypes, ct);
        await WritePartAsync(zip, "_rels/.rels", PackageRelationships, ct);
        await WritePartAsync(zip, "xl/workbook.xml",
            new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = "Audit trail" })).OuterXml, ct);
        await WritePartAsync(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships, ct);
        await using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, Columns.Select(c => (object?)c));
            await foreach (var e in trail.Filtered(filter, null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
            {
                WriteRow(writer, [e.Sequence, e.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), e.UserName, e.UserId,
                    e.Action, e.EntityType, e.EntityId, e.Details, e.IpAddress, e.CorrelationId, e.PreviousHash, e.Hash, e.PersonalValues]);
                count++;
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return count;
    }

    private static async Task WritePartAsync(ZipArchive zip, string name, string xml, CancellationToken ct)
    {
        await using var part = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        await part.WriteAsync(System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml), ct);
    }

    private const string ContentTypes =
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";

    private const string PackageRelationships =
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private const string WorkbookRelationships =
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""";

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
