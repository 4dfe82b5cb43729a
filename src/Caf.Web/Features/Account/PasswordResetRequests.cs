using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Infrastructure;
using Caf.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>
/// Someone asks for a password-reset link. Whether or not the address has an account, the request costs the same:
/// one look-up, one reset token, one saved audit record; the email is written to the outbox and sent after the answer,
/// so that neither the answer nor its timing tells an attacker which addresses have accounts (issue #10, S4).
/// </summary>
public sealed class PasswordResetRequests(UserManager<CafUser> users, CafDbContext db, OutboxDispatcher outbox,
    PublicLinks links, TimeProvider clock)
{
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        var known = user is { PasswordHash: not null };
        // An unknown address pays for a token too, for a person who does not exist.
        var token = await users.GeneratePasswordResetTokenAsync(known ? user! : new CafUser { Email = email });
        if (known)
        {
            var link = links.To($"/Account/ResetPassword?userId={Uri.EscapeDataString(user!.Id)}&token={Uri.EscapeDataString(token)}");
            db.Outbox.Add(new OutboxMessage(user.Email!, "Resetting your CafGrants password",
                $"""
                Someone, probably you, asked to reset the password of your CafGrants account.
                Choose a new password here (the link works once, for one day):

                {link}

                If it was not you, ignore this message: your password stays as it is.
                """, clock.GetUtcNow().UtcDateTime));
        }
        db.AuditEvents.Add(new AuditEvent(known ? "password.reset-requested" : "password.reset-requested-unknown", "User", user?.Id,
            JsonSerializer.Serialize(new { email })));
        await db.SaveChangesAsync(ct);
        if (known) outbox.SendSoon();
    }
}
