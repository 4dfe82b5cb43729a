using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.GenderReview;

/// <summary>
/// The ISU publishes the next version of the gender checklist: one row per item with its tag. Blank rows are left out;
/// a refusal keeps every row typed and writes nothing. See ADR 0011 for the rules.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class NewChecklistModel(ChecklistVersions versions) : PageModel
{
    private const int SpareRows = 4;

    [BindProperty] public List<ItemRow> Items { get; set; } = [];

    public sealed class ItemRow
    {
        public string? Text { get; set; }
        public ChecklistItemTag Tag { get; set; }
    }

    public int NextVersion { get; private set; }

    /// <summary>The latest version when the form was opened (0: none). Publishing refuses a form older than the latest.</summary>
    [BindProperty] public int BasedOn { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Start from the latest version: most new versions change a few items.
        var latest = await versions.LatestAsync(ct);
        BasedOn = latest?.Version ?? 0;
        Items = latest?.Items.OrderBy(i => i.Position).Select(i => new ItemRow { Text = i.Text, Tag = i.Tag }).ToList() ?? [];
        Prepare();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Rows left blank (no text, no tag) are not items; the rest keep their order and are shown again as typed.
        Items = Items.Where(r => !GenderChecklist.IsSpareRow(r.Text, r.Tag)).ToList();
        var items = Items.Select(r => (r.Text?.Trim() ?? "", r.Tag)).ToList();
        if (!ModelState.IsValid)
        {
            foreach (var (field, message) in GenderChecklist.Problems(items)) ModelState.AddModelError(ListKey(field), message);
            return Redisplay();
        }
        var published = await versions.PublishAsync(BasedOn, items, User, ct);
        if (!published.Outcome.Succeeded)
        {
            this.ShowRefusal(published.Outcome, ListKey);
            return published.Outcome.StatusCode == 409 ? Rebased(published.Version) : Redisplay();
        }
        TempData["Message"] = InterfaceLanguage.Format("Gender.PublishedMessage", published.Version);
        return Redirect($"/GenderReview/Checklists#version-{published.Version}");
    }

    /// <summary>A problem with the list as a whole is shown above the form; one with an item, at that item.</summary>
    private static string ListKey(string? field) => field is null or "Items" ? "" : field;

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
        for (var i = 0; i < SpareRows; i++) Items.Add(new ItemRow());
    }
}
