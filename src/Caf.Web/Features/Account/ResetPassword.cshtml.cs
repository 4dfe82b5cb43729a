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

    public const string IncompleteMessage = "This reset link is incomplete or has expired; ask for a new one.";

    [BindProperty, Required(ErrorMessage = "Choose a password."), DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Type the password again."), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [Display(Name = "New password again")]
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
        TempData["Message"] = "Your new password is set. Sign in with it.";
        return RedirectToPage("/Account/Login");
    }
}
