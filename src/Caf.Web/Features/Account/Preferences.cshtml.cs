using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>
/// The language CafGrants writes to this person in (confirmations, decisions and questions arrive in it), and which
/// optional emails they receive; the page says which emails are always sent.
/// </summary>
public sealed class PreferencesModel(Preferences preferences, SignInManager<CafUser> signIn) : PageModel
{
    [BindProperty] public string? Language { get; set; }

    /// <summary>The optional emails ticked, by name: those not ticked are turned off. Read one name at a time (<see cref="Chosen"/>).</summary>
    [BindProperty] public List<string> Receive { get; set; } = [];

    /// <summary>"true" when the form showed the optional emails: a form without them (a script's) leaves them as they were.</summary>
    [BindProperty] public string? EmailsShown { get; set; }

    /// <summary>
    /// The emails ticked, each a single name of the list (never a number or several names joined, which the flags would
    /// otherwise read as a combination); null, with a message at the field, when one is not.
    /// </summary>
    private List<OptionalEmail>? Chosen()
    {
        var chosen = new List<OptionalEmail>();
        foreach (var name in Receive)
        {
            if (!Enum.GetNames<OptionalEmail>().Contains(name, StringComparer.Ordinal) || name == nameof(OptionalEmail.None))
            {
                ModelState.AddModelError(nameof(Receive), "Tick only the emails listed on this page.");
                return null;
            }
            chosen.Add(Enum.Parse<OptionalEmail>(name));
        }
        return chosen;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await preferences.CurrentAsync(User, ct);
        if (user is null) return NotFound();
        Language = user.Language;
        Receive = [.. Preferences.OptionalFor(User).Where(user.Wants).Select(k => k.ToString())];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await preferences.CurrentAsync(User, ct);
        if (user is null) return NotFound();
        var chosen = Chosen();
        if (!ModelState.IsValid || chosen is null)
        {
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = await preferences.ChooseAsync(User, user, Language, EmailsShown == "true" ? chosen : null, ct);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors) ModelState.AddModelError(field ?? string.Empty, message);
            Response.StatusCode = outcome.StatusCode;
            return Page();
        }
        // The sign-in carries the language: renewed, the next page is in it; the confirmation is said in the language chosen.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = Infrastructure.InterfaceLanguage.Text("Preferences.Saved", user.Language);
        return RedirectToPage();
    }
}
