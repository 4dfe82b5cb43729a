using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>The applicant's draft: saved at any time, whatever is incomplete; submitted only when complete.</summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class EditModel(ApplicationAccess access, Drafts drafts, CafDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public DraftForm Form { get; set; } = new();
    [BindProperty] public IFormFile? EndorsementLetter { get; set; }
    [BindProperty] public IFormFile? SupportingDocument { get; set; }
    /// <summary>The id a new draft will have, chosen when the form is first shown (ADR 0016).</summary>
    [BindProperty, Display(Name = "Edit.FormId")] public Guid? NewId { get; set; }

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
        Form.RoundId ??= OpenRounds.Count > 0 ? OpenRounds[0].Id : null;
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
        if (User.StatePartyId() is null) return Forbid();
        var existing = id is { } existingId
            ? await access.LoadAsync(existingId, User, ct)
            : await drafts.MadeByFormAsync(User, NewId, ct);
        if (id is not null && existing is null) return NotFound();
        if (existing is not null)
        {
            if (!ApplicationAccess.ActsForApplicant(existing, User)) return Forbid();
            id = existing.Id;
            Currency = existing.Currency;
        }
        var draft = Form.ToDraft();
        var uploads = new List<DraftUpload>();
        foreach (var (kind, field, file) in new[] { (AttachmentKind.EndorsementLetter, nameof(EndorsementLetter), EndorsementLetter),
                     (AttachmentKind.Supporting, nameof(SupportingDocument), SupportingDocument) })
        {
            if (file is null) continue;
            var (bytes, problem) = await UploadedDocuments.ReadAsync(file, ApplicationAttachment.MaxBytes, ct);
            if (problem is not null) ModelState.AddModelError(field, problem);
            else uploads.Add(new DraftUpload(kind, file.FileName, file.ContentType, bytes!));
        }
        if (!ModelState.IsValid)
        {
            // Everything at once: what could not be read, and what the draft's rules say of the rest.
            ShowProblems(await drafts.ProblemsAsync(User, draft, existing, ct));
            return await RedisplayAsync(id, 400, ct, existing);
        }

        var outcome = existing is null
            ? submit ? await drafts.SubmitAsync(null, User, draft, uploads, NewId, ct) : await drafts.CreateAsync(User, draft, uploads, NewId, ct)
            : submit ? await drafts.SubmitAsync(existing, User, draft, uploads, null, ct) : await drafts.SaveAsync(existing, User, draft, uploads, remove, ct);
        if (outcome.AlreadyCreated)
        {
            TempData["Message"] = InterfaceLanguage.Text("Edit.Saved");
            return RedirectToPage("/Applications/Edit", new { id = outcome.Application!.Id });
        }
        if (!outcome.Succeeded)
        {
            this.ShowRefusal(outcome.Outcome, DraftForm.FieldKey);
            return await RedisplayAsync(id, outcome.Outcome.StatusCode, ct, existing);
        }
        var saved = outcome.Application!;
        if (outcome.Incomplete.Count > 0)
        {
            // The draft is saved, so nothing typed or attached is lost; every problem is listed at once, by field.
            foreach (var (field, message) in outcome.Incomplete) ModelState.AddModelError(DraftForm.FieldKey(field), message);
            Problems = outcome.Incomplete;
            TempData["Message"] = InterfaceLanguage.Text("Edit.SavedIncomplete");
            return await RedisplayAsync(saved.Id, 400, ct, saved);
        }
        if (outcome.Submitted)
        {
            TempData["Message"] = InterfaceLanguage.Format("Edit.Submitted", saved.Reference);
            return RedirectToPage("/Applications/Details", new { id = saved.Id });
        }
        TempData["Message"] = InterfaceLanguage.Text(saved.Stage == GrantStages.ClarificationRequested ? "Edit.ChangesSaved" : "Edit.Saved");
        return RedirectToPage("/Applications/Edit", new { id = saved.Id });
    }

    /// <summary>Puts the draft's rule problems on their form fields; a field that could not be read keeps only that message.</summary>
    private void ShowProblems(IEnumerable<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems)
        {
            var key = DraftForm.FieldKey(field);
            if (ModelState[key] is not { Errors.Count: > 0 }) ModelState.AddModelError(key, message);
        }
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
        InClarification = application.Stage == GrantStages.ClarificationRequested;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        var own = User.StatePartyId();
        // In the order of the names the person reads ("Cambodge", "Colombie" in French).
        AllStates = [.. (await db.StateParties.ToListAsync(ct)).OrderBy(Shown.State, Shown.Alphabetical)];
        States = AllStates.Where(s => s.IsStateParty && s.Id != own).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        ActionPlan = await db.ActionPlanActions.OrderBy(a => a.Plan).ThenBy(a => a.Number).ToListAsync(ct);
        OpenRounds = await Shared.OpenRounds.ListAsync(db, now, ct);
        if (Id is { } id)
            Reference = await db.Applications.Where(a => a.Id == id).Select(a => a.Reference).FirstOrDefaultAsync(ct);
    }
}
