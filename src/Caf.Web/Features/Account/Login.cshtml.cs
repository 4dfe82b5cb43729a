using System.ComponentModel.DataAnnotations;
using Caf.Web.Seeding;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

public sealed class LoginModel(SignIns signIns, IWebHostEnvironment environment) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Auth.NeedEmail"), EmailAddress(ErrorMessage = "Auth.BadEmail")]
    [Display(Name = "Login.Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Login.NeedPassword"), DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The demo accounts are shown on the sign-in page in Development only.</summary>
    public IReadOnlyList<DemoAccount> DemoAccounts => environment.IsDevelopment() ? DemoSeeder.Accounts : [];
    public string DemoPassword => DemoSeeder.DemoPassword;

    /// <summary>What a refused sign-in says, in English (the resource "Login.NotSignedIn" says it in the page's language).</summary>
    public const string NotSignedInMessage =
        "The email or the password is not right. After five wrong attempts an account is locked for 15 minutes; if signing in still fails, ask the ISU.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIns.WithPasswordAsync(Email, Password, ct);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Dashboard");
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        // One answer for a wrong password, a locked, a disabled and an unknown account: none tells whether the address has one.
        ModelState.AddModelError(string.Empty, InterfaceLanguage.Text("Login.NotSignedIn"));
        return Page();
    }
}
