using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or one of the recovery codes.</summary>
public sealed class LoginWith2faModel(SignIns signIns) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the 6-digit code from your authenticator app, or a recovery code.")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>False when no password step is waiting for its second factor (it expired, or never happened).</summary>
    public bool Pending { get; private set; } = true;

    public async Task OnGetAsync() => Pending = await signIns.SecondFactorPendingAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Pending = await signIns.SecondFactorPendingAsync();
            return Page();
        }
        var result = await signIns.WithSecondFactorAsync(Code, ct);
        if (result is null)
        {
            Pending = false;
            return Page();
        }
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Dashboard");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "This account is locked for 15 minutes after too many failed attempts."
            : "That code is not right. Codes change every 30 seconds: check your phone's clock, or use a recovery code.");
        return Page();
    }
}
