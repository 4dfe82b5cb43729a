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

        internal RubricDraft ToDraft() => RubricDraft.Typed(Name, Weight, Levels);
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
        Criteria = Criteria.Where(r => !r.ToDraft().IsBlank).ToList();
        foreach (var row in Criteria) row.Levels = row.Levels.Take(5).ToList();
        var drafts = Criteria.Select(r => r.ToDraft()).ToList();
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
        TempData["Message"] = InterfaceLanguage.Format("Rubric.PublishedMessage", published.Version);
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
