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

    public Guid? Id { get; private set; }
    public string? Reference { get; private set; }
    internal IReadOnlyList<StateParty> States { get; private set; } = [];
    internal IReadOnlyList<FundingRound> OpenRounds { get; private set; } = [];
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
        }
        await LoadListsAsync(ct);
        Form.RoundId ??= OpenRounds.FirstOrDefault()?.Id;
        Form.AddBlankRows();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid? id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid? id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    private async Task<IActionResult> SaveAsync(Guid? id, bool submit, CancellationToken ct)
    {
        var state = User.StatePartyId();
        if (state is null) return Forbid();
        GrantApplication? existing = null;
        if (id is { } existingId)
        {
            existing = await access.LoadAsync(existingId, User, ct);
            if (existing is null) return NotFound();
            if (!ApplicationAccess.ActsForApplicant(existing, User)) return Forbid();
            Currency = existing.Currency;
        }
        // A value that could not be read already has its message; do not add a second one for the same field.
        foreach (var (field, message) in Form.Validate())
            if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid) return await RedisplayAsync(id, 400, ct);

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
        var outcome = await commands.RunAsync(
            () => saved!,
            User,
            Form.ApplyTo,
            submit ? "submit" : null,
            null,
            ct);
        if (!outcome.Succeeded)
        {
            this.ShowRefusal(outcome, DraftForm.FieldKey);
            return await RedisplayAsync(id, outcome.StatusCode, ct);
        }
        TempData["Message"] = submit
            ? $"Submitted. Your reference is {saved!.Reference}."
            : "Draft saved.";
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
            clock.GetUtcNow().UtcDateTime);
        db.Applications.Add(application);
        return application;
    }

    private async Task<IActionResult> RedisplayAsync(Guid? id, int status, CancellationToken ct)
    {
        Id = id;
        await LoadListsAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        var own = User.StatePartyId();
        States = await db.StateParties.Where(s => s.IsStateParty && s.Id != own).OrderBy(s => s.Name).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        OpenRounds = await db.Rounds.Where(r => r.Status == RoundStatus.Open && r.ClosesAtUtc > now).OrderBy(r => r.ClosesAtUtc).ToListAsync(ct);
        if (Id is { } id)
            Reference = await db.Applications.Where(a => a.Id == id).Select(a => a.Reference).FirstOrDefaultAsync(ct);
    }
}
