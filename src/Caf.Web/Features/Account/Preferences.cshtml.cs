using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caf.Data.Entities;

namespace Caf.Web.Features.Account;

/// <summary>The language CafGrants writes to this person in: confirmations, decisions and questions arrive in it.</summary>
public sealed class PreferencesModel(Preferences preferences) : PageModel
{
    [BindProperty] public string? Language { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await preferences.CurrentAsync(User, ct);
        if (user is null) return NotFound();
        Language = user.Language;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await preferences.CurrentAsync(User, ct);
        if (user is null) return NotFound();
        var outcome = await preferences.ChooseLanguageAsync(User, user, Language, ct);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors) ModelState.AddModelError(field ?? string.Empty, message);
            Response.StatusCode = outcome.StatusCode;
            return Page();
        }
        TempData["Message"] = "Saved: emails will be written in " + CafUser.Languages.First(l => l.Code == Language).Name + ".";
        return RedirectToPage();
    }
}
