using Caf.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Dashboard;

/// <summary>Each role's first page: what stands where, what is late, and what waits for this person (issue 14).</summary>
[Authorize]
public sealed class IndexModel(Dashboards dashboards) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Round { get; set; }

    internal IsuDashboard? Isu { get; private set; }
    internal FinanceDashboard? Finance { get; private set; }
    internal CommitteeDashboard? Committee { get; private set; }
    internal IReadOnlyList<ApplicantRow>? Applicant { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(CafRoles.IsuOfficer) || User.IsInRole(CafRoles.Auditor) || User.IsInRole(CafRoles.Admin))
            Isu = await dashboards.IsuAsync(Round, ct);
        if (User.IsInRole(CafRoles.Finance)) Finance = await dashboards.FinanceAsync(User, ct);
        if (User.IsInRole(CafRoles.CommitteeMember) || User.IsInRole(CafRoles.CommitteeChair)) Committee = await dashboards.CommitteeAsync(User, ct);
        if (User.IsInRole(CafRoles.Applicant)) Applicant = await dashboards.ApplicantAsync(User, ct);
        return Page();
    }
}
