using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Admin;

/// <summary>
/// A delegation member asked for their name to be erased: the administrator finds the application, ticks the name (and
/// any earlier spelling of it the trail kept), says why, and erases it everywhere it is kept (ADR 0028).
/// </summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class ErasureModel(PersonalDataErasure erasure) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Application { get; set; }
    /// <summary>The names ticked, as the list gives them.</summary>
    [BindProperty] public List<string> Names { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    /// <summary>"true" when the box is ticked (read as text, so that anything else is simply not a confirmation).</summary>
    [BindProperty] public string? Confirm { get; set; }

    internal bool Confirmed => Confirm is "true" or "on";

    /// <summary>The longest reference or id the page looks up; anything longer is no application.</summary>
    private const int MaxReference = 40;

    internal GrantApplication? Found { get; private set; }
    internal IReadOnlyList<string> Known { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Application?.Trim() is { Length: > 0 } reference)
        {
            if (reference.Length > MaxReference) ModelState.AddModelError(nameof(Application), InterfaceLanguage.Text("Erasure.ReferenceTooLong"));
            else await FindAsync(reference, ct);
            if (Found is null)
            {
                if (reference.Length <= MaxReference) ModelState.AddModelError(nameof(Application), InterfaceLanguage.Format("Erasure.NoApplication", reference));
                Response.StatusCode = 404;
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Application?.Trim() is { Length: > MaxReference })
            ModelState.AddModelError(nameof(Application), InterfaceLanguage.Text("Erasure.ReferenceTooLong"));
        else if (Application?.Trim() is { Length: > 0 } reference) await FindAsync(reference, ct);
        if (!Confirmed) ModelState.AddModelError(nameof(Confirm), InterfaceLanguage.Text("Erasure.TickToConfirm"));
        if (ModelState.IsValid)
        {
            var result = await erasure.EraseNamesAsync(User, Application, [.. Names.Where(n => !string.IsNullOrWhiteSpace(n))], Reason, ct);
            if (result.Outcome.Succeeded)
            {
                TempData["Message"] = InterfaceLanguage.Format("Erasure.Done", result.Members, result.Versions, result.Records);
                return RedirectToPage(new { Application = Found?.Reference ?? Found?.Id.ToString() ?? Application });
            }
            foreach (var (field, message) in result.Outcome.Errors) ModelState.AddModelError(field ?? "", message);
            if (Found is not null) await FindAsync(Application!.Trim(), ct);
        }
        Response.StatusCode = 400;
        return Page();
    }

    private async Task FindAsync(string reference, CancellationToken ct)
    {
        Found = await erasure.FindAsync(reference, ct);
        Known = Found is null ? [] : await erasure.NamesAsync(Found, ct);
    }
}
