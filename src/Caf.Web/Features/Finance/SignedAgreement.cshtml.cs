using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Downloads a grant's signed agreement (its id is the grant's), for finance, the ISU and the applicant state's own focal
/// points (<see cref="ApplicationAccess.MayReadGrantDocuments"/>); the download is audited with the grant.
/// </summary>
[Authorize(Roles = $"{CafRoles.Finance},{CafRoles.IsuOfficer},{CafRoles.Auditor},{CafRoles.Applicant}")]
public sealed class SignedAgreementModel(ApplicationAccess access, AuditedDownloads downloads) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // The copy's name and id only: its bytes are streamed by the download, never read here.
        var grant = await access.Visible(User).Where(a => a.Id == id)
            .Select(a => new { a.ApplicantStateId, a.SignedCopyId, a.SignedCopyFileName }).FirstOrDefaultAsync(ct);
        if (grant is not { SignedCopyId: { } fileId } || !ApplicationAccess.MayReadGrantDocuments(User, grant.ApplicantStateId)) return NotFound();
        return await downloads.SendAsync("signed-agreement.downloaded", nameof(GrantApplication), id, fileId, grant.SignedCopyFileName ?? "agreement", ct);
    }
}
