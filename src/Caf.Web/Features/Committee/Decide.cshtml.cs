using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Caf.Data.Entities;

namespace Caf.Web.Features.Committee;

/// <summary>
/// The chair records the committee's decision: approve (with amount and conditions), reject or defer, with a rationale;
/// for an application the chair is recused from, the acting chair the ISU designated does (ADR 0018).
/// </summary>
[Authorize(Roles = CafRoles.CommitteeChair + "," + CafRoles.CommitteeMember)]
public sealed class DecideModel(ApplicationAccess access, WorkflowEngine engine, TimeProvider clock,
    CafDbContext db, CommitteeDecisions decisions) : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.CommitteeReview;

    [BindProperty] public DecisionInput Input { get; set; } = new();

    /// <summary>Sent by the confirmation's button: a rejection asks first.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Whether the page asks to confirm a destructive decision before recording it.</summary>
    internal bool Confirming { get; private set; }

    public sealed class DecisionInput
    {
        // No attributes: CommitteeDecision.Problems says what is wrong, once, for the page, the API and the CLI alike.
        public string? Decision { get; set; }

        [Display(Name = "Decide.ApprovedAmount")]
        public decimal? ApprovedAmount { get; set; }

        [Display(Name = "Decide.MeetingDate")]
        public DateOnly? MeetingDate { get; set; }

        /// <summary>The names of the members present; pre-ticked with every member who is not recused.</summary>
        public List<string> Present { get; set; } = [];

        public string? DecisionRationale { get; set; }

        public string? Conditions { get; set; }
    }

    /// <summary>The rubric the application's scores were given under.</summary>
    internal ScoringRubric Rubric { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? choice, CancellationToken ct)
    {
        if (await LoadWithRubricAsync(id, ct) is { } redirect) return redirect;
        // The application page's "Approve", "Reject" and "Defer" buttons open this form with their choice made.
        if (GrantTriggers.IsDecision(choice)) Input.Decision = choice;
        Input.ApprovedAmount = Application.RequestedAmount.Amount;
        Input.MeetingDate = FundTime.Today(clock);
        await LoadMembersAsync(ct);
        Input.Present = Members.Where(m => !m.Recused).Select(m => m.Name).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadWithRubricAsync(id, ct) is { } redirect) return redirect;
        await LoadMembersAsync(ct);
        var decision = new CommitteeDecision(Input.Decision, Input.ApprovedAmount, Input.MeetingDate, Input.Present, Input.DecisionRationale,
            Input.Conditions);
        var problems = decision.Problems(FundTime.Today(clock)).ToList();
        if (!ModelState.IsValid)
        {
            ShowProblems(problems);
            return Invalid();
        }
        if (DestructiveActions.Is(Input.Decision) && !Confirmed && problems.Count == 0)
        {
            Confirming = true;
            return Page();
        }
        var outcome = await decisions.RecordAsync(Application, User, decision, ct);
        return outcome.Succeeded ? Done(InterfaceLanguage.Text(Input.Decision switch { GrantTriggers.Approve => "Decide.RecordedApprove", GrantTriggers.Reject => "Decide.RecordedReject", _ => "Decide.RecordedDefer" })) : await RefusedAsync(outcome, id, ct);
    }

    private async Task<IActionResult?> LoadWithRubricAsync(Guid id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        // Before the stage: whoever does not record this decision learns nothing more about it here.
        if (loaded is not NotFoundResult && !ApplicationAccess.MayDecide(User, Application))
        {
            TempData["Message"] = InterfaceLanguage.Text("Decide.NotYours");
            return Forbid();
        }
        if (loaded is { } redirect) return redirect;
        Rubric = await db.ScoringRubrics.GetAsync(Application.RubricVersion, ct);
        return null;
    }

    internal sealed record Member(string Name, bool Recused);

    internal IReadOnlyList<Member> Members { get; private set; } = [];

    private async Task LoadMembersAsync(CancellationToken ct)
    {
        Members = (await CommitteePeople.ListAsync(db, ct)).Select(p => new Member(p.Name, Application.IsRecused(p.UserId, p.StatePartyId))).ToList();
    }
}
