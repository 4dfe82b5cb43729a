using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Web.Features.Account;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Committee;

/// <summary>A committee member scores an application (one overall score, 1–5, with a comment).</summary>
[Authorize(Roles = CafRoles.CommitteeMember)]
public sealed class ScoreModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => "CommitteeReview";

    [BindProperty] public ScoreInput Input { get; set; } = new();

    public sealed class ScoreInput
    {
        [Required(ErrorMessage = "Choose a score from 1 to 5.")]
        [Range(1, 5, ErrorMessage = "A score is a whole number from 1 (weak) to 5 (excellent).")]
        public int? Score { get; set; }

        [StringLength(4000)]
        public string? Comment { get; set; }
    }

    /// <summary>A member of the applicant's or a partner's state does not score: the form is not even shown.</summary>
    public bool IsRecused => Application.IsRecused(ApplicationAccess.ActorFor(User).UserId, User.StatePartyId());

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (IsRecused) Response.StatusCode = 403;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (IsRecused)
        {
            Response.StatusCode = 403;
            return Page();
        }
        if (!ModelState.IsValid) return Invalid();
        var actor = ApplicationAccess.ActorFor(User);
        var outcome = await Commands.RunAsync(Application, User,
            a => a.AddScore(actor.UserId, User.DisplayName(), User.StatePartyId(), Input.Score!.Value, Input.Comment, clock.GetUtcNow().UtcDateTime),
            null, null, ct);
        return outcome.Succeeded ? Done("Your score is recorded.") : await RefusedAsync(outcome, id, ct);
    }
}
