using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Rounds;

/// <summary>
/// The ISU drafts a round, opens it (it then appears on the public page) and closes it. A refusal keeps everything
/// typed and writes nothing; each action is one SaveChanges, audited by the interceptor.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class EditModel(CafDbContext db, Rounds rounds) : PageModel
{
    [BindProperty] public RoundForm Form { get; set; } = RoundForm.Blank();

    public Guid? Id { get; private set; }
    internal FundingRound? Round { get; private set; }

    /// <summary>Whether the form lets a field change: as the round says (ADR 0009); a new round is a draft.</summary>
    public bool Editable(string field) => Round?.MayChange(RoundForm.RoundField(field)) ?? true;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            Round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (Round is null) return NotFound();
            Id = existing;
            Form = RoundForm.From(Round);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        FundingRound? round = null;
        if (id is { } existing)
        {
            round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (round is null) return NotFound();
        }
        var (terms, problems) = Form.ToTerms(key => ModelState[key] is { Errors.Count: > 0 }, round);
        foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid || terms is null)
        {
            // Everything at once: the versions named are checked even when other fields are wrong.
            foreach (var (field, message) in await rounds.UnpublishedVersionsAsync(Form.GenderChecklistVersion, Form.RubricVersion, ct))
                if (ModelState[RoundForm.Key(field)] is not { Errors.Count: > 0 }) ModelState.AddModelError(RoundForm.Key(field), message);
            return Redisplay(id, round, 400);
        }

        var (outcome, saved) = await rounds.SaveAsync(id, terms, User, ct);
        if (outcome.StatusCode == 404) return NotFound();
        if (!outcome.Succeeded)
        {
            this.ShowRefusal(outcome, RoundForm.Key);
            return Redisplay(id, round, outcome.StatusCode);
        }
        TempData["Message"] = InterfaceLanguage.Text(id is null ? "Rounds.SavedDraft" : "Rounds.Saved");
        return RedirectToPage("/Rounds/Edit", new { id = saved });
    }

    public Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct) =>
        ShowAsync(id, rounds.OpenAsync(id, User, ct), InterfaceLanguage.Text("Rounds.Opened"), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        ShowAsync(id, rounds.CloseAsync(id, User, ct), InterfaceLanguage.Text("Rounds.Closed"), ct);

    private async Task<IActionResult> ShowAsync(Guid id, Task<CommandOutcome> action, string done, CancellationToken ct)
    {
        var outcome = await action;
        if (outcome.StatusCode == 404) return NotFound();
        if (outcome.Succeeded)
        {
            TempData["Message"] = done;
            return RedirectToPage("/Rounds/Edit", new { id });
        }
        var unchanged = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == id, ct);
        ModelState.Clear();
        Form = RoundForm.From(unchanged);
        this.ShowRefusal(outcome, RoundForm.Key);
        return Redisplay(id, unchanged, outcome.StatusCode);
    }

    private PageResult Redisplay(Guid? id, FundingRound? round, int status)
    {
        Id = id;
        Round = round;
        Response.StatusCode = status;
        return Page();
    }
}
