using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Shared;

/// <summary>How every document of an application leaves the system: audited, and always as a download.</summary>
internal static class AuditedDownload
{
    /// <summary>Audits the download, then reads the one stored file of the document (nothing else) and sends it.</summary>
    public static async Task<IActionResult> SendAsync(CafDbContext db, string action, string entityType, Guid entityId,
        string fileName, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent(action, entityType, entityId.ToString(), null));
        await db.SaveChangesAsync(ct);
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == entityId).Select(f => f.Bytes).FirstAsync(ct);
        // Always an attachment, never rendered in the browser, whatever the type.
        return new FileContentResult(content, "application/octet-stream") { FileDownloadName = fileName };
    }
}
