using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Money leaving or entering the fund's bank account is recorded only with a code typed for that very action, not on
/// the strength of a sign-in made hours ago (issue #4: "approving a disbursement asks for a fresh second factor").
/// A wrong code counts towards the account's lockout and is audited. See ADR 0014.
/// </summary>
public sealed class FreshSecondFactor(UserManager<CafUser> users, CafDbContext db, IConfiguration configuration, TimeProvider clock)
{
    private const string TokenProvider = "CafGrants";
    private const string LastCodeToken = "LastPaymentCode";

    /// <summary>Authenticator codes are accepted for a few 30-second steps either side; a used one stays refused longer.</summary>
    private static readonly TimeSpan ReuseWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Asked of everyone who signs in with a second factor, and of all staff where it is required. Only where it is not
    /// required (Development, so that the demo can be walked through with passwords) does a person without one pay
    /// without a code.
    /// </summary>
    public bool IsAsked(ClaimsPrincipal principal) =>
        SecondFactorSignIn.Required(principal, configuration) || SecondFactorSignIn.Used(principal);

    /// <summary>Null when the code is right; otherwise what to tell the person, next to the code field.</summary>
    public async Task<string?> ProblemAsync(ClaimsPrincipal principal, string? code, string action, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.TwoFactorEnabled)
            return InterfaceLanguage.Text("Code.SetUpFirst");
        var digits = (code ?? "").Replace(" ", "").Replace("-", "");
        if (digits.Length == 0) return MissingMessage;
        if (await users.IsLockedOutAsync(user)) return LockedMessage;
        if (digits.Length == 6 && digits.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            // A code is good for one payment: seen over a shoulder or left in a form, it must not pay a second grant.
            var now = clock.GetUtcNow();
            if (await users.GetAuthenticationTokenAsync(user, TokenProvider, LastCodeToken) is { } last
                && last.Split(' ') is [var lastCode, var lastAt] && lastCode == digits
                && DateTimeOffset.TryParse(lastAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var usedAt)
                && now - usedAt < ReuseWindow)
                return ReusedMessage;
            // Two requests with the same code at once: the one that writes it second is refused, as a re-used code.
            IdentityResult marked;
            try
            {
                marked = await users.SetAuthenticationTokenAsync(user, TokenProvider, LastCodeToken, $"{digits} {now:O}");
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                marked = IdentityResult.Failed();
            }
            if (!marked.Succeeded)
            {
                db.ChangeTracker.Clear();
                return ReusedMessage;
            }
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }
        // The refusal is recorded on its own, first: whatever happens to the failed-attempt count, the trail keeps it.
        db.AuditEvents.Add(new AuditEvent("2fa.payment-code-refused", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email, action })));
        await db.SaveChangesAsync(ct);
        if (!(await users.AccessFailedAsync(user)).Succeeded)
            db.Entry(user).State = Microsoft.EntityFrameworkCore.EntityState.Detached; // changed meanwhile (a double click): not saved again later
        return await users.IsLockedOutAsync(user)
            ? LockedMessage
            : InterfaceLanguage.Text("Code.Wrong");
    }

    private string LockedMessage => InterfaceLanguage.Format("Code.Locked", users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    private static string ReusedMessage => InterfaceLanguage.Text("Code.Reused");

    public static string MissingMessage => InterfaceLanguage.Text("Code.Missing");
}
