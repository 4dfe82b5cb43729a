using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>Sends a password-reset link. The answer is the same whether or not the address has an account.</summary>
public sealed class ForgotPasswordModel(PasswordResets resets) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Auth.NeedEmail"), EmailAddress(ErrorMessage = "Auth.BadEmail")]
    [Display(Name = "Login.Email")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        await resets.RequestAsync(Email.Trim(), ct);
        Sent = true;
        return Page();
    }
}
