using System.Globalization;
using System.Resources;
using System.Text;

namespace Caf.Data;

/// <summary>
/// What an email says (issue 15), in the language of the person it is written to (their stored language: en, fr or es,
/// anything else English), never the sender's page: Resources/MailText*.resx by a symbolic key
/// ("ApplicantMail.SubmissionConfirmation.Subject"), its placeholders filled as that language writes them.
/// </summary>
public static class MailText
{
    private static readonly ResourceManager Texts = new("Caf.Data.Resources.MailText", typeof(MailText).Assembly);

    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="language"/>, its placeholders filled in that language: an amount
    /// of money as "CHF 2 000,00" in French, a day as "1er mars 2027" (<see cref="Date"/>). The key itself if no file has it
    /// (a test fails on that).
    /// </summary>
    public static string Get(string language, string key, params object?[] args)
    {
        var culture = Culture(language);
        return string.Format(culture, CompositeFormat.Parse(Texts.GetString(key, culture) ?? key), [.. args.Select(arg => arg switch
        {
            Money money => money.Written(culture),
            DateOnly day => Date(day, language),
            _ => arg,
        })]);
    }

    /// <summary>An email's subject and body, the keys <paramref name="key"/>.Subject and .Body, both filled from the same arguments.</summary>
    public static (string Subject, string Body) Letter(string language, string key, params object?[] args) =>
        (Get(language, $"{key}.Subject", args), Get(language, $"{key}.Body", args));

    /// <summary>A day as people write it in the language: 2 December 2026, 2 décembre 2026 (1er décembre), 2 de diciembre de 2026.</summary>
    public static string Date(DateOnly date, string language)
    {
        var culture = Culture(language);
        return date.ToString(Texts.GetString(date.Day == 1 ? "Date.FormatFirstOfMonth" : "Date.Format", culture), culture);
    }

    /// <summary>The culture of a person's language; English for a code the files do not have.</summary>
    private static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(Entities.CafUser.Languages.Any(l => l.Code == language) ? language : "en");
}
