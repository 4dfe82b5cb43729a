using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

public sealed class LogoutModel(SignIns signIns) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await signIns.SignOutAsync(User, ct);
        return RedirectToPage("/Account/Login");
    }
}
