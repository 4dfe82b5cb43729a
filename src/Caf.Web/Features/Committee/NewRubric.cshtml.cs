using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
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

        /// <summary>No name, no weight and no level text of its own: a spare row left as it came.</summary>
        internal bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Weight)
            && Levels.Select((text, i) => string.IsNullOrWhiteSpace(text) || text.Trim() == ScoringRubrics.DefaultLevels.ElementAtOrDefault(i))
                .All(untouched => untouched);

        internal int? ParsedWeight =>
            int.TryParse(Weight?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : null;
    }

    public int NextVersion { get; private set; }

    /// <summary>The latest version when the form was opened (0: none). Publishing refuses a form older than the latest.</summary>
    [BindProperty] public int BasedOn { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Start from the latest version: most new versions change a few weights or words.
        var latest = await LatestAsync(ct);
        BasedOn = latest?.Version ?? 0;
        Criteria = latest?.Items.Select(i => new CriterionRow { Name = i.Name, Weight = i.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), Levels = [.. i.Levels] }).ToList() ?? [];
        Prepare();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Spare rows left as they came are not criteria; the rest keep their order and are shown again as typed.
        Criteria = Criteria.Where(r => !r.IsBlank).ToList();
        foreach (var row in Criteria) row.Levels = row.Levels.Take(5).ToList();
        for (var i = 0; i < Criteria.Count; i++)
            if (!string.IsNullOrWhiteSpace(Criteria[i].Weight) && Criteria[i].ParsedWeight is null)
            {
                var name = string.IsNullOrWhiteSpace(Criteria[i].Name) ? "" : $" ({Criteria[i].Name!.Trim()})";
                ModelState.AddModelError($"Criteria[{i}].Weight",
                    $"Criterion {i + 1}{name}: the weight is a whole number from 1 to 100, not “{Criteria[i].Weight!.Trim()}”.");
            }
        var drafts = Criteria.Select(r => new RubricDraft(r.Name, r.ParsedWeight ?? (string.IsNullOrWhiteSpace(r.Weight) ? null : 0), r.Levels)).ToList();
        foreach (var (field, message) in ScoringRubric.Problems(drafts))
            if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field == "Criteria" ? "" : field, message);
        if (!ModelState.IsValid) return Redisplay();

        var latest = await LatestAsync(ct);
        if (PublishedVersions.StaleFormMessage(BasedOn, latest?.Version, latest?.CreatedBy, "Scoring rubrics") is { } stale)
        {
            ModelState.AddModelError("", stale);
            return Rebased(latest!.Version);
        }
        var previous = latest?.Items ?? [];
        var codes = ScoringRubric.CodesFor(Criteria.Select(r => r.Name!).ToList(), previous);
        var items = Criteria.Select((r, i) => new RubricItem(codes[i], r.Name!.Trim(), r.ParsedWeight!.Value, r.Levels.Select(l => l!.Trim()).ToList()))
            .ToList();
        var version = BasedOn + 1;
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
            return Rebased(version);
        }
        TempData["Message"] = $"Scoring rubric version {version} is published. Set it on the rounds that should use it.";
        return Redirect($"/Committee/Rubrics#version-{version}");
    }

    private Task<ScoringRubric?> LatestAsync(CancellationToken ct) =>
        db.ScoringRubrics.AsNoTracking().Include(r => r.Criteria).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);

    /// <summary>Shown again as a 409, now based on the newer version the person has just been told about.</summary>
    private IActionResult Rebased(int latestVersion)
    {
        BasedOn = latestVersion;
        ModelState.Remove(nameof(BasedOn));
        return Redisplay(409);
    }

    private IActionResult Redisplay(int status = 400)
    {
        Prepare();
        Response.StatusCode = status;
        return Page();
    }

    private void Prepare()
    {
        NextVersion = BasedOn + 1;
        foreach (var row in Criteria)
            while (row.Levels.Count < 5) row.Levels.Add(null);
        for (var i = 0; i < SpareRows; i++) Criteria.Add(new CriterionRow { Levels = [.. ScoringRubrics.DefaultLevels] });
    }
}
