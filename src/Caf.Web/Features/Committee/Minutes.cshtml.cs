using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>The committee's meetings: date, members present and the decisions taken, each downloadable as a workbook.</summary>
[Authorize(Roles = CafRoles.CommitteeChair + "," + CafRoles.CommitteeMember + "," + CafRoles.IsuOfficer + "," + CafRoles.Auditor)]
public sealed class MinutesModel(CafDbContext db, TimeProvider clock, RecordedReads reads) : PageModel
{
    /// <summary>The workbook's column headers, in the page's language.</summary>
    private static readonly string[] ColumnKeys =
        ["Minutes.Reference", "Minutes.ApplicationTitle", "Minutes.Decision", "Minutes.ApprovedAmount", "Minutes.Currency", "Minutes.Conditions", "Minutes.Rationale", "Minutes.RecordedUtc"];

    internal IReadOnlyList<(CommitteeMeeting Meeting, string Round)> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Meetings = await LoadAsync(null, ct);

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found.Count == 0) return NotFound();
        var (meeting, round) = found[0];
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(InterfaceLanguage.Text("Minutes.Sheet"));
        WorkbookText.Write(sheet.Cell(1, 1), InterfaceLanguage.Format("Minutes.SheetTitle", meeting.HeldOn.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), round));
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = InterfaceLanguage.Text("Minutes.MembersPresent");
        sheet.Cell(2, 2).Value = meeting.Present;
        sheet.Cell(3, 1).Value = InterfaceLanguage.Format("Minutes.Generated", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        string[] columns = [.. ColumnKeys.Select(InterfaceLanguage.Text)];
        const int header = 5;
        for (var c = 0; c < columns.Length; c++) sheet.Cell(header, c + 1).Value = columns[c];
        sheet.Range(header, 1, header, columns.Length).Style.Font.Bold = true;
        var decisions = meeting.Decisions.OrderBy(d => d.RecordedAtUtc).ToList();
        for (var i = 0; i < decisions.Count; i++)
        {
            var (d, row) = (decisions[i], header + 1 + i);
            WorkbookText.Write(sheet.Cell(row, 1), d.Reference);
            WorkbookText.Write(sheet.Cell(row, 2), d.Title);
            WorkbookText.Write(sheet.Cell(row, 3), DisplayNames.Decision(d.Decision));
            if (d.Amount is { } amount) sheet.Cell(row, 4).Value = amount;
            WorkbookText.Write(sheet.Cell(row, 5), d.Currency);
            WorkbookText.Write(sheet.Cell(row, 6), d.Conditions);
            WorkbookText.Write(sheet.Cell(row, 7), d.Rationale);
            sheet.Cell(row, 8).Value = d.RecordedAtUtc;
        }
        var last = header + decisions.Count;
        var total = last + 1;
        sheet.Cell(total, 3).Value = InterfaceLanguage.Text("Minutes.TotalApproved");
        sheet.Cell(total, 4).FormulaA1 = decisions.Count == 0 ? "0" : $"SUM(D{header + 1}:D{last})";
        sheet.Range(total, 1, total, columns.Length).Style.Font.Bold = true;
        sheet.Range(header + 1, 4, total, 4).Style.NumberFormat.Format = "#,##0.00";
        sheet.Range(header + 1, 8, Math.Max(last, header + 1), 8).Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
        sheet.SheetView.FreezeRows(header);
        sheet.Range(header, 1, Math.Max(last, header), columns.Length).SetAutoFilter();
        double[] widths = [15, 45, 10, 16, 9, 40, 60, 18];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await reads.RecordAsync("minutes.exported", nameof(CommitteeMeeting), meeting.Id.ToString(), null, ct);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"minutes-{meeting.HeldOn:yyyy-MM-dd}.xlsx");
    }

    private async Task<IReadOnlyList<(CommitteeMeeting, string)>> LoadAsync(Guid? id, CancellationToken ct)
    {
        var meetings = await db.CommitteeMeetings.AsNoTracking().Include(m => m.Decisions)
            .Where(m => id == null || m.Id == id).OrderByDescending(m => m.HeldOn).ToListAsync(ct);
        var rounds = await db.Rounds.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Title, ct);
        return meetings.Select(m => (m, rounds.GetValueOrDefault(m.RoundId, ""))).ToList();
    }
}
