using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>
/// The ISU publishes the next version of the scoring rubric: one row per criterion with its weight and what each level
/// means. Rows without a name or weight are left out; a refusal keeps every row typed and writes nothing. See ADR 0013.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class NewRubricModel(CafDbContext db, TimeProvider clock) : PageModel
{
    private const int SpareRows = 2;

    [BindProperty] public List<CriterionRow> Criteria { get; set; } = [];

    public sealed class CriterionRow
    {
        public string? Name { get; set; }
        /// <summary>As typed, so that a mistyped weight is shown back as it was.</summary>
        public string? Weight { get; set; }
        public List<string?> Levels { get; set; } = [];

        internal bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Weight);

        internal int? ParsedWeight =>
            int.TryParse(Weight?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : null;
    }

    public int NextVersion { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Start from the latest version: most new versions change a few weights or words.
        var latest = await LatestAsync(ct);
        Criteria = latest?.Items.Select(i => new CriterionRow { Name = i.Name, Weight = i.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), Levels = [.. i.Levels] }).ToList() ?? [];
        await PrepareAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Rows left without a name and a weight are not criteria; the rest keep their order and are shown again as typed.
        Criteria = Criteria.Where(r => !r.IsBlank).ToList();
        for (var i = 0; i < Criteria.Count; i++)
            if (!string.IsNullOrWhiteSpace(Criteria[i].Weight) && Criteria[i].ParsedWeight is null)
                ModelState.AddModelError($"Criteria[{i}].Weight", $"Criterion {i + 1}: the weight is a whole number from 1 to 100, not “{Criteria[i].Weight!.Trim()}”.");
        var drafts = Criteria.Select(r => new RubricDraft(r.Name, r.ParsedWeight ?? (string.IsNullOrWhiteSpace(r.Weight) ? null : 0), r.Levels)).ToList();
        foreach (var (field, message) in ScoringRubric.Problems(drafts))
            if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field == "Criteria" ? "" : field, message);
        if (!ModelState.IsValid) return await RedisplayAsync(ct);

        var previous = (await LatestAsync(ct))?.Items ?? [];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var items = Criteria.Select(r =>
        {
            var code = ScoringRubric.CodeFor(r.Name!, previous, taken);
            taken.Add(code);
            return new RubricItem(code, r.Name!.Trim(), r.ParsedWeight!.Value, r.Levels.Select(l => l!.Trim()).ToList());
        }).ToList();
        var version = await db.ScoringRubrics.Select(r => (int?)r.Version).MaxAsync(ct) + 1 ?? 1;
        db.ScoringRubrics.Add(new ScoringRubric(version, items, User.Identity?.Name ?? ApplicationAccess.ActorFor(User).UserId,
            clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsRubricVersionClash(ex))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", $"Someone else published version {version} a moment ago. Check the published versions, then publish again.");
            return await RedisplayAsync(ct, 409);
        }
        TempData["Message"] = $"Scoring rubric version {version} is published. Set it on the rounds that should use it.";
        return Redirect($"/Committee/Rubrics#version-{version}");
    }

    private Task<ScoringRubric?> LatestAsync(CancellationToken ct) =>
        db.ScoringRubrics.AsNoTracking().Include(r => r.Criteria).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct, int status = 400)
    {
        await PrepareAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        NextVersion = (await db.ScoringRubrics.Select(r => (int?)r.Version).MaxAsync(ct) ?? 0) + 1;
        foreach (var row in Criteria)
            while (row.Levels.Count < 5) row.Levels.Add(null);
        for (var i = 0; i < SpareRows; i++) Criteria.Add(new CriterionRow { Levels = [.. ScoringRubrics.DefaultLevels] });
    }
}
