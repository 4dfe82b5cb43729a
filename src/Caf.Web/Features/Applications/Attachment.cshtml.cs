using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>Downloads a document attached to a proposal, for those who may see the application; the download is audited.</summary>
public sealed class AttachmentModel(ApplicationAccess access, CafDbContext db, AuditedDownloads downloads) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (attachment is null || !await access.Visible(User).AnyAsync(a => a.Id == attachment.ApplicationId, ct)) return NotFound();
        return await downloads.SendAsync("attachment.downloaded", nameof(ApplicationAttachment), attachment.Id,
            attachment.FileName, ct);
    }
}
