using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

public sealed class LoginModel(SignInManager<CafUser> signIn, UserManager<CafUser> users, CafDbContext db, IWebHostEnvironment environment) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The demo accounts are shown on the sign-in page in Development only.</summary>
    public IReadOnlyList<DemoAccount> DemoAccounts => environment.IsDevelopment() ? DemoSeeder.Accounts : [];
    public string DemoPassword => DemoSeeder.DemoPassword;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result switch
        {
            { Succeeded: true } => "signin.succeeded",
            { RequiresTwoFactor: true } => "signin.password-accepted",
            { IsLockedOut: true } => "signin.locked-out",
            _ => "signin.failed",
        };
        db.AuditEvents.Add(new AuditEvent(outcome, "User", null, JsonSerializer.Serialize(new { email = Email.Trim() })));
        await db.SaveChangesAsync();
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        var disabled = result.IsLockedOut && await users.FindByEmailAsync(Email.Trim()) is { } user
                       && user.IsDisabled;
        ModelState.AddModelError(string.Empty, disabled
            ? "This account has been disabled. Ask the ISU if you need access again."
            : result.IsLockedOut
                ? "This account is locked for 15 minutes after too many failed attempts."
                : "The email or the password is not right.");
        return Page();
    }
}
