using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Admin;

/// <summary>What an administrator did to an account, and the account's email address to say so.</summary>
public sealed record AccountChange(CommandOutcome Outcome, string? Email);

/// <summary>
/// An administrator disables a person's account (no sign-in, no email; everything they did is kept) or enables it again:
/// the lockout, the ended sessions and the audit record commit together.
/// </summary>
public sealed class UserAccounts(CafDbContext db, UserManager<CafUser> users) : IUseCase
{
    public Task<AccountChange> DisableAsync(string userId, ClaimsPrincipal admin, CancellationToken ct) =>
        SetDisabledAsync(userId, admin, disable: true, ct);

    public Task<AccountChange> EnableAsync(string userId, ClaimsPrincipal admin, CancellationToken ct) =>
        SetDisabledAsync(userId, admin, disable: false, ct);

    private async Task<AccountChange> SetDisabledAsync(string userId, ClaimsPrincipal admin, bool disable, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return new(new CommandOutcome(404, [(null, InterfaceLanguage.Text("People.NoAccount"))]), null);
        if (disable && user.DisablingProblem(users.GetUserId(admin)) is { } problem)
            return new(new CommandOutcome(400, [(null, problem)]), user.Email);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? CafUser.DisabledUntil : null);
        await users.ResetAccessFailedCountAsync(user);
        // A new security stamp ends the person's open sessions at their next request check.
        await users.UpdateSecurityStampAsync(user);
        db.AuditEvents.Add(new AuditEvent(disable ? "user.disabled" : "user.enabled", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(CommandOutcome.Done, user.Email);
    }
}
