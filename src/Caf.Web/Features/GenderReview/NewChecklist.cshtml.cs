using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.GenderReview;

/// <summary>
/// The ISU publishes the next version of the gender checklist: one row per item with its tag. Blank rows are left out;
/// a refusal keeps every row typed and writes nothing. See ADR 0011 for the rules.
/// </summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class NewChecklistModel(CafDbContext db, TimeProvider clock) : PageModel
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
        var latest = await db.GenderChecklists.AsNoTracking().Include(c => c.Items).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        BasedOn = latest?.Version ?? 0;
        Items = latest?.Items.OrderBy(i => i.Position).Select(i => new ItemRow { Text = i.Text, Tag = i.Tag }).ToList() ?? [];
        Prepare();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Rows left blank (no text, no tag) are not items; the rest keep their order and are shown again as typed.
        Items = Items.Where(r => !string.IsNullOrWhiteSpace(r.Text) || r.Tag != ChecklistItemTag.None).ToList();
        var items = Items.Select(r => (r.Text?.Trim() ?? "", r.Tag)).ToList();
        foreach (var (field, message) in GenderChecklist.Problems(items))
            ModelState.AddModelError(field == "Items" ? "" : field, message);
        if (!ModelState.IsValid) return Redisplay();

        var latest = await db.GenderChecklists.AsNoTracking().OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        if (PublishedVersions.StaleFormMessage(BasedOn, latest?.Version, latest?.CreatedBy, "Gender checklists") is { } stale)
        {
            ModelState.AddModelError("", stale);
            return Rebased(latest!.Version);
        }
        var version = BasedOn + 1;
        db.GenderChecklists.Add(new GenderChecklist(version, items, User.Identity?.Name ?? ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsChecklistVersionClash(ex))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", $"Someone else published version {version} a moment ago. Check the published versions, then publish again.");
            return Rebased(version);
        }
        TempData["Message"] = $"Gender checklist version {version} is published. Set it on the rounds that should use it.";
        return Redirect($"/GenderReview/Checklists#version-{version}");
    }

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
        for (var i = 0; i < SpareRows; i++) Items.Add(new ItemRow());
    }
}
