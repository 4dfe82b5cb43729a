using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>
/// Identity's refusals of a new password in the page's language (issue 15): the length and the different characters are
/// the rules this fund sets (CafHost); the others it does not ask for keep Identity's English.
/// </summary>
internal sealed class PasswordErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = InterfaceLanguage.Format("Auth.PasswordTooShort", length) };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = InterfaceLanguage.Format("Auth.PasswordUniqueChars", uniqueChars) };
}
