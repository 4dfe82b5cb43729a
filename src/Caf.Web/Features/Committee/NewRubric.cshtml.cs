using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Committee;

/// <summary>
/// The ISU publishes the next version of the scoring rubric: one row per criterion with its weight and what each level
/// means. Rows without a name or weight are left out; a refusal keeps every row typed and writes nothing. See ADR 0013.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class NewRubricModel(RubricVersions versions) : PageModel
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
        var latest = await versions.LatestAsync(ct);
        BasedOn = latest?.Version ?? 0;
        Criteria = latest?.Items.Select(i => new CriterionRow { Name = i.Name, Weight = i.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture), Levels = [.. i.Levels] }).ToList() ?? [];
        Prepare();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Spare rows left as they came are not criteria; the rest keep their order and are shown again as typed.
        Criteria = Criteria.Where(r => !r.IsBlank).ToList();
        foreach (var row in Criteria) row.Levels = row.Levels.Take(5).ToList();
        // A weight that cannot be read as a number is the form's to say; every other rule is the rubric's.
        for (var i = 0; i < Criteria.Count; i++)
            if (!string.IsNullOrWhiteSpace(Criteria[i].Weight) && Criteria[i].ParsedWeight is null)
            {
                var name = string.IsNullOrWhiteSpace(Criteria[i].Name) ? "" : $" ({Criteria[i].Name!.Trim()})";
                ModelState.AddModelError($"Criteria[{i}].Weight",
                    $"Criterion {i + 1}{name}: the weight is a whole number from 1 to 100, not “{Criteria[i].Weight!.Trim()}”.");
            }
        var drafts = Criteria.Select(r => new RubricDraft(r.Name, r.ParsedWeight ?? (string.IsNullOrWhiteSpace(r.Weight) ? null : 0), r.Levels)).ToList();
        if (!ModelState.IsValid)
        {
            foreach (var (field, message) in ScoringRubric.Problems(drafts))
                if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(ListKey(field), message);
            return Redisplay();
        }
        var published = await versions.PublishAsync(BasedOn, drafts, User, ct);
        if (!published.Outcome.Succeeded)
        {
            this.ShowRefusal(published.Outcome, ListKey);
            return published.Outcome.StatusCode == 409 ? Rebased(published.Version) : Redisplay();
        }
        TempData["Message"] = $"Scoring rubric version {published.Version} is published. Set it on the rounds that should use it.";
        return Redirect($"/Committee/Rubrics#version-{published.Version}");
    }

    /// <summary>A problem with the list as a whole is shown above the form; one with a criterion, at that criterion.</summary>
    private static string ListKey(string? field) => field is null or "Criteria" ? "" : field;

    /// <summary>Shown again as a 409, now based on the newer version the person has just been told about.</summary>
    private PageResult Rebased(int latestVersion)
    {
        BasedOn = latestVersion;
        ModelState.Remove(nameof(BasedOn));
        return Redisplay(409);
    }

    private PageResult Redisplay(int status = 400)
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
