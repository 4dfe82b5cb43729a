using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caf.Data.Entities;

namespace Caf.Web.Features.Account;

/// <summary>
/// The language CafGrants writes to this person in (confirmations, decisions and questions arrive in it), and which
/// optional emails they receive; the page says which emails are always sent.
/// </summary>
public sealed class PreferencesModel(Preferences preferences) : PageModel
{
    [BindProperty] public string? Language { get; set; }

    /// <summary>The optional emails ticked: those not ticked are turned off.</summary>
    [BindProperty] public List<OptionalEmail> Receive { get; set; } = [];

    /// <summary>Whether the form showed the optional emails: a form without them (a script's) leaves them as they were.</summary>
    [BindProperty] public bool EmailsShown { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await preferences.CurrentAsync(User, ct);
        if (user is null) return NotFound();
        Language = user.Language;
        Receive = [.. Preferences.OptionalFor(User).Select(o => o.Kind).Where(user.Wants)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await preferences.CurrentAsync(User, ct);
        if (user is null) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = await preferences.ChooseAsync(User, user, Language, EmailsShown ? Receive : null, ct);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors) ModelState.AddModelError(field ?? string.Empty, message);
            Response.StatusCode = outcome.StatusCode;
            return Page();
        }
        TempData["Message"] = "Saved: emails will be written in " + CafUser.Languages.First(l => l.Code == Language).Name + ", and you receive the emails ticked.";
        return RedirectToPage();
    }
}
