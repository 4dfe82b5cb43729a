using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Rounds;

/// <summary>Every round, whatever its status: the ISU manages them, auditors read them.</summary>
[Authorize(Roles = CafRoles.IsuOfficer + "," + CafRoles.Auditor)]
public sealed class ManageModel(CafDbContext db) : PageModel
{
    internal IReadOnlyList<FundingRound> Rounds { get; private set; } = [];
    public bool CanEdit => User.IsInRole(CafRoles.IsuOfficer);

    public async Task OnGetAsync(CancellationToken ct) =>
        Rounds = await db.Rounds.AsNoTracking().OrderByDescending(r => r.OpensAtUtc).ToListAsync(ct);
}
