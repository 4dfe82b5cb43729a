using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The ISU reviews the final report: every version with what changed since the one before, and the comments each returned
/// one was sent back with; it accepts the version awaiting review or returns it with comments (issue 14).
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class ReviewModel(ApplicationAccess access, WorkflowEngine engine, FinalReportReviews reviews) : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Reporting;

    [BindProperty] public ReviewInput Input { get; set; } = new();

    public sealed class ReviewInput
    {
        [Display(Name = "Comments")]
        public string? Comments { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, application => reviews.ReturnAsync(application, User, Input.Comments, ct),
            "The report is returned: the grantee's focal points have the comments by email and may send a revised version.", ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var outcome = await reviews.AcceptAsync(Application, User, ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, id, ct);
        return Done("The final report is accepted: the grant moves on to final reconciliation.");
    }
}
