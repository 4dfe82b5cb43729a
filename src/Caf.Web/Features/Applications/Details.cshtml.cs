using Caf.Data;
using Caf.Data.Applications;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>One application: where it stands, what this user may do now, and its history.</summary>
public sealed class DetailsModel(ApplicationAccess access, Transitions transitions, ApplicationComments comments, WorkflowEngine engine,
    CafDbContext db) : PageModel
{
    /// <summary>Transitions that need more than a comment have a page of their own.</summary>
    /// <summary>
    /// Version 1 of caf-grant predates the "form" property of transitions and, being imported, cannot change; its
    /// running applications still need their form pages.
    /// </summary>
    private static readonly Dictionary<string, string> Version1FormPages = new()
    {
        [GrantTriggers.CompleteChecklist] = "/GenderReview/Checklist",
        [GrantTriggers.Approve] = "/Committee/Decide",
        [GrantTriggers.Reject] = "/Committee/Decide",
        [GrantTriggers.Defer] = "/Committee/Decide",
        [GrantTriggers.SignAgreement] = "/Finance/Agreement",
        [GrantTriggers.Submit] = "/Applications/Edit",
    };

    internal GrantApplication Application { get; private set; } = null!;
    internal WorkflowDefinition Definition { get; private set; } = null!;
    internal ProposalView Proposal { get; private set; } = null!;
    internal IReadOnlyList<AvailableTransition> Available { get; private set; } = [];
    internal IReadOnlyList<(string Label, string Href)> Tasks { get; private set; } = [];

    [BindProperty] public string? Comment { get; set; }
    /// <summary>Sent by the confirmation's own button; without it a destructive action only asks.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>The destructive action this page asks to confirm, if any.</summary>
    internal AvailableTransition? Confirming { get; private set; }
    /// <summary>The action just posted, whose comment box shows what was typed and its message.</summary>
    internal string? FiredTrigger { get; private set; }
    [BindProperty] public string? Remark { get; set; }
    internal IReadOnlyList<ApplicationComment> Comments { get; private set; } = [];
    /// <summary>The grant's ledger entries this person may see (GrantMoney): never exchange differences for the applicant.</summary>
    internal IReadOnlyList<LedgerEntry> LedgerEntries { get; private set; } = [];

    /// <summary>The applicant state, a partner state (which may not edit) and the ISU may comment.</summary>
    public bool MayComment => ApplicationComments.AuthorFor(Application, User) is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, string? confirm, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Confirming = ConfirmationFor(confirm);
        return Page();
    }

    public async Task<IActionResult> OnPostFireAsync(Guid id, string trigger, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(trigger)) return BadRequest();
        if (!await LoadAsync(id, ct)) return NotFound();
        FiredTrigger = trigger;
        // Asked on the server, so that a destructive action asks first with or without JavaScript; a comment that cannot be
        // recorded is said before asking.
        if (!Confirmed && !TransitionComment.Problems(Comment).Any() && ConfirmationFor(trigger) is { } confirming)
        {
            Confirming = confirming;
            return Page();
        }
        var outcome = await transitions.FireAsync(Application, User, trigger, Comment, ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = $"{Infrastructure.InterfaceLanguage.Text("Details.Done")} {Definition.Transitions.First(t => t.Trigger == trigger).Label.Current}.";
            return RedirectToPage(new { id });
        }
        this.ShowRefusal(outcome);
        await LoadAsync(id, ct);
        Confirming = ConfirmationFor(trigger);
        return Page();
    }

    /// <summary>A destructive action this person may take now, fired from this page rather than a form page of its own.</summary>
    private AvailableTransition? ConfirmationFor(string? trigger) =>
        DestructiveActions.Is(trigger)
            ? Available.FirstOrDefault(t => t.Transition.Trigger == trigger && FormPageFor(t.Transition) is null)
            : null;

    public async Task<IActionResult> OnPostCommentAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!MayComment) return Forbid();
        var outcome = await comments.AddAsync(Application, User, Remark, ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = "Comment added.";
            return RedirectToPage(new { id });
        }
        if (outcome.StatusCode == StatusCodes.Status403Forbidden) return Forbid();
        this.ShowRefusal(outcome, _ => nameof(Remark));
        return Page();
    }

    public string StageLabel(string stage) => StageLabels.For(Definition, stage, User);

    /// <summary>Where the application stands, step by step, in the reader's words.</summary>
    internal IReadOnlyList<PathStep> Path => StagePath.Of(Application.Workflow!, StageLabel,
        stage => Definition.Stages.FirstOrDefault(s => s.Id == stage)?.Terminal == true);

    public string? FormPageFor(TransitionDefinition transition) =>
        transition.Form ?? (Definition.Transitions.All(t => t.Form is null) ? Version1FormPages.GetValueOrDefault(transition.Trigger) : null);

    private Dictionary<string, string> PeopleNames { get; set; } = [];

    /// <summary>
    /// Who acted, by the name people know them by: the history records the sign-in (an e-mail address), which is no
    /// one's name; the system's timers and the command line have no person behind them.
    /// </summary>
    public string PersonName(string userId) =>
        PeopleNames.TryGetValue(userId, out var name) && !string.IsNullOrWhiteSpace(name) ? name
        : userId == WorkflowActor.System.UserId ? "CafGrants (automatic step)"
        : "A person no longer registered";

    /// <summary>
    /// The ISU and the auditor see the committee's scores; a committee member (the chair included) only once they have
    /// scored themselves, or, when recused, once the committee has decided (CommitteeScoreVisibility).
    /// </summary>
    public bool SeesScores => CommitteeScoreVisibility.SeesScores(User, Application);

    /// <summary>For staff: the application's latest records of the audit trail, in words, and whether there are older ones.</summary>
    internal IReadOnlyList<AuditHistoryLine> AuditHistory { get; private set; } = [];
    internal bool MoreAuditHistory { get; private set; }

    /// <summary>The committee's scores with their rubric, when there are some and this person may see them.</summary>
    public CommitteeScoresView? Scores { get; private set; }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var application = await access.LoadAsync(id, User, ct);
        if (application is null) return false;
        Application = application;
        Definition = engine.DefinitionOf(application.Workflow!);
        Available = await engine.GetAvailableAsync(application.Workflow!, application, ApplicationAccess.ActorFor(User, application), ct);
        Tasks = ApplicationTasks.For(application, User);
        LedgerEntries = GrantMoney.EntriesFor(application, User);
        Proposal = await ProposalView.LoadAsync(db, application, headingLevel: 3, ct);
        Comments = await db.ApplicationComments.AsNoTracking().Where(c => c.ApplicationId == id).OrderBy(c => c.CreatedAtUtc).ToListAsync(ct);
        var people = application.Workflow!.History.Select(h => h.UserId).Concat(Comments.Select(c => c.AuthorUserId)).Distinct().ToList();
        PeopleNames = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        if (ApplicationAccess.IsStaff(User)) (AuditHistory, MoreAuditHistory) = await ApplicationAuditHistory.ReadAsync(db, id, StageLabel, ct);
        Scores = application.Scores.Count > 0 && SeesScores
            ? new CommitteeScoresView(application, await db.ScoringRubrics.GetAsync(application.RubricVersion, ct))
            : null;
        return true;
    }
}
