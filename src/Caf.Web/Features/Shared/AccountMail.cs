using Caf.Data;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The account emails — an invitation, a password reset, a changed authenticator — in the person's language (en, fr, es;
/// issues 14, 15), their words in <see cref="MailText"/>. Each is the plain text; the outbox makes the HTML part from it.
/// </summary>
public static class AccountMail
{
    public static (string Subject, string Body) Invitation(string displayName, string role, string link, DateTime expiresAtUtc, string language) =>
        MailText.Letter(language, "AccountMail.Invitation", displayName, Role(role, language), link, DateOnly.FromDateTime(expiresAtUtc));

    public static (string Subject, string Body) PasswordReset(string link, string language) =>
        MailText.Letter(language, "AccountMail.PasswordReset", link);

    public static (string Subject, string Body) AuthenticatorChanged(string displayName, DateTime atUtc, bool withRecoveryCode, string language) =>
        MailText.Letter(language, "AccountMail.AuthenticatorChanged", displayName, DateOnly.FromDateTime(atUtc), atUtc,
            MailText.Get(language, withRecoveryCode ? "AccountMail.AuthenticatorChanged.RecoveryCode" : "AccountMail.AuthenticatorChanged.PreviousApp"));

    /// <summary>A role as the person reads it in their language (one of <see cref="CafRoles.All"/>: an invitation checks it first).</summary>
    public static string Role(string role, string language) => MailText.Get(language, $"AccountMail.Role.{role}");
}
