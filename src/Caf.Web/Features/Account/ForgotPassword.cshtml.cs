using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>Sends a password-reset link. The answer is the same whether or not the address has an account.</summary>
public sealed class ForgotPasswordModel(UserManager<CafUser> users, CafDbContext db, OutboxDispatcher outbox, TimeProvider clock) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { PasswordHash: not null })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{Request.Scheme}://{Request.Host}/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
            db.Outbox.Add(new OutboxMessage(user.Email!, "Resetting your CafGrants password",
                $"""
                Someone, probably you, asked to reset the password of your CafGrants account.
                Choose a new password here (the link works once, for one day):

                {link}

                If it was not you, ignore this message: your password stays as it is.
                """, clock.GetUtcNow().UtcDateTime));
            db.AuditEvents.Add(new AuditEvent("password.reset-requested", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
            await db.SaveChangesAsync(ct);
            await outbox.TrySendNowAsync(ct);
        }
        Sent = true;
        return Page();
    }
}
