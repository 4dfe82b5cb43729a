using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Account;

/// <summary>The invitee chooses a password. The link is checked (signature, expiry, single use) on every request.</summary>
public sealed class AcceptInvitationModel(CafDbContext db, UserManager<CafUser> users, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a password."), DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Type the password again."), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [Display(Name = "Password again")]
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
        var user = await users.FindByIdAsync(invitation.UserId);
        if (user is null)
        {
            Problem = "This invitation's account no longer exists. Please ask the ISU for a new invitation.";
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.AddPasswordAsync(user, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(Password), error.Description);
            Response.StatusCode = 400;
            return Page();
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        invitation.Accept(clock.GetUtcNow().UtcDateTime);
        db.AuditEvents.Add(new AuditEvent("invitation.accepted", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = "Your password is set. Sign in to continue.";
        return RedirectToPage("/Account/Login");
    }

    private async Task<Invitation?> CheckAsync(Guid id, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct);
        Problem = invitation is null
            ? "This invitation link is not valid. Please use the link exactly as it was sent to you."
            : invitation.Problem(Token, clock.GetUtcNow().UtcDateTime);
        if (Problem is not null)
        {
            Response.StatusCode = 400;
            return null;
        }
        Email = invitation!.Email;
        return invitation;
    }
}
