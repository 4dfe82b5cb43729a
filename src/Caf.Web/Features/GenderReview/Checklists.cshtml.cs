using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.GenderReview;

/// <summary>Every published version of the gender checklist, newest first, with its items and tags and the rounds that use it.</summary>
[Authorize(Roles = CafRoles.IsuOfficer + "," + CafRoles.Auditor + "," + CafRoles.GenderFocalPoint)]
public sealed class ChecklistsModel(CafDbContext db) : PageModel
{
    internal IReadOnlyList<GenderChecklist> Versions { get; private set; } = [];
    internal ILookup<int, string> RoundsByVersion { get; private set; } = Array.Empty<string>().ToLookup(_ => 0);
    public bool CanPublish => User.IsInRole(CafRoles.IsuOfficer);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Versions = await db.GenderChecklists.AsNoTracking().Include(c => c.Items).OrderByDescending(c => c.Version).ToListAsync(ct);
        RoundsByVersion = (await db.Rounds.AsNoTracking().Select(r => new { r.GenderChecklistVersion, r.Title }).ToListAsync(ct))
            .ToLookup(r => r.GenderChecklistVersion, r => r.Title);
    }
}
