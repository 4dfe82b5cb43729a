using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>The applicant's draft: saved at any time, whatever is incomplete; submitted only when complete.</summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class EditModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, CafDbContext db,
    TimeProvider clock) : PageModel
{
    [BindProperty] public DraftForm Form { get; set; } = new();
    [BindProperty] public IFormFile? EndorsementLetter { get; set; }
    [BindProperty] public IFormFile? SupportingDocument { get; set; }
    /// <summary>The id a new draft will have, chosen when the form is first shown (ADR 0016).</summary>
    [BindProperty] public Guid? NewId { get; set; }

    public Guid? Id { get; private set; }
    public string? Reference { get; private set; }
    internal IReadOnlyList<StateParty> States { get; private set; } = [];
    /// <summary>Every state, for the itinerary: activities happen in the applicant's country too.</summary>
    internal IReadOnlyList<StateParty> AllStates { get; private set; } = [];
    internal IReadOnlyList<FundingRound> OpenRounds { get; private set; } = [];
    internal IReadOnlyList<ActionPlanAction> ActionPlan { get; private set; } = [];
    internal IReadOnlyList<ApplicationAttachment> Attachments { get; private set; } = [];
    /// <summary>All sections for a draft; during a clarification, the ones the ISU reopened.</summary>
    internal IReadOnlySet<ProposalSection> EditableSections { get; private set; } = Enum.GetValues<ProposalSection>().ToHashSet();
    internal bool InClarification { get; private set; }
    /// <summary>What still stops submission, shown after a submit that saved the draft but could not submit it.</summary>
    internal IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];
    public string Currency { get; private set; } = "CHF";

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (User.StatePartyId() is null) return Forbid();
        if (id is { } existing)
        {
            var application = await access.LoadAsync(existing, User, ct);
            if (application is null) return NotFound();
            if (!ApplicationAccess.ActsForApplicant(application, User)) return Forbid();
            if (!application.IsEditable) return RedirectToPage("/Applications/Details", new { id = existing });
            Form = DraftForm.From(application);
            Id = existing;
            Currency = application.Currency;
            Attachments = application.Attachments;
            ShowEditable(application);
        }
        else NewId = Guid.NewGuid();
        await LoadListsAsync(ct);
        Form.RoundId ??= OpenRounds.FirstOrDefault()?.Id;
        Form.AddBlankRows();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid? id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid? id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    /// <summary>Saves what was typed and takes the document off the draft.</summary>
    public Task<IActionResult> OnPostRemoveAttachmentAsync(Guid? id, Guid attachmentId, CancellationToken ct) =>
        SaveAsync(id, submit: false, ct, remove: attachmentId);

    private async Task<IActionResult> SaveAsync(Guid? id, bool submit, CancellationToken ct, Guid? remove = null)
    {
        // During a clarification, the answer resubmits; this page only saves the reopened sections.
        var state = User.StatePartyId();
        if (state is null) return Forbid();
        // The same new form sent again (a double click, a re-post, a save after an invalid one): it edits the draft it made.
        if (id is null && NewId is { } key && await db.Applications.AnyAsync(a => a.Id == key, ct)) id = key;
        GrantApplication? existing = null;
        if (id is { } existingId)
        {
            existing = await access.LoadAsync(existingId, User, ct);
            if (existing is null) return NotFound();
            if (!ApplicationAccess.ActsForApplicant(existing, User)) return Forbid();
            Currency = existing.Currency;
            if (existing.Stage == GrantApplication.ClarificationStage) submit = false;
        }
        // A value that could not be read already has its message; do not add a second one for the same field.
        var states = await db.StateParties.AsNoTracking().ToListAsync(ct);
        var actions = await db.ActionPlanActions.Select(a => a.Id).ToListAsync(ct);
        foreach (var (field, message) in Form.Validate().Concat(Form.ReferenceProblems(states, actions)))
            if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field, message);
        var uploads = new List<(AttachmentKind Kind, string FileName, string ContentType, byte[] Bytes)>();
        foreach (var (kind, field, file) in new[] { (AttachmentKind.EndorsementLetter, nameof(EndorsementLetter), EndorsementLetter),
                     (AttachmentKind.Supporting, nameof(SupportingDocument), SupportingDocument) })
        {
            if (file is null) continue;
            var (bytes, problem) = await UploadedDocuments.ReadAsync(file, ApplicationAttachment.MaxBytes, ct);
            if (problem is not null) ModelState.AddModelError(field, problem);
            else uploads.Add((kind, file.FileName, file.ContentType, bytes!));
        }
        if (!ModelState.IsValid) return await RedisplayAsync(id, 400, ct, existing);

        GrantApplication? saved = existing;
        if (existing is null)
        {
            try
            {
                saved = await NewDraftAsync(state.Value, ct);
                await engine.EnterInitialStageAsync(saved.Workflow!, saved, ct);
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                ModelState.AddModelError(DraftForm.FieldKey(ex.Field), ex.Message);
                return await RedisplayAsync(id, 400, ct);
            }
        }
        var userId = ApplicationAccess.ActorFor(User).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        IReadOnlyList<(string Field, string Message)> problems = [];
        CommandOutcome outcome;
        try
        {
            outcome = await commands.RunAsync(
            () => saved!,
            User,
            application =>
            {
                Form.ApplyTo(application);
                foreach (var upload in uploads)
                    db.StoredFiles.Add(application.Attach(upload.Kind, upload.FileName, upload.ContentType, upload.Bytes, userId, now).Content);
                if (remove is { } attachmentId) application.RemoveAttachment(attachmentId);
                if (submit) problems = application.SubmissionProblems();
            },
            submit ? "submit" : null,
            null,
            ct,
            fireWhen: _ => problems.Count == 0);
        }
        catch (DbUpdateException) when (existing is null)
        {
            // A second copy of the same new form was saved a moment before this one: that draft is the one.
            db.ChangeTracker.Clear();
            if (NewId is not { } sent || !await db.Applications.AnyAsync(a => a.Id == sent, ct)) throw;
            TempData["Message"] = "Draft saved.";
            return RedirectToPage("/Applications/Edit", new { id = sent });
        }
        if (!outcome.Succeeded)
        {
            this.ShowRefusal(outcome, DraftForm.FieldKey);
            return await RedisplayAsync(id, outcome.StatusCode, ct, existing);
        }
        if (submit && problems.Count > 0)
        {
            // The draft is saved, so nothing typed or attached is lost; every problem is listed at once, by field.
            foreach (var (field, message) in problems) ModelState.AddModelError(DraftForm.FieldKey(field), message);
            Problems = problems;
            TempData["Message"] = "Draft saved. It cannot be submitted yet: complete what is listed below.";
            return await RedisplayAsync(saved!.Id, 400, ct, saved);
        }
        TempData["Message"] = submit
            ? $"Submitted. Your reference is {saved!.Reference}."
            : saved!.Stage == GrantApplication.ClarificationStage ? "Changes saved. Send your answer when you are ready." : "Draft saved.";
        return submit
            ? RedirectToPage("/Applications/Details", new { id = saved!.Id })
            : RedirectToPage("/Applications/Edit", new { id = saved!.Id });
    }

    private async Task<GrantApplication> NewDraftAsync(Guid stateId, CancellationToken ct)
    {
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == Form.RoundId, ct)
                    ?? throw new DomainException("Choose the round you are applying to.", nameof(DraftForm.RoundId));
        var state = await db.StateParties.FirstAsync(s => s.Id == stateId, ct);
        var instance = engine.Start(WorkflowServices.GrantWorkflowId);
        var application = new GrantApplication(round, state, Form.Title, instance, ApplicationAccess.ActorFor(User).UserId,
            clock.GetUtcNow().UtcDateTime, NewId);
        db.Applications.Add(application);
        return application;
    }

    private async Task<IActionResult> RedisplayAsync(Guid? id, int status, CancellationToken ct, GrantApplication? existing = null)
    {
        Id = id;
        NewId ??= Guid.NewGuid();
        Attachments = existing?.Attachments ?? [];
        if (existing is not null) ShowEditable(existing);
        await LoadListsAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private void ShowEditable(GrantApplication application)
    {
        EditableSections = Enum.GetValues<ProposalSection>().Where(application.IsSectionEditable).ToHashSet();
        InClarification = application.Stage == GrantApplication.ClarificationStage;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        var own = User.StatePartyId();
        AllStates = await db.StateParties.OrderBy(s => s.Name).ToListAsync(ct);
        States = AllStates.Where(s => s.IsStateParty && s.Id != own).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        ActionPlan = await db.ActionPlanActions.OrderBy(a => a.Plan).ThenBy(a => a.Number).ToListAsync(ct);
        OpenRounds = await db.Rounds.Where(r => r.Status == RoundStatus.Open && r.ClosesAtUtc > now).OrderBy(r => r.ClosesAtUtc).ToListAsync(ct);
        if (Id is { } id)
            Reference = await db.Applications.Where(a => a.Id == id).Select(a => a.Reference).FirstOrDefaultAsync(ct);
    }
}
