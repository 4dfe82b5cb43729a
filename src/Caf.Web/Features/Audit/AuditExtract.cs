using System.Globalization;
using System.Security.Claims;
using Caf.Data.Entities;
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
    /// Writes the records the filter keeps, oldest first, to <paramref name="output"/>; returns how many. Each sheet is
    /// streamed as the records come (<see cref="StreamedWorkbook"/>); the workbook that lists them, once their number is known.
    /// </summary>
    public Task<long> WriteAsync(AuditFilter filter, Stream output, CancellationToken ct) => WriteAsync(filter, output, RecordsPerSheet, ct);

    internal async Task<long> WriteAsync(AuditFilter filter, Stream output, int recordsPerSheet, CancellationToken ct)
    {
        long count = 0;
        var (sheets, row) = (0, 0);
        SheetValue[] columns = [.. ColumnKeys.Select(k => SheetValue.Of(InterfaceLanguage.Text(k)))];
        using var workbook = new StreamedWorkbook(output);
        StreamedSheet StartSheet()
        {
            sheets++;
            var sheet = workbook.StartSheet(sheets == 1 ? SheetName : InterfaceLanguage.Format("AuditBook.SheetN", sheets), sheets);
            row = 0;
            WriteRow(sheet, ++row, columns);
            return sheet;
        }
        var sheet = StartSheet();
        await foreach (var e in trail.Filtered(filter, null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (count > 0 && count % recordsPerSheet == 0)
            {
                sheet.End();
                sheet = StartSheet();
            }
            // Text is written inline: text to Excel, never a formula, whatever it begins with.
            WriteRow(sheet, ++row, [SheetValue.Of(e.Sequence), SheetValue.Of(e.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)),
                SheetValue.Of(e.UserName), SheetValue.Of(e.UserId), SheetValue.Of(e.Action), SheetValue.Of(e.EntityType), SheetValue.Of(e.EntityId),
                SheetValue.Of(e.Details), SheetValue.Of(e.IpAddress), SheetValue.Of(e.CorrelationId), SheetValue.Of(e.PreviousHash), SheetValue.Of(e.Hash),
                SheetValue.Of(e.PersonalValues)]);
            count++;
        }
        sheet.End();
        await workbook.FinishAsync(null, ct);
        return count;
    }

    private static void WriteRow(StreamedSheet sheet, int row, SheetValue[] values)
    {
        sheet.Row(row);
        for (var c = 0; c < values.Length; c++) sheet.Cell(c + 1, values[c]);
    }

    /// <summary>The first sheet's name; the next are "Audit trail 2", "Audit trail 3"…</summary>
    public static string SheetName => InterfaceLanguage.Text("AuditBook.Sheet");

    /// <summary>The extract for a person on the page: written to a temporary file that goes when it is closed, and audited.</summary>
    public async Task<(Stream Content, long Records)> ExportAsync(ClaimsPrincipal person, AuditFilter filter, CancellationToken ct)
    {
        var (file, records) = await StreamedWorkbook.ToTemporaryFileAsync(async file =>
        {
            var records = await WriteAsync(filter, file, ct);
            await reads.RecordAsync(ExportedAction, nameof(AuditEvent), null, new
            {
                records, filter.From, filter.To, filter.Person, filter.Action, filter.EntityType, filter.Application,
                by = person.Identity?.Name,
            }, ct);
            return records;
        });
        return (file, records);
    }
}
