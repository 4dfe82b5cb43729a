using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Applications;

/// <summary>The applicant answers the ISU's questions; sending the answer resubmits the application, as a new version.</summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class RespondModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => GrantStages.ClarificationRequested;

    [BindProperty]
    [Required(ErrorMessage = "Write your answer to the ISU's questions.")]
    [StringLength(4000, ErrorMessage = "Keep the answer under 4,000 characters.")]
    [Display(Name = "Your answer")]
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
        var outcome = await Commands.RunAsync(Application, User,
            a => a.AnswerClarification(Answer!, ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime),
            GrantTriggers.Respond, Answer, ct);
        return outcome.Succeeded ? Done("Answer sent. The application is back with the ISU for screening.") : await RefusedAsync(outcome, id, ct);
    }
}
