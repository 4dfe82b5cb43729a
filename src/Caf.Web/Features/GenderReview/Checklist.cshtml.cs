using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.GenderReview;

/// <summary>The gender focal point answers the checklist and chooses the gender marker; completing it moves the application to the committee.</summary>
[Authorize(Roles = CafRoles.GenderFocalPoint)]
public sealed class ChecklistModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => "GenderReview";

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

    public int? SuggestedMarker => Input.Answers.Count == Data.Entities.GenderReview.DefaultItems.Count && Input.Answers.All(a => a is not null)
        ? Data.Entities.GenderReview.SuggestMarker(Input.Answers.Select(a => a!.Value).ToList())
        : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Pad();
        for (var i = 0; i < Input.Answers.Count; i++)
            if (Input.Answers[i] is null)
                ModelState.AddModelError($"Input.Answers[{i}]", $"Answer item {i + 1}: Yes, Partial, No or Not applicable.");
        if (!ModelState.IsValid) return Invalid();
        var outcome = await Commands.RunAsync(Application, User, a =>
        {
            var review = new Data.Entities.GenderReview(a.Id,
                Input.Answers.Select((ans, i) => (ans!.Value, Input.Evidence.ElementAtOrDefault(i))).ToList(),
                Input.Marker!.Value, Input.Rationale!, ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime);
            a.CompleteGenderReview(review);
        }, "complete-checklist", Input.Rationale, ct);
        return outcome.Succeeded ? Done("Checklist completed; the application is with the committee.") : await RefusedAsync(outcome, id, ct);
    }

    private void Pad()
    {
        var n = Data.Entities.GenderReview.DefaultItems.Count;
        while (Input.Answers.Count < n) Input.Answers.Add(null);
        while (Input.Evidence.Count < n) Input.Evidence.Add(null);
    }
}
