using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>
/// The register of conflicts of interest across rounds: every declared conflict, and every member recused because
/// their state is the applicant or a partner of an application the committee reviewed.
/// </summary>
[Authorize(Roles = CafRoles.CommitteeChair + "," + CafRoles.Auditor)]
public sealed class ConflictsModel(CafDbContext db) : PageModel
{
    public sealed record Entry(DateTime? AtUtc, string Member, string Reference, string Title, string Round, string Why);

    internal IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var declared = await db.ConflictDeclarations.AsNoTracking()
            .Join(db.Applications, c => c.ApplicationId, a => a.Id, (c, a) => new { c, a.Reference, a.Title, Round = a.Round!.Title })
            .ToListAsync(ct);
        // Recusals by state, for every application that reached the committee.
        var members = await CommitteePeople.ListAsync(db, ct);
        var reviewed = await db.Applications.AsNoTracking().ReachedCommittee()
            .Select(a => new { a.Reference, a.Title, Round = a.Round!.Title, a.ApplicantStateId, Partners = a.Partners.Select(p => p.StatePartyId).ToList(),
                ReviewedAt = a.GenderReview!.CompletedAtUtc })
            .ToListAsync(ct);
        var states = await db.StateParties.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        Entries = declared.Select(d => new Entry(d.c.DeclaredAtUtc, d.c.MemberName, d.Reference ?? "", d.Title, d.Round, InterfaceLanguage.Format("Conflict.DeclaredWhy", d.c.Reason)))
            .Concat(reviewed.SelectMany(a => members
                .Where(m => GrantApplication.IsRecusedByState(m.StatePartyId, a.ApplicantStateId, a.Partners))
                .Select(m => new Entry(a.ReviewedAt, m.Name, a.Reference ?? "", a.Title, a.Round,
                    m.StatePartyId == a.ApplicantStateId
                        ? InterfaceLanguage.Format("Conflict.RecusedApplicant", Shown.State(states[m.StatePartyId!.Value]))
                        : InterfaceLanguage.Format("Conflict.RecusedPartner", Shown.State(states[m.StatePartyId!.Value]))))))
            .OrderByDescending(e => e.AtUtc).ThenBy(e => e.Reference, StringComparer.Ordinal)
            .ToList();
    }
}
