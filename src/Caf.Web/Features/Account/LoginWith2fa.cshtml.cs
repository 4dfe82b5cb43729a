using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or one of the recovery codes.</summary>
public sealed class LoginWith2faModel(SignInManager<CafUser> signIn, CafDbContext db) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the 6-digit code from your authenticator app, or a recovery code.")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>False when no password step is waiting for its second factor (it expired, or never happened).</summary>
    public bool Pending { get; private set; } = true;

    public async Task OnGetAsync() => Pending = await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            Pending = false;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        var code = Code.Replace(" ", "").Replace("-", "");
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim());
        db.AuditEvents.Add(new AuditEvent(result.Succeeded ? "signin.succeeded" : result.IsLockedOut ? "signin.locked-out" : "signin.2fa-failed",
            "User", user.Id, JsonSerializer.Serialize(new { email = user.Email, secondFactor = code.Length == 6 ? "authenticator" : "recovery-code" })));
        await db.SaveChangesAsync();
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "This account is locked for 15 minutes after too many failed attempts."
            : "That code is not right. Codes change every 30 seconds: check your phone's clock, or use a recovery code.");
        return Page();
    }
}
