using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

public sealed class LogoutModel(SignInManager<CafUser> signIn, CafDbContext db) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        db.AuditEvents.Add(new AuditEvent("signout", "User", null, null));
        await db.SaveChangesAsync();
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
