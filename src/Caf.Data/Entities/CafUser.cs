using Microsoft.AspNetCore.Identity;

namespace Caf.Data.Entities;

/// <summary>
/// The emails a person may turn off (issue 14). Everything else the process needs — decisions, the ISU's questions, an
/// overdue report, an extension, invitations and sign-in security — is always sent.
/// </summary>
[Flags]
public enum OptionalEmail
{
    None = 0,
    /// <summary>An applicant's confirmation that an application of their state was received.</summary>
    SubmissionConfirmations = 1,
    /// <summary>An applicant's reminders 14 and 3 days before a report is due.</summary>
    ReportReminders = 2,
    /// <summary>An ISU officer's alert that a grantee's report is two weeks overdue.</summary>
    OverdueEscalations = 4,
}

/// <summary>A person who signs in. Applicants and committee members belong to a state.</summary>
public sealed class CafUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Guid? StatePartyId { get; set; }
    public StateParty? StateParty { get; set; }
    /// <summary>The language emails and messages are written in for this person: en, fr or es.</summary>
    public string Language { get; set; } = "en";
    /// <summary>The optional emails this person turned off; none by default.</summary>
    public OptionalEmail EmailOptOuts { get; set; }

    /// <summary>Whether to send this person an email of this kind: always, unless it is optional and they turned it off.</summary>
    public bool Wants(OptionalEmail kind) => kind == OptionalEmail.None || (EmailOptOuts & kind) == 0;

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
    public string? DisablingProblem(string? byUserId) => byUserId == Id ? DomainText.Get("Account.CannotDisableSelf") : null;
}
