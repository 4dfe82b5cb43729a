using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Caf.Web.Features.Shared;

/// <summary>How every document of an application leaves the system: audited, and always as a download.</summary>
internal static class AuditedDownload
{
    /// <summary>
    /// Audits the download, then streams the one stored file of the document (nothing else) from the database to the
    /// response, a buffer at a time: a 10 MB document does not become a 10 MB array on the server.
    /// </summary>
    public static async Task<IActionResult> SendAsync(CafDbContext db, string action, string entityType, Guid entityId,
        string fileName, CancellationToken ct)
    {
        if (await StoredFileContent.LengthAsync(db, entityId, ct) is not { } length) return new NotFoundResult();
        db.AuditEvents.Add(new AuditEvent(action, entityType, entityId.ToString(), null));
        await db.SaveChangesAsync(ct);
        return new StoredFileResult(db, entityId, fileName, length);
    }

    private sealed class StoredFileResult(CafDbContext db, Guid id, string fileName, long length) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            // Always an attachment, never rendered in the browser, whatever the type.
            response.ContentType = "application/octet-stream";
            response.ContentLength = length;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
            await StoredFileContent.CopyToAsync(db, id, response.Body, context.HttpContext.RequestAborted);
        }
    }
}
