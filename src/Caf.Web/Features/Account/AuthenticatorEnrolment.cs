using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Caf.Web.Features.Account;

/// <summary>The key to add to an authenticator app: typed, or scanned from a QR code of its otpauth:// address.</summary>
public sealed record AuthenticatorKey(string Key, string Uri, string QrCodeDataUri);

/// <summary>
/// Linking an authenticator app to an account, and changing it. The key is shown while the person is not enrolled, and
/// once more only right after a change proven with the current app or a recovery code: a session alone never reads it
/// back (issue #10, S2; ADR 0015).
/// </summary>
public sealed class AuthenticatorEnrolment(UserManager<CafUser> users, SignInManager<CafUser> signIn, CafDbContext db, OutboxDispatcher outbox,
    TimeProvider clock) : IUseCase
{
    /// <summary>The key of a person not yet enrolled (created on first visit); null once two-factor is on.</summary>
    public async Task<AuthenticatorKey?> PendingKeyAsync(CafUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user)) return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        return Describe(user, key);
    }

    /// <summary>
    /// Turns two-factor on with a code from the new app: the switch, its recovery codes and the audit record are saved
    /// together, and the session counts as two-factor from then on. The recovery codes to show once, or null when the
    /// code is wrong.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(CafUser user, string code, CancellationToken ct)
    {
        if (await users.GetTwoFactorEnabledAsync(user) || !await IsAuthenticatorCodeAsync(user, code)) return null;
        IReadOnlyList<string> recoveryCodes;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.AuditEvents.Add(new AuditEvent("2fa.enabled", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
            await users.SetTwoFactorEnabledAsync(user, true);
            recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
            await transaction.CommitAsync(ct);
        }
        // The second factor was just proven.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return recoveryCodes;
    }

    /// <summary>
    /// Replaces the key of an enrolled person who proves they hold the current app (a code) or a recovery code (which
    /// is spent). The change, its audit record and the email to the person are saved together. A wrong proof counts
    /// towards the account's lockout, as a wrong sign-in code does.
    /// </summary>
    public async Task<(AuthenticatorKey? NewKey, string? Problem)> ChangeAsync(CafUser user, string proof, CancellationToken ct)
    {
        if (!await users.GetTwoFactorEnabledAsync(user)) return (null, InterfaceLanguage.Text("Auth.NotOnYet"));
        if (await users.IsLockedOutAsync(user)) return (null, LockedMessage);
        var provenWith = await IsAuthenticatorCodeAsync(user, proof) ? "authenticator-code"
            : proof.Trim().Length > 6 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, proof.Trim())).Succeeded ? "recovery-code"
            : null;
        if (provenWith is null)
        {
            db.AuditEvents.Add(new AuditEvent("2fa.change-refused", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
            await users.AccessFailedAsync(user); // saves the refusal with the count
            return (null, await users.IsLockedOutAsync(user) ? LockedMessage
                : InterfaceLanguage.Text("Auth.ChangeCodeWrong"));
        }

        await users.ResetAccessFailedCountAsync(user);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.Add(new AuditEvent("2fa.authenticator-changed", "User", user.Id,
            JsonSerializer.Serialize(new { email = user.Email, provenWith })));
        var (subject, body) = AccountMail.AuthenticatorChanged(user.DisplayName, now, provenWith == "recovery-code", user.Language);
        db.Outbox.Add(new OutboxMessage(user.Email!, subject, body, now, user.Language));
        await users.ResetAuthenticatorKeyAsync(user); // saves the new key with the audit record and the email
        await outbox.TrySendNowAsync(ct);
        return (Describe(user, await users.GetAuthenticatorKeyAsync(user) ?? ""), null);
    }

    /// <summary>Whether <paramref name="code"/> is the current code of the account's authenticator.</summary>
    public async Task<bool> IsAuthenticatorCodeAsync(CafUser user, string code)
    {
        var digits = code.Replace(" ", "").Replace("-", "");
        return digits.Length == 6 && digits.All(char.IsAsciiDigit)
               && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits);
    }

    private string LockedMessage => InterfaceLanguage.Format("Auth.LockedMinutes", users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    private static AuthenticatorKey Describe(CafUser user, string key)
    {
        var uri = $"otpauth://totp/CafGrants:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=CafGrants&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        // A PNG data URI: the Content-Security-Policy already allows data: images, and nothing leaves the server.
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new AuthenticatorKey(string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant(), uri,
            $"data:image/png;base64,{Convert.ToBase64String(png)}");
    }
}
