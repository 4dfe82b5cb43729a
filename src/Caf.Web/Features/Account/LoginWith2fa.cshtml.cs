using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>The second step of signing in: a code from the authenticator app, or one of the recovery codes.</summary>
public sealed class LoginWith2faModel(SignIns signIns) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Auth.NeedCode")]
    [Display(Name = "Auth.Code")]
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
            ? InterfaceLanguage.Text("Auth.Locked15")
            : InterfaceLanguage.Text("Auth.CodeWrong"));
        return Page();
    }
}
