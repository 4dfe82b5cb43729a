using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Web.Features.Applications;
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
public sealed class DecideModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock,
    CafDbContext db) : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => "CommitteeReview";

    [BindProperty] public DecisionInput Input { get; set; } = new();

    /// <summary>Sent by the confirmation's button: a rejection asks first.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Whether the page asks to confirm a destructive decision before recording it.</summary>
    internal bool Confirming { get; private set; }

    /// <summary>The committee's three decisions, each a trigger of the workflow; one list for the button and the form.</summary>
    private static bool IsDecision(string? value) => value is "approve" or "reject" or "defer";

    public sealed class DecisionInput
    {
        // No [Required]: the page's own check says it once, also for a value that is none of the three.
        public string? Decision { get; set; }

        [Display(Name = "Approved amount")]
        public decimal? ApprovedAmount { get; set; }

        [Display(Name = "Meeting date")]
        public DateOnly? MeetingDate { get; set; }

        /// <summary>The names of the members present; pre-ticked with every member who is not recused.</summary>
        public List<string> Present { get; set; } = [];

        [Required(ErrorMessage = "Give the committee's rationale for the decision.")]
        [StringLength(4000)]
        public string? DecisionRationale { get; set; }

        [StringLength(4000)]
        public string? Conditions { get; set; }
    }

    /// <summary>The rubric the application's scores were given under.</summary>
    internal ScoringRubric Rubric { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? choice, CancellationToken ct)
    {
        if (await LoadWithRubricAsync(id, ct) is { } redirect) return redirect;
        // The application page's "Approve", "Reject" and "Defer" buttons open this form with their choice made.
        if (IsDecision(choice)) Input.Decision = choice;
        Input.ApprovedAmount = Application.RequestedAmount.Amount;
        Input.MeetingDate = Today;
        await LoadMembersAsync(ct);
        Input.Present = Members.Where(m => !m.Recused).Select(m => m.Name).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadWithRubricAsync(id, ct) is { } redirect) return redirect;
        if (!IsDecision(Input.Decision))
            ModelState.AddModelError("Input.Decision", "Choose approve, reject or defer.");
        if (Input.Decision == "approve" && Input.ApprovedAmount is null)
            ModelState.AddModelError("Input.ApprovedAmount", "Give the approved amount.");
        await LoadMembersAsync(ct);
        if (Input.MeetingDate is { } date && date > Today) ModelState.AddModelError("Input.MeetingDate", "The meeting cannot be in the future.");
        if (Input.MeetingDate is { } early && early.Year < 2000)
            ModelState.AddModelError("Input.MeetingDate", "The meeting date must be between 2000 and today.");
        if (Input.Present.Any(string.IsNullOrWhiteSpace)) ModelState.AddModelError("Input.Present", "Tick the members present from the list.");
        if (!ModelState.IsValid) return Invalid();
        if (DestructiveActions.Is(Input.Decision) && !Confirmed)
        {
            Confirming = true;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var meetingDate = Input.MeetingDate ?? Today;
        // Left empty, the members present are those who scored and the chair: someone was in the room.
        var present = Input.Present.Count > 0 ? Input.Present
            : Application.Scores.Select(s => s.MemberName).Append(User.DisplayName()).ToList();
        var meeting = await db.CommitteeMeetings.Include(m => m.Decisions)
            .FirstOrDefaultAsync(m => m.RoundId == Application.RoundId && m.HeldOn == meetingDate, ct);
        var outcome = await Commands.RunAsync(Application, User, a =>
            {
                if (Input.Decision == "approve")
                    a.RecordDecision(new Money(Input.ApprovedAmount!.Value, a.Currency), Input.DecisionRationale!, Input.Conditions, now);
                if (meeting is null)
                {
                    meeting = new CommitteeMeeting(a.RoundId, meetingDate, present, ApplicationAccess.ActorFor(User).UserId, now);
                    db.CommitteeMeetings.Add(meeting);
                }
                else meeting.NoteAttendance(present);
                meeting.Record(a, Input.Decision!, Input.DecisionRationale!.Trim(), now);
            },
            Input.Decision, Input.DecisionRationale, ct);
        return outcome.Succeeded ? Done($"Decision recorded: {Input.Decision}.") : await RefusedAsync(outcome, id, ct);
    }

    private async Task<IActionResult?> LoadWithRubricAsync(Guid id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        // Before the stage: whoever does not record this decision learns nothing more about it here.
        if (loaded is not NotFoundResult && !ApplicationAccess.MayDecide(User, Application))
        {
            TempData["Message"] = "You do not record the decision on this application: the chair does, or, when the chair is recused, the acting chair the ISU designates.";
            return Forbid();
        }
        if (loaded is { } redirect) return redirect;
        Rubric = await db.ScoringRubrics.GetAsync(Application.RubricVersion, ct);
        return null;
    }

    internal sealed record Member(string Name, bool Recused);

    internal IReadOnlyList<Member> Members { get; private set; } = [];

    private DateOnly Today => FundTime.Today(clock);

    private async Task LoadMembersAsync(CancellationToken ct)
    {
        Members = (await CommitteePeople.ListAsync(db, ct)).Select(p => new Member(p.Name, Application.IsRecused(p.UserId, p.StatePartyId))).ToList();
    }
}
