using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
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

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Start from the latest version: most new versions change a few items.
        var latest = await db.GenderChecklists.AsNoTracking().Include(c => c.Items).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        Items = latest?.Items.OrderBy(i => i.Position).Select(i => new ItemRow { Text = i.Text, Tag = i.Tag }).ToList() ?? [];
        await PrepareAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Rows left blank (no text, no tag) are not items; the rest keep their order and are shown again as typed.
        Items = Items.Where(r => !string.IsNullOrWhiteSpace(r.Text) || r.Tag != ChecklistItemTag.None).ToList();
        var items = Items.Select(r => (r.Text?.Trim() ?? "", r.Tag)).ToList();
        foreach (var (field, message) in GenderChecklist.Problems(items))
            ModelState.AddModelError(field == "Items" ? "" : field, message);
        if (!ModelState.IsValid) return await RedisplayAsync(ct);

        var version = await db.GenderChecklists.Select(c => (int?)c.Version).MaxAsync(ct) + 1 ?? 1;
        db.GenderChecklists.Add(new GenderChecklist(version, items, User.Identity?.Name ?? ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsChecklistVersionClash(ex))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", $"Someone else published version {version} a moment ago. Check the published versions, then publish again.");
            return await RedisplayAsync(ct, 409);
        }
        TempData["Message"] = $"Gender checklist version {version} is published. Set it on the rounds that should use it.";
        return Redirect($"/GenderReview/Checklists#version-{version}");
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct, int status = 400)
    {
        await PrepareAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        NextVersion = (await db.GenderChecklists.Select(c => (int?)c.Version).MaxAsync(ct) ?? 0) + 1;
        for (var i = 0; i < SpareRows; i++) Items.Add(new ItemRow());
    }
}
