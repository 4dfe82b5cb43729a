using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Infrastructure;
using Caf.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>Forgotten passwords: asking for a reset link, and setting a new password with it.</summary>
public sealed class PasswordResets(UserManager<CafUser> users, CafDbContext db, OutboxDispatcher outbox,
    PublicLinks links, TimeProvider clock) : IUseCase
{
    /// <summary>
    /// Someone asks for a password-reset link. Whether or not the address has an account, the request costs the same:
    /// one look-up, one reset token, one saved audit record; the email is written to the outbox and sent after the answer,
    /// so that neither the answer nor its timing tells an attacker which addresses have accounts (issue #10, S4).
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        var known = user is { PasswordHash: not null };
        // An unknown address pays for a token too, for a person who does not exist.
        var token = await users.GeneratePasswordResetTokenAsync(known ? user! : new CafUser { Email = email });
        if (known)
        {
            var link = links.To($"/Account/ResetPassword?userId={Uri.EscapeDataString(user!.Id)}&token={Uri.EscapeDataString(token)}");
            var (subject, body) = AccountMail.PasswordReset(link, user.Language);
            db.Outbox.Add(new OutboxMessage(user.Email!, subject, body, clock.GetUtcNow().UtcDateTime, user.Language));
        }
        db.AuditEvents.Add(new AuditEvent(known ? "password.reset-requested" : "password.reset-requested-unknown", "User", user?.Id,
            JsonSerializer.Serialize(new { email })));
        await db.SaveChangesAsync(ct);
        if (known) outbox.SendSoon();
    }

    /// <summary>
    /// Sets a new password from an emailed link (Identity's token: signed, expiring, void once the password changes); audited.
    /// Refused (400) with the link's problem (no field) or the password's problems (field Password); nothing saved when refused.
    /// </summary>
    public async Task<CommandOutcome> ResetAsync(string userId, string token, string password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        // The new password and its audit record are saved together, or neither is.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = user is null ? null : await users.ResetPasswordAsync(user, token, password);
        if (result is not { Succeeded: true })
            return result is null || result.Errors.Any(e => e.Code == "InvalidToken")
                ? new CommandOutcome(StatusCodes.Status400BadRequest, [(null, InterfaceLanguage.Text("Auth.LinkNotValid"))])
                : new CommandOutcome(StatusCodes.Status400BadRequest, result.Errors.Select(e => ((string?)"Password", e.Description)).ToList());
        db.AuditEvents.Add(new AuditEvent("password.reset", "User", user!.Id, JsonSerializer.Serialize(new { email = user.Email })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandOutcome.Done;
    }
}
