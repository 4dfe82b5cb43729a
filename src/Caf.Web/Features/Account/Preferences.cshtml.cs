using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Account;

/// <summary>The language CafGrants writes to this person in: confirmations, decisions and questions arrive in it.</summary>
public sealed class PreferencesModel(CafDbContext db) : PageModel
{
    public static readonly IReadOnlyList<(string Code, string Name)> Languages = [("en", "English"), ("fr", "Français"), ("es", "Español")];

    [BindProperty] public string? Language { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await CurrentAsync(ct);
        if (user is null) return NotFound();
        Language = user.Language;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await CurrentAsync(ct);
        if (user is null) return NotFound();
        if (Languages.All(l => l.Code != Language))
        {
            ModelState.AddModelError(nameof(Language), "Choose English, French or Spanish.");
            Response.StatusCode = 400;
            return Page();
        }
        user.Language = Language!;
        db.AuditEvents.Add(new AuditEvent("user.language-changed", nameof(CafUser), user.Id, $"{{\"language\":\"{Language}\"}}"));
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Saved: emails will be written in " + Languages.First(l => l.Code == Language).Name + ".";
        return RedirectToPage();
    }

    private Task<CafUser?> CurrentAsync(CancellationToken ct)
    {
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
    }
}
