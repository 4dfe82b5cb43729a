using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// Downloads a report file, or with <c>?part=receipts</c> the receipts sent beside it, for those who read the grant's own
/// documents (<see cref="ApplicationAccess.MayReadGrantDocuments"/>); the download is audited.
/// </summary>
public sealed class DownloadModel(ApplicationAccess access, CafDbContext db, AuditedDownloads downloads) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? part, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return NotFound();
        // Visible, and one of those who read the grant's own documents: a partner state or another staff role is told nothing.
        var applicantState = await access.Visible(User).Where(a => a.Id == report.ApplicationId).Select(a => (Guid?)a.ApplicantStateId).FirstOrDefaultAsync(ct);
        if (applicantState is not { } state || !ApplicationAccess.MayReadGrantDocuments(User, state)) return NotFound();
        return part switch
        {
            null or "" => await downloads.SendAsync("report.downloaded", nameof(GrantReport), report.Id, report.FileName, ct),
            "receipts" when report.ReceiptsId is { } receipts =>
                await downloads.SendAsync("report-receipts.downloaded", nameof(GrantReport), report.Id, receipts, report.ReceiptsFileName ?? "receipts", ct),
            _ => NotFound(),
        };
    }
}
