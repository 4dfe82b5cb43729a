using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>Sets a new password from an emailed link (Identity's token: signed, expiring, void once the password changes).</summary>
public sealed class ResetPasswordModel(PasswordResets resets) : PageModel
{
    // Not [Required]: a link cut short gets one plain sentence (Incomplete), not "The UserId field is required".
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    /// <summary>The link lacks its account or its token: nothing to reset with, so the page says so instead of asking.</summary>
    public bool Incomplete => string.IsNullOrWhiteSpace(UserId) || string.IsNullOrWhiteSpace(Token);

    [BindProperty, Required(ErrorMessage = "Auth.NeedPassword"), DataType(DataType.Password)]
    [Display(Name = "Auth.NewPassword")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Auth.NeedPasswordAgain"), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Auth.PasswordsDiffer")]
    [Display(Name = "Auth.NewPasswordAgain")]
    public string ConfirmPassword { get; set; } = "";

    public IActionResult OnGet()
    {
        if (Incomplete) Response.StatusCode = 400;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Incomplete) return OnGet();
        if (!ModelState.IsValid) return Page();
        var outcome = await resets.ResetAsync(UserId!, Token!, Password, ct);
        if (!outcome.Succeeded)
        {
            this.ShowRefusal(outcome);
            return Page();
        }
        TempData["Message"] = InterfaceLanguage.Text("Auth.NewPasswordSet");
        return RedirectToPage("/Account/Login");
    }
}
