using System.ComponentModel.DataAnnotations;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>The invitee chooses a password. The link is checked (signature, expiry, single use) on every request.</summary>
public sealed class AcceptInvitationModel(Invitations invitations) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Auth.NeedPassword"), DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Auth.NeedPasswordAgain"), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Auth.PasswordsDiffer")]
    [Display(Name = "Auth.PasswordAgain")]
    public string ConfirmPassword { get; set; } = "";

    public string? Problem { get; private set; }
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await CheckAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var invitation = await CheckAsync(id, ct);
        if (invitation is null || !ModelState.IsValid) return Page();
        var outcome = await invitations.AcceptAsync(id, Token, Password, ct);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors)
                if (field is null) Problem = message;
                else ModelState.AddModelError(field, message);
            Response.StatusCode = outcome.StatusCode;
            return Page();
        }
        TempData["Message"] = InterfaceLanguage.Text("Auth.PasswordSet");
        return RedirectToPage("/Account/Login");
    }

    private async Task<Invitation?> CheckAsync(Guid id, CancellationToken ct)
    {
        (var invitation, Problem) = await invitations.CheckAsync(id, Token, ct);
        if (invitation is null)
        {
            Response.StatusCode = 400;
            return null;
        }
        Email = invitation.Email;
        return invitation;
    }
}
