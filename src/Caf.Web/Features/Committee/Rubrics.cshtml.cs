using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>Every published version of the scoring rubric, newest first, with its criteria, weights, levels and the rounds that use it.</summary>
[Authorize(Roles = CafRoles.IsuOfficer + "," + CafRoles.Auditor + "," + CafRoles.CommitteeMember + "," + CafRoles.CommitteeChair)]
public sealed class RubricsModel(CafDbContext db) : PageModel
{
    internal IReadOnlyList<ScoringRubric> Versions { get; private set; } = [];
    internal ILookup<int, string> RoundsByVersion { get; private set; } = Array.Empty<string>().ToLookup(_ => 0);
    public bool CanPublish => User.IsInRole(CafRoles.IsuOfficer);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Versions = await db.ScoringRubrics.AsNoTracking().Include(r => r.Criteria).OrderByDescending(r => r.Version).ToListAsync(ct);
        RoundsByVersion = (await db.Rounds.AsNoTracking().Select(r => new { r.RubricVersion, r.Title }).ToListAsync(ct))
            .ToLookup(r => r.RubricVersion, r => r.Title);
    }
}
