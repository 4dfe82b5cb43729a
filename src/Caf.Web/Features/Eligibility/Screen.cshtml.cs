using Caf.Data;
using Caf.Data.Eligibility;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Eligibility;

/// <summary>
/// The ISU screens an application: the automatic checks (re-runnable), its own checklist, and a decision — eligible,
/// ineligible, or questions to the applicant with sections reopened — with the rationale the applicant is told.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class ScreenModel(ApplicationAccess access, WorkflowEngine engine, Screenings screenings)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.EligibilityScreening;

    [BindProperty] public ScreenInput Input { get; set; } = new();

    /// <summary>Sent by the confirmation's button: declaring an application ineligible asks first.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Whether the page asks to confirm a destructive decision before recording it.</summary>
    internal bool Confirming { get; private set; }

    internal string? DecisionTrigger => Input.Decision is { } decision ? Screenings.TriggerFor(decision) : null;

    public sealed class ScreenInput
    {
        // No attributes: Screening.Problems says what is wrong, once, for every caller.
        public List<bool?> Met { get; set; } = [];
        public List<string?> Notes { get; set; } = [];
        public ScreeningOutcome? Decision { get; set; }
        public string? Rationale { get; set; }
        public string? Questions { get; set; }
        public List<ProposalSection> Sections { get; set; } = [];
    }

    public IReadOnlyList<string> Items => screenings.Items;

    public async Task<IActionResult> OnGetAsync(Guid id, string? choice, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Input.Decision = Screenings.DecisionFor(choice);
        Pad();
        return Page();
    }

    /// <summary>Runs the automatic checks again, e.g. after new reference data were imported.</summary>
    public async Task<IActionResult> OnPostRerunAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var outcome = await screenings.RerunChecksAsync(Application, User, ct);
        TempData["Message"] = outcome.Succeeded ? InterfaceLanguage.Text("Screen.ChecksRunAgain") : outcome.Errors[0].Message;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Pad();
        var screening = new Screening(Input.Decision, Input.Met, Input.Notes, Input.Rationale, Input.Questions, Input.Sections);
        var problems = screening.Problems(Items.Count).ToList();
        if (!ModelState.IsValid)
        {
            ShowProblems(problems);
            return Invalid();
        }
        if (DestructiveActions.Is(DecisionTrigger) && !Confirmed && problems.Count == 0)
        {
            Confirming = true;
            return Page();
        }
        var outcome = await screenings.RecordAsync(Application, User, screening, ct);
        return outcome.Succeeded
            ? Done(Input.Decision switch
            {
                ScreeningOutcome.Eligible => InterfaceLanguage.Text("Screen.DeclaredEligible"),
                ScreeningOutcome.Ineligible => InterfaceLanguage.Text("Screen.DeclaredIneligible"),
                _ => InterfaceLanguage.Text("Screen.QuestionsSent"),
            })
            : await RefusedAsync(outcome, id, ct);
    }

    /// <summary>One answer and one note per item, whatever was posted.</summary>
    private void Pad()
    {
        while (Input.Met.Count < Items.Count) Input.Met.Add(null);
        while (Input.Notes.Count < Items.Count) Input.Notes.Add(null);
    }
}
