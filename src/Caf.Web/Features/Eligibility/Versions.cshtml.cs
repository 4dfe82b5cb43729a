using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Eligibility;

/// <summary>The submitted versions of an application and, field by field, what changed between two of them.</summary>
[Authorize(Roles = CafRoles.IsuOfficer + "," + CafRoles.Auditor)]
public sealed class VersionsModel(ApplicationAccess access, CafDbContext db) : PageModel
{
    internal GrantApplication Application { get; private set; } = null!;
    internal IReadOnlyList<ApplicationVersion> Versions { get; private set; } = [];
    internal IReadOnlyList<FieldChange> Changes { get; private set; } = [];
    public int From { get; private set; }
    public int To { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? from, int? to, CancellationToken ct)
    {
        var application = await access.LoadAsync(id, User, ct);
        if (application is null) return NotFound();
        Application = application;
        Versions = await db.ApplicationVersions.AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Number).ToListAsync(ct);
        if (Versions.Count < 2) return Page();
        // By default the latest version against the one before it.
        To = to is { } t && Versions.Any(v => v.Number == t) ? t : Versions[^1].Number;
        From = from is { } f && Versions.Any(v => v.Number == f)
            ? (f != To ? f : Versions[0].Number)
            : Versions.LastOrDefault(v => v.Number < To)?.Number ?? Versions[0].Number;
        Changes = ProposalSnapshot.Diff(
            ProposalSnapshot.FromJson(Versions.Single(v => v.Number == From).SnapshotJson),
            ProposalSnapshot.FromJson(Versions.Single(v => v.Number == To).SnapshotJson))
            .Select(c => ProposalSnapshot.InWords(c, DisplayNames.Label)).ToList();
        return Page();
    }
}
