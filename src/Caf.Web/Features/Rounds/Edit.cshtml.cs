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
public sealed class EditModel(CafDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public RoundForm Form { get; set; } = RoundForm.Blank();

    public Guid? Id { get; private set; }
    internal FundingRound? Round { get; private set; }

    /// <summary>Once open, only the description and the closing time may change (ADR 0009).</summary>
    public bool Editable(string field) => Round is null || Round.Status == RoundStatus.Draft ||
        (Round.Status == RoundStatus.Open && field is nameof(RoundForm.Description) or nameof(RoundForm.ClosesAt));

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
            round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (round is null) return NotFound();
        }
        var (terms, problems) = Form.ToTerms(key => ModelState[key] is { Errors.Count: > 0 }, round);
        foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        await RequirePublishedAsync(nameof(RoundForm.GenderChecklistVersion), Form.GenderChecklistVersion, "gender checklist",
            db.GenderChecklists.Select(c => c.Version), ct);
        await RequirePublishedAsync(nameof(RoundForm.RubricVersion), Form.RubricVersion, "scoring rubric",
            db.ScoringRubrics.Select(r => r.Version), ct);
        if (!ModelState.IsValid || terms is null) return Redisplay(id, round, 400);

        try
        {
            if (round is null)
            {
                round = new FundingRound(terms);
                db.Rounds.Add(round);
            }
            else round.Update(terms);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(RoundForm.Key(ex.Field), ex.Message);
            return Redisplay(id, round is null || id is null ? null : await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == id, ct), 400);
        }
        TempData["Message"] = id is null ? "Round saved as a draft. Open it when it is ready to be published." : "Round saved.";
        return RedirectToPage("/Rounds/Edit", new { id = round.Id });
    }

    /// <summary>A round names versions of the checklist and rubric that have been published; otherwise say which are.</summary>
    private async Task RequirePublishedAsync(string field, int? version, string what, IQueryable<int> published, CancellationToken ct)
    {
        var key = "Form." + field;
        if (version is not { } wanted || ModelState[key] is { Errors.Count: > 0 } || await published.AnyAsync(v => v == wanted, ct)) return;
        var versions = await published.OrderBy(v => v).ToListAsync(ct);
        ModelState.AddModelError(key, $"There is no {what} version {wanted}. Choose a published version: {string.Join(", ", versions)}.");
    }

    public Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct) =>
        ChangeStatusAsync(id, (round, now) => round.Open(now), "The round is open: it is listed on the public page of open calls.", ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        ChangeStatusAsync(id, (round, now) => round.Close(now), "The round is closed: it no longer takes applications.", ct);

    private async Task<IActionResult> ChangeStatusAsync(Guid id, Action<FundingRound, DateTime> change, string done, CancellationToken ct)
    {
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return NotFound();
        try
        {
            change(round, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            var unchanged = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            ModelState.Clear();
            Form = RoundForm.From(unchanged);
            ModelState.AddModelError(RoundForm.Key(ex.Field), ex.Message);
            return Redisplay(id, unchanged, 400);
        }
        TempData["Message"] = done;
        return RedirectToPage("/Rounds/Edit", new { id });
    }

    private PageResult Redisplay(Guid? id, FundingRound? round, int status)
    {
        Id = id;
        Round = round;
        Response.StatusCode = status;
        return Page();
    }
}
