using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Committee;

/// <summary>
/// A committee member scores an application criterion by criterion under its round's published rubric (1–5 or not
/// applicable, each with an optional comment), and may revise the scores until the committee decides.
/// </summary>
[Authorize(Roles = CafRoles.CommitteeMember)]
public sealed class ScoreModel(ApplicationAccess access, WorkflowEngine engine, CommitteeScoring scoring)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.CommitteeReview;

    [BindProperty] public ScoreInput Input { get; set; } = new();

    public sealed class ScoreInput
    {
        /// <summary>Per criterion code: "1" to "5", or "na" for not applicable.</summary>
        public Dictionary<string, string?> Scores { get; set; } = [];
        public Dictionary<string, string?> Comments { get; set; } = [];

        // No attribute: ScoreSheet.Problems bounds it, with the criteria's own rules.
        public string? Comment { get; set; }
    }

    private ScoringRubric _rubric = null!;

    /// <summary>The criteria of the round's rubric, in order.</summary>
    public IReadOnlyList<RubricItem> Rubric => _rubric.Items;

    /// <summary>The member's earlier scores, when this is a revision.</summary>
    public CommitteeScore? Previous => Application.Scores.FirstOrDefault(s => s.MemberUserId == ApplicationAccess.ActorFor(User).UserId);

    /// <summary>A member of the applicant's or a partner's state does not score: the form is not even shown.</summary>
    public bool IsRecused => Application.IsRecused(ApplicationAccess.ActorFor(User).UserId, User.StatePartyId());

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadWithRubricAsync(id, ct) is { } redirect) return redirect;
        if (IsRecused) Response.StatusCode = 403;
        else if (Previous is { } previous)
        {
            foreach (var c in previous.Criteria)
            {
                Input.Scores[c.Code] = c.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ScoreSheet.NotApplicable;
                Input.Comments[c.Code] = c.Comment;
            }
            Input.Comment = previous.Comment;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadWithRubricAsync(id, ct) is { } redirect) return redirect;
        var sheet = new ScoreSheet(Input.Scores, Input.Comments, Input.Comment);
        if (!ModelState.IsValid)
        {
            ShowProblems(sheet.Problems(Rubric));
            return Invalid();
        }
        var revising = Previous is not null;
        var outcome = await scoring.ScoreAsync(Application, User, sheet, ct);
        if (outcome.Succeeded) return Done(InterfaceLanguage.Text(revising ? "Score.Revised" : "Score.Recorded"));
        return await RefusedAsync(outcome, id, ct);
    }

    private async Task<IActionResult?> LoadWithRubricAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        _rubric = await scoring.RubricForAsync(Application, ct);
        return null;
    }
}
