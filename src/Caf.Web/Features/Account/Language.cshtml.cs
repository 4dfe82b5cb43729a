using Caf.Data.Entities;
using Caf.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>
/// The language switch shown before signing in (issue 15): remembers the language picked in a cookie for a year and goes
/// back to the page it was picked on. A signed-in person's language is their own choice, under Language and emails.
/// </summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? code, string? returnUrl)
    {
        if (CafUser.LanguageProblem(code) is not null) return BadRequest();
        Response.Cookies.Append(InterfaceLanguage.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code!)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
