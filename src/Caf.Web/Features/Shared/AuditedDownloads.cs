using Caf.Data;
using Caf.Data.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Caf.Web.Features.Shared;

/// <summary>How every document of an application leaves the system: audited, and always as a download.</summary>
public sealed class AuditedDownloads(CafDbContext db, RecordedReads reads) : IUseCase
{
    /// <summary>
    /// Audits the download, then streams the one stored file of the document (nothing else) from the database to the
    /// response, a buffer at a time: a 10 MB document does not become a 10 MB array on the server.
    /// </summary>
    public Task<IActionResult> SendAsync(string action, string entityType, Guid entityId, string fileName, CancellationToken ct) =>
        SendAsync(action, entityType, entityId, entityId, fileName, ct);

    /// <summary>The same, for a file stored under an id of its own and audited as read from its record (a grant's signed agreement).</summary>
    public async Task<IActionResult> SendAsync(string action, string entityType, Guid entityId, Guid fileId, string fileName, CancellationToken ct)
    {
        if (await StoredFileContent.LengthAsync(db, fileId, ct) is not { } length) return new NotFoundResult();
        await reads.RecordAsync(action, entityType, entityId.ToString(), entityId == fileId ? null : new { File = fileId }, ct);
        return new StoredFileResult(db, fileId, fileName, length);
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
