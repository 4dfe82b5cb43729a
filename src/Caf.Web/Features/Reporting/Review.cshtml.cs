using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The ISU reviews a report — the final one, or an interim one by its number: every version with what changed since the
/// one before, and the comments each returned one was sent back with; it accepts the version awaiting review or returns
/// it with comments (issue 14).
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class ReviewModel(ApplicationAccess access, WorkflowEngine engine, ReportReviews reviews) : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Reporting;

    /// <summary>Interim reports are reviewed while the grant runs, the final one while the reports are awaited.</summary>
    protected override bool WorksAt(string stage) => Number is null ? stage == Stage : stage is GrantStages.Active or GrantStages.Reporting;

    /// <summary>The interim report's number, from the address alone (never from a form); none for the final report.</summary>
    public int? Number => ReportRoute.Number(RouteData);

    [BindProperty] public ReviewInput Input { get; set; } = new();

    public sealed class ReviewInput
    {
        [Display(Name = "Details.Comments")]
        public string? Comments { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Known() ?? (IActionResult)Page();

    /// <summary>An interim report the grant does not have, or a number that is not one ("-1"), is not found.</summary>
    private NotFoundResult? Known() =>
        (Number is { } n && !Application.HasInterimReport(n)) || (Number is null && RouteData.Values.ContainsKey("number"))
            ? NotFound() : null;

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct)
    {
        if ((await LoadAsync(id, ct) ?? Known()) is { } redirect) return redirect;
        var outcome = await reviews.ReturnAsync(Application, User, Number, Input.Comments, ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, id, ct);
        return Done(InterfaceLanguage.Text("Review.Returned"));
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct)
    {
        if ((await LoadAsync(id, ct) ?? Known()) is { } redirect) return redirect;
        var outcome = await reviews.AcceptAsync(Application, User, Number, ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, id, ct);
        return Done(Number is { } n ? InterfaceLanguage.Format("Review.InterimAccepted", n) : InterfaceLanguage.Text("Review.FinalAccepted"));
    }
}
