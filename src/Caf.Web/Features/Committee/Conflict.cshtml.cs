using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Committee;

/// <summary>A committee member declares a conflict of interest on an application and is recused from it.</summary>
[Authorize(Roles = CafRoles.CommitteeMember)]
public sealed class ConflictModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => GrantStages.CommitteeReview;

    [BindProperty]
    [Required(ErrorMessage = "Say what the conflict is, for the register.")]
    [StringLength(ConflictDeclaration.MaxReasonLength, ErrorMessage = "Keep the reason under 1,000 characters.")]
    [Display(Name = "What is the conflict?")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } redirect ? redirect : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ModelState.IsValid) return Invalid();
        var actor = ApplicationAccess.ActorFor(User);
        var outcome = await Commands.RunAsync(Application, User,
            a => a.DeclareConflict(actor.UserId, User.DisplayName(), User.StatePartyId(), Reason!, clock.GetUtcNow().UtcDateTime),
            null, null, ct);
        return outcome.Succeeded
            ? Done("Your conflict of interest is declared: you are recused from this application and any score of yours is left out.")
            : await RefusedAsync(outcome, id, ct);
    }
}
