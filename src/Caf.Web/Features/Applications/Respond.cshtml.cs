using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Applications;

/// <summary>The applicant answers the ISU's questions; sending the answer resubmits the application, as a new version.</summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class RespondModel(ApplicationAccess access, WorkflowEngine engine, Clarifications clarifications)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.ClarificationRequested;

    // No [Required] or [StringLength]: GrantApplication.AnswerClarification says what is wrong, once.
    [BindProperty]
    [Display(Name = "Respond.YourAnswer")]
    public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        return ApplicationAccess.ActsForApplicant(Application, User) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        if (!ModelState.IsValid) return Invalid();
        var outcome = await clarifications.AnswerAsync(Application, User, Answer, ct);
        if (outcome.Succeeded) return Done(InterfaceLanguage.Text("Respond.Sent"));
        // The answer is the page's own field, not an Input.X.
        this.ShowRefusal(outcome, f => f ?? "");
        var status = Response.StatusCode;
        await LoadAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }
}
