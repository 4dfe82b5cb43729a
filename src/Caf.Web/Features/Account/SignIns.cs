using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>
/// Signing in and out. Every attempt is audited with its outcome (succeeded, password accepted and waiting for the second
/// factor, failed, locked out); five wrong attempts lock the account for 15 minutes (Identity's lockout, configured at start-up).
/// </summary>
public sealed class SignIns(SignInManager<CafUser> signIn, CafDbContext db) : IUseCase
{
    /// <summary>The first step: email and password. Succeeds outright, or asks for the second factor, or fails.</summary>
    public async Task<SignInResult> WithPasswordAsync(string email, string password, CancellationToken ct)
    {
        email = email.Trim();
        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result switch
        {
            { Succeeded: true } => "signin.succeeded",
            { RequiresTwoFactor: true } => "signin.password-accepted",
            { IsLockedOut: true } => "signin.locked-out",
            _ => "signin.failed",
        };
        db.AuditEvents.Add(new AuditEvent(outcome, "User", null, JsonSerializer.Serialize(new { email })));
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>True while a password step is waiting for its second factor (it expires with its cookie).</summary>
    public async Task<bool> SecondFactorPendingAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    /// <summary>
    /// The second step. Six digits (spaces and dashes ignored) are an authenticator code; anything else is tried as a
    /// recovery code, which works once. Null when no password step is waiting.
    /// </summary>
    public async Task<SignInResult?> WithSecondFactorAsync(string code, CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return null;
        var digits = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var authenticator = IsAuthenticatorCode(digits);
        var result = authenticator
            ? await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.Trim());
        var outcome = result.Succeeded ? "signin.succeeded" : result.IsLockedOut ? "signin.locked-out" : "signin.2fa-failed";
        db.AuditEvents.Add(new AuditEvent(outcome, "User", user.Id,
            JsonSerializer.Serialize(new { email = user.Email, secondFactor = authenticator ? "authenticator" : "recovery-code" })));
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>An authenticator app shows six digits; recovery codes are longer and contain letters.</summary>
    public static bool IsAuthenticatorCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>Signs the person out, audited under their name before their cookie goes.</summary>
    public async Task SignOutAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent("signout", "User", user.FindFirstValue(ClaimTypes.NameIdentifier), null));
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
    }
}
