using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Eligibility;

/// <summary>
/// The ISU screens an application: the automatic checks (re-runnable), its own checklist, and a decision — eligible,
/// ineligible, or questions to the applicant with sections reopened — with the rationale the applicant is told.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class ScreenModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, CafDbContext db,
    IConfiguration configuration, TimeProvider clock) : ApplicationPageModel(access, commands, engine)
{
    /// <summary>Used when the configuration names no items (Eligibility:ManualChecklist).</summary>
    public static readonly IReadOnlyList<string> DefaultChecklist =
    [
        "The exchange is between States Parties and serves the Convention's implementation (peer or South-South learning).",
        "The activities, the delegation and the budget are consistent with each other and with the Fund's purpose.",
        "No other funding covers the same costs.",
        "The endorsement letter is signed by the national authority responsible for mine action.",
    ];

    protected override string Stage => GrantStages.EligibilityScreening;

    [BindProperty] public ScreenInput Input { get; set; } = new();

    /// <summary>Sent by the confirmation's button: declaring an application ineligible asks first.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Whether the page asks to confirm a destructive decision before recording it.</summary>
    internal bool Confirming { get; private set; }

    /// <summary>The workflow action each decision fires; the application page's buttons name theirs as the choice.</summary>
    private static readonly Dictionary<ScreeningOutcome, string> Triggers = new()
    {
        [ScreeningOutcome.Eligible] = GrantTriggers.DeclareEligible,
        [ScreeningOutcome.Ineligible] = GrantTriggers.DeclareIneligible,
        [ScreeningOutcome.Clarification] = GrantTriggers.RequestClarification,
    };

    internal string? DecisionTrigger => Input.Decision is { } decision ? Triggers[decision] : null;

    public sealed class ScreenInput
    {
        public List<bool?> Met { get; set; } = [];
        public List<string?> Notes { get; set; } = [];

        [Required(ErrorMessage = "Choose the decision: eligible, ineligible or ask the applicant.")]
        public ScreeningOutcome? Decision { get; set; }

        [Required(ErrorMessage = "Give the rationale the applicant will be told.")]
        [StringLength(4000, ErrorMessage = "Keep the rationale under 4,000 characters.")]
        public string? Rationale { get; set; }

        [StringLength(4000, ErrorMessage = "Keep the questions under 4,000 characters.")]
        public string? Questions { get; set; }

        public List<ProposalSection> Sections { get; set; } = [];
    }

    public IReadOnlyList<string> Items => configuration.GetSection("Eligibility:ManualChecklist").Get<string[]>() is { Length: > 0 } items
        ? items : DefaultChecklist;

    public async Task<IActionResult> OnGetAsync(Guid id, string? choice, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Input.Decision = Triggers.Where(t => t.Value == choice).Select(t => (ScreeningOutcome?)t.Key).FirstOrDefault();
        Pad();
        return Page();
    }

    /// <summary>Runs the automatic checks again, e.g. after new reference data were imported.</summary>
    public async Task<IActionResult> OnPostRerunAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        await EligibilityScreening.RunAsync(db, Application, clock.GetUtcNow().UtcDateTime, ct);
        var outcome = await Commands.RunAsync(Application, User, null, null, null, ct);
        TempData["Message"] = outcome.Succeeded ? "The automatic checks were run again." : outcome.Errors[0].Message;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Pad();
        for (var i = 0; i < Items.Count; i++)
            if (Input.Met[i] is null) ModelState.AddModelError($"Input.Met[{i}]", $"Answer item {i + 1}: yes or no.");
        if (Input.Notes.Any(n => n is { Length: > 1000 })) ModelState.AddModelError("Input.Notes", "Keep each note under 1,000 characters.");
        if (Input.Decision == ScreeningOutcome.Clarification && string.IsNullOrWhiteSpace(Input.Questions))
            ModelState.AddModelError("Input.Questions", "Write the questions the applicant should answer.");
        if (Input.Decision == ScreeningOutcome.Eligible && Input.Met.Any(m => m == false))
            ModelState.AddModelError("Input.Decision", "An item answered 'no' cannot lead to 'eligible': declare it ineligible or ask the applicant.");
        if (!ModelState.IsValid) return Invalid();
        if (DestructiveActions.Is(DecisionTrigger) && !Confirmed)
        {
            Confirming = true;
            return Page();
        }

        var userId = ApplicationAccess.ActorFor(User).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var answers = Items.Select((item, i) => new ScreeningAnswer(i + 1, item, Input.Met[i]!.Value, Input.Notes[i])).ToList();
        var trigger = DecisionTrigger;
        var outcome = await Commands.RunAsync(Application, User, a =>
        {
            a.RecordScreening(Input.Decision!.Value, answers, Input.Rationale!, userId, now);
            if (Input.Decision == ScreeningOutcome.Clarification) a.RequestClarification(Input.Questions!, Input.Sections, userId, now);
        }, trigger, Input.Rationale, ct);
        return outcome.Succeeded
            ? Done(Input.Decision switch
            {
                ScreeningOutcome.Eligible => "Declared eligible; the applicant is told by email.",
                ScreeningOutcome.Ineligible => "Declared ineligible; the applicant is told by email.",
                _ => "Questions sent to the applicant.",
            })
            : await RefusedAsync(outcome, id, ct);
    }

    private void Pad()
    {
        while (Input.Met.Count < Items.Count) Input.Met.Add(null);
        while (Input.Notes.Count < Items.Count) Input.Notes.Add(null);
    }
}
