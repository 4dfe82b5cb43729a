using Microsoft.AspNetCore.Identity;

namespace Caf.Data.Entities;

/// <summary>A person who signs in. Applicants and committee members belong to a state.</summary>
public sealed class CafUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Guid? StatePartyId { get; set; }
    public StateParty? StateParty { get; set; }
    /// <summary>The language emails and messages are written in for this person: en, fr or es.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The languages CafGrants writes in, by code, each named in itself.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages = [("en", "English"), ("fr", "Français"), ("es", "Español")];

    /// <summary>Why <paramref name="code"/> cannot be this person's language, if so.</summary>
    public static string? LanguageProblem(string? code) =>
        Languages.Any(l => l.Code == code) ? null : "Choose English, French or Spanish.";

    /// <summary>Writes to this person in <paramref name="code"/> from now on.</summary>
    /// <exception cref="DomainException">The language is not one CafGrants writes in.</exception>
    public void ChooseLanguage(string? code)
    {
        if (LanguageProblem(code) is { } problem) throw new DomainException(problem, nameof(Language));
        Language = code!;
    }

    /// <summary>
    /// What an administrator's "disable" sets Identity's lockout end to: the end of time. A lockout after wrong
    /// passwords ends minutes later and, once over, changes nothing.
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    /// <summary>
    /// An administrator disabled the person: no sign-in, no email. Compared with a day's margin because a database may
    /// store the end of time less precisely (PostgreSQL keeps microseconds).
    /// </summary>
    public bool IsDisabled => LockoutEnd >= DisabledUntil.AddDays(-1);

    /// <summary>Why <paramref name="byUserId"/> may not disable this account, if so: nobody locks themselves out.</summary>
    public string? DisablingProblem(string? byUserId) => byUserId == Id ? "You cannot disable your own account." : null;
}
