using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.GenderReview;

/// <summary>The gender focal point answers the checklist and chooses the gender marker; completing it moves the application to the committee.</summary>
[Authorize(Roles = CafRoles.GenderFocalPoint)]
public sealed class ChecklistModel(ApplicationAccess access, WorkflowEngine engine, Checklists checklists)
    : ApplicationPageModel(access, engine)
{
    /// <summary>The version of the checklist the application's round uses.</summary>
    internal GenderChecklist Checklist { get; private set; } = null!;
    internal IReadOnlyList<GenderChecklistItem> Items => Checklist.Items.OrderBy(i => i.Position).ToList();

    protected override string Stage => GrantStages.GenderReview;

    [BindProperty] public ChecklistInput Input { get; set; } = new();

    public sealed class ChecklistInput
    {
        // No attributes: GenderReviewAnswers.Problems says what is wrong, once.
        public List<ChecklistAnswer?> Answers { get; set; } = [];
        public List<string?> Evidence { get; set; } = [];
        public int? Marker { get; set; }
        public string? Rationale { get; set; }
    }

    public int? SuggestedMarker => Input.Answers.Count == Items.Count && Input.Answers.All(a => a is not null)
        ? Data.Entities.GenderReview.SuggestMarker(Items.Select((item, i) => (item.Tag, Input.Answers[i]!.Value)).ToList())
        : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (await LoadChecklistAsync(ct) is { } missing) return missing;
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (await LoadChecklistAsync(ct) is { } missing) return missing;
        Pad();
        var answers = new GenderReviewAnswers(Input.Answers, Input.Evidence, Input.Marker, Input.Rationale);
        if (!ModelState.IsValid)
        {
            ShowProblems(answers.Problems(Items.Count));
            return Invalid();
        }
        var outcome = await checklists.CompleteAsync(Application, User, answers, ct);
        if (outcome.Succeeded) return Done(InterfaceLanguage.Text("Gender.Completed"));
        var refused = await RefusedAsync(outcome, id, ct);
        await LoadChecklistAsync(ct);
        return refused;
    }

    private async Task<IActionResult?> LoadChecklistAsync(CancellationToken ct)
    {
        if (await checklists.ForAsync(Application, ct) is not { } checklist)
        {
            TempData["Message"] = Checklists.MissingVersion(Application);
            return RedirectToPage("/Applications/Details", new { id = Application.Id });
        }
        Checklist = checklist;
        return null;
    }

    /// <summary>One answer and one evidence note per item of the round's version, whatever was posted.</summary>
    private void Pad()
    {
        var n = Items.Count;
        while (Input.Answers.Count < n) Input.Answers.Add(null);
        while (Input.Evidence.Count < n) Input.Evidence.Add(null);
        if (Input.Answers.Count > n) Input.Answers.RemoveRange(n, Input.Answers.Count - n);
        if (Input.Evidence.Count > n) Input.Evidence.RemoveRange(n, Input.Evidence.Count - n);
    }
}
