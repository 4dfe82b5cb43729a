using System.Security.Claims;
using Caf.Data;
using Caf.Data.Applications;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>A document sent with the draft, already read from the request.</summary>
public sealed record DraftUpload(AttachmentKind Kind, string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// What became of a draft: the outcome, the application it concerns (null when none was made), and, after a submission that
/// saved the draft but could not submit it, what still stops it (by the application's field).
/// </summary>
public sealed record DraftOutcome(CommandOutcome Outcome, GrantApplication? Application, IReadOnlyList<(string Field, string Message)> Incomplete)
{
    public bool Succeeded => Outcome.Succeeded;

    /// <summary>The same new form had already made this draft (a double click, a re-post): nothing else was done.</summary>
    public bool AlreadyCreated { get; init; }

    /// <summary>The draft was complete and is now submitted.</summary>
    public bool Submitted { get; init; }
}

/// <summary>
/// The applicant's draft, from the Edit page and the API alike: created for their own State Party in a round, saved at any
/// time whatever is incomplete, and submitted only when complete. During a clarification the reopened sections are saved,
/// never submitted: the answer resubmits (<see cref="Clarifications.AnswerAsync"/>).
/// </summary>
public sealed class Drafts(CafDbContext db, ApplicationAccess access, UserActions actions, WorkflowEngine engine, TimeProvider clock) : IUseCase
{
    /// <summary>
    /// Every rule the draft breaks, by the application's field, before anything is written; for a new draft
    /// (<paramref name="existing"/> null) its round's too.
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> ProblemsAsync(ClaimsPrincipal applicant, ProposalDraft draft,
        GrantApplication? existing, CancellationToken ct)
    {
        var states = await db.StateParties.AsNoTracking().ToListAsync(ct);
        var plan = await db.ActionPlanActions.Select(a => a.Id).ToListAsync(ct);
        var problems = draft.Problems().Concat(draft.ReferenceProblems(states, plan, existing?.ApplicantStateId ?? applicant.StatePartyId())).ToList();
        if (existing is null)
        {
            var round = draft.RoundId is { } roundId ? await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) : null;
            problems.AddRange(draft.RoundProblems(round, clock.GetUtcNow().UtcDateTime));
        }
        return problems;
    }

    /// <summary>
    /// The draft an earlier copy of the same new form made (a double click, a re-post, a save after an invalid one): sent
    /// again, the form edits that draft rather than making a second. Null when the form has made none that this person sees.
    /// </summary>
    public async Task<GrantApplication?> MadeByFormAsync(ClaimsPrincipal applicant, Guid? formId, CancellationToken ct) =>
        formId is { } id ? await access.LoadAsync(id, applicant, ct) : null;

    /// <summary>A new draft for the applicant's own State Party. <paramref name="id"/>: the id the form chose (ADR 0016).</summary>
    public Task<DraftOutcome> CreateAsync(ClaimsPrincipal applicant, ProposalDraft draft, IReadOnlyList<DraftUpload> uploads, Guid? id,
        CancellationToken ct) =>
        RunAsync(null, applicant, draft, uploads, remove: null, submit: false, id, ct);

    /// <summary>Saves what was typed and attached, and takes off the document <paramref name="remove"/> names, if any.</summary>
    public Task<DraftOutcome> SaveAsync(GrantApplication application, ClaimsPrincipal applicant, ProposalDraft draft,
        IReadOnlyList<DraftUpload> uploads, Guid? remove, CancellationToken ct) =>
        RunAsync(application, applicant, draft, uploads, remove, submit: false, id: null, ct);

    /// <summary>
    /// Saves the draft (creating it when <paramref name="application"/> is null), then submits it when nothing stops it;
    /// otherwise it stays a saved draft and <see cref="DraftOutcome.Incomplete"/> lists every problem at once.
    /// </summary>
    public Task<DraftOutcome> SubmitAsync(GrantApplication? application, ClaimsPrincipal applicant, ProposalDraft draft,
        IReadOnlyList<DraftUpload> uploads, Guid? id, CancellationToken ct) =>
        RunAsync(application, applicant, draft, uploads, remove: null, submit: true, id, ct);

    private async Task<DraftOutcome> RunAsync(GrantApplication? existing, ClaimsPrincipal applicant, ProposalDraft draft,
        IReadOnlyList<DraftUpload> uploads, Guid? remove, bool submit, Guid? id, CancellationToken ct)
    {
        // A partner State Party reads the application; only the applicant's own focal points change it. Saving fires no
        // workflow trigger, so the workflow's role check would not catch it: the use case does, for the page and the API.
        if (existing is not null && !ApplicationAccess.ActsForApplicant(existing, applicant))
            return new DraftOutcome(new CommandOutcome(403, [(null,
                InterfaceLanguage.Text("Edit.PartnerReadsOnly"))]), existing, []);
        var problems = await ProblemsAsync(applicant, draft, existing, ct);
        if (problems.Count > 0) return new DraftOutcome(CommandOutcome.Invalid(problems), existing, []);
        var userId = ApplicationAccess.ActorFor(applicant).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var application = existing;
        IReadOnlyList<(string Field, string Message)> incomplete = [];
        var submitting = false;
        try
        {
            var outcome = await actions.RunAsync(applicant, async () =>
            {
                application ??= await NewDraftAsync(applicant, draft, userId, now, id, ct);
                draft.ApplyTo(application);
                foreach (var upload in uploads)
                    db.StoredFiles.Add(application.Attach(upload.Kind, upload.FileName, upload.ContentType, upload.Bytes, userId, now).Content);
                if (remove is { } attachmentId) application.RemoveAttachment(attachmentId);
                // During a clarification the answer resubmits; the draft's own submission is for drafts.
                if (!submit || application.Stage != GrantStages.Draft) return new CommandOutcome.Change(application);
                incomplete = application.SubmissionProblems();
                submitting = incomplete.Count == 0;
                return new CommandOutcome.Change(application, submitting ? GrantTriggers.Submit : null);
            }, ct);
            return outcome.Succeeded
                ? new DraftOutcome(outcome, application, incomplete) { Submitted = submitting }
                : new DraftOutcome(outcome, existing, []);
        }
        catch (DbUpdateException) when (existing is null && id is { } sent)
        {
            // A second copy of the same new form was saved a moment before this one: that draft is the one.
            db.ChangeTracker.Clear();
            if (!await db.Applications.AnyAsync(a => a.Id == sent, ct)) throw;
            // The id is taken by an application this person does not see (a forged form): refused, nothing told of it.
            var made = await access.LoadAsync(sent, applicant, ct);
            return made is null
                ? new DraftOutcome(new CommandOutcome(404, [(null, InterfaceLanguage.Text("Edit.FormExpired"))]), null, [])
                : new DraftOutcome(CommandOutcome.Done, made, []) { AlreadyCreated = true };
        }
    }

    private async Task<GrantApplication> NewDraftAsync(ClaimsPrincipal applicant, ProposalDraft draft, string userId, DateTime now, Guid? id,
        CancellationToken ct)
    {
        var stateId = applicant.StatePartyId()
                      ?? throw new DomainException(InterfaceLanguage.Text("Edit.OnlyApplicants"));
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == draft.RoundId, ct);
        // Checked again inside the unit of work: the round may have closed since the draft's problems were listed.
        if (draft.RoundProblems(round, now).FirstOrDefault() is { Field: not null } problem) throw new DomainException(problem.Message, problem.Field);
        var state = await db.StateParties.FirstAsync(s => s.Id == stateId, ct);
        var application = new GrantApplication(round!, state, draft.Title ?? "", engine.Start(WorkflowServices.GrantWorkflowId), userId, now, id);
        db.Applications.Add(application);
        await engine.EnterInitialStageAsync(application.Workflow!, application, ct);
        return application;
    }
}
