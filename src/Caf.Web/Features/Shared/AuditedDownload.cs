using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Shared;

/// <summary>How every document of an application leaves the system: audited, and always as a download.</summary>
internal static class AuditedDownload
{
    public static async Task<IActionResult> SendAsync(CafDbContext db, string action, string entityType, Guid entityId,
        byte[] content, string fileName, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent(action, entityType, entityId.ToString(), null));
        await db.SaveChangesAsync(ct);
        // Always an attachment, never rendered in the browser, whatever the type.
        return new FileContentResult(content, "application/octet-stream") { FileDownloadName = fileName };
    }
}
