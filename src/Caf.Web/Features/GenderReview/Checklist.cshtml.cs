using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.GenderReview;

/// <summary>The gender focal point answers the checklist and chooses the gender marker; completing it moves the application to the committee.</summary>
[Authorize(Roles = CafRoles.GenderFocalPoint)]
public sealed class ChecklistModel(CafDbContext db, ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    /// <summary>The version of the checklist the application's round uses.</summary>
    internal GenderChecklist Checklist { get; private set; } = null!;
    internal IReadOnlyList<GenderChecklistItem> Items => Checklist.Items.OrderBy(i => i.Position).ToList();

    protected override string Stage => GrantStages.GenderReview;

    [BindProperty] public ChecklistInput Input { get; set; } = new();

    public sealed class ChecklistInput
    {
        public List<ChecklistAnswer?> Answers { get; set; } = [];
        public List<string?> Evidence { get; set; } = [];

        [Required(ErrorMessage = "Choose the gender marker: 0, 1 or 2.")]
        [Range(0, 2, ErrorMessage = "The gender marker is 0, 1 or 2.")]
        public int? Marker { get; set; }

        [Required(ErrorMessage = "Explain why you chose this gender marker.")]
        [StringLength(4000)]
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
        for (var i = 0; i < Input.Answers.Count; i++)
            if (Input.Answers[i] is null)
                ModelState.AddModelError($"Input.Answers[{i}]", $"Answer item {i + 1}: Yes, Partial, No or Not applicable.");
        if (!ModelState.IsValid) return Invalid();
        var outcome = await Commands.RunAsync(Application, User, a =>
        {
            var review = new Data.Entities.GenderReview(a.Id, Checklist,
                Input.Answers.Select((ans, i) => (ans!.Value, Input.Evidence.ElementAtOrDefault(i))).ToList(),
                Input.Marker!.Value, Input.Rationale!, ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime);
            a.CompleteGenderReview(review);
        }, GrantTriggers.CompleteChecklist, Input.Rationale, ct);
        return outcome.Succeeded ? Done("Checklist completed; the application is with the committee.") : await RefusedAsync(outcome, id, ct);
    }

    private async Task<IActionResult?> LoadChecklistAsync(CancellationToken ct)
    {
        var version = Application.Round!.GenderChecklistVersion;
        var checklist = await db.GenderChecklists.AsNoTracking().Include(c => c.Items).FirstOrDefaultAsync(c => c.Version == version, ct);
        if (checklist is null)
        {
            TempData["Message"] = $"The round uses gender checklist version {version}, which does not exist. Ask the ISU to correct the round.";
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
