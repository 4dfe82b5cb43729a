using System.Text;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>
/// Refuses passwords that are long but easy to guess: a common password or word padded with digits and symbols
/// ("Password2026!"), a run of keys or digits ("qwertyuiop12"), or one built on the person's own email name.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<CafUser>
{
    // Lower-case letters only: what is left of a password once digits, symbols and spaces are removed.
    private static readonly HashSet<string> CommonWords =
    [
        "password", "passw", "passwd", "pass", "qwerty", "qwertyuiop", "qwertz", "azerty", "asdfgh", "asdfghjkl", "zxcvbn",
        "zxcvbnm", "abc", "abcdef", "abcdefgh", "abcdefghijkl", "letmein", "welcome", "welcomeback", "admin", "administrator",
        "root", "login", "iloveyou", "monkey", "dragon", "football", "baseball", "soccer", "master", "sunshine", "princess",
        "shadow", "superman", "batman", "trustno", "secret", "changeme", "default", "guest", "test", "testing", "user",
        "hello", "freedom", "whatever", "starwars", "pokemon", "summer", "winter", "spring", "autumn", "monday", "january",
        "motdepasse", "bienvenue", "soleil", "contrasena", "contrasea", "bienvenido", "hola", "clave", "geneva", "geneve",
        "genf", "switzerland", "suisse", "landmine", "landmines", "demining", "minebanconvention", "cafgrants", "grants",
        "cooperation", "assistance", "isu", "committee", "finance", "applicant", "demo",
    ];

    private static readonly string[] Runs = ["abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn", "01234567890123456789"];

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,;:?' ".ToCharArray();

    // "P@ssw0rd" is "password" to anyone guessing.
    private static string Deleet(string s) => new(s.Select(c => c switch
    {
        '@' or '4' => 'a', '0' => 'o', '1' or '!' => 'i', '3' => 'e', '5' or '$' => 's', '7' => 't', _ => c,
    }).ToArray());

    public const int MaxLength = 256;

    public Task<IdentityResult> ValidateAsync(UserManager<CafUser> manager, CafUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        // A long passphrase is welcome; a novel is a cost on every sign-in and a sign of a pasted mistake.
        if (password.Length > MaxLength)
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = InterfaceLanguage.Format("Auth.PasswordTooLong", MaxLength),
            }));
        var lower = password.ToLowerInvariant();
        var letters = new string(lower.Where(char.IsAsciiLetterLower).ToArray());
        var emailName = (user.Email ?? user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        var core = Deleet(lower.Trim(Padding));
        var guessable =
            CommonWords.Contains(letters) ||
            CommonWords.Contains(new string(core.Where(char.IsAsciiLetterLower).ToArray())) ||
            lower.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || char.IsPunctuation(c)) ||
            lower.Distinct().Count() <= 3 ||
            Runs.Any(run => IsRunOf(lower, run)) ||
            (emailName.Length >= 4 && lower.Contains(emailName, StringComparison.Ordinal));
        return Task.FromResult(guessable
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = InterfaceLanguage.Text("Auth.PasswordCommon"),
            })
            : IdentityResult.Success);
    }

    // The password, without digits and symbols at its ends, is a stretch of keyboard or alphabet order.
    private static bool IsRunOf(string password, string run)
    {
        var core = password.Trim(Padding);
        if (core.Length < 6) core = password;
        return core.Length >= 6 && (run.Contains(core, StringComparison.Ordinal) || Reverse(run).Contains(core, StringComparison.Ordinal));
    }

    private static string Reverse(string s)
    {
        var builder = new StringBuilder(s.Length);
        for (var i = s.Length - 1; i >= 0; i--) builder.Append(s[i]);
        return builder.ToString();
    }
}
