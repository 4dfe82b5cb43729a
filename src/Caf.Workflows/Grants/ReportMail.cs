using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Grants;

/// <summary>
/// The final report's reminders, overdue notice and escalation (issue 14), each person's in their own language (en, fr,
/// es; words in <see cref="MailText"/>) with a link to the page built from the configured public address; queued in the outbox inside the timer's unit
/// of work, so a reminder is sent once however often the timer job runs.
/// </summary>
internal static class ReportMail
{
    /// <summary>The day the report is due: the date in Geneva of its due time (the end of that day there).</summary>
    public static DateOnly DueDate(DateTime dueUtc) => FundTime.DateOf(dueUtc);

    public static (string Subject, string Body) Reminder(GrantApplication a, int? interim, DateOnly due, string link, string language) =>
        About("ReportMail.Reminder", a, interim, Long(interim, language), due, link, language);

    public static (string Subject, string Body) Overdue(GrantApplication a, int? interim, DateOnly due, string link, string language) =>
        About("ReportMail.Overdue", a, interim, Name(interim, language), due, link, language);

    public static (string Subject, string Body) Escalation(GrantApplication a, int? interim, DateOnly due, string link, string language) =>
        About("ReportMail.Escalation", a, interim, Name(interim, language), due, link, language, a.ApplicantState?.Name ?? "?");

    public static (string Subject, string Body) Extended(GrantApplication a, DateOnly due, string reason, string link, string language) =>
        MailText.Letter(language, "ReportMail.Extended", a.Reference, a.Title, due, reason, link);

    public static (string Subject, string Body) Returned(GrantApplication a, int? interim, string comments, string link, string language) =>
        About("ReportMail.Returned", a, interim, Name(interim, language), comments, link, language);

    /// <summary>
    /// A letter about one report, its placeholders alike in every key: {0} the report's name starting the subject, {1} the
    /// grant's reference, {2} its title, {3} <paramref name="detail"/> (the due day, or the comments), {4} the report's name
    /// as the sentence says it, {5} the link, {6} <paramref name="more"/>.
    /// </summary>
    private static (string Subject, string Body) About(string key, GrantApplication a, int? interim, string name, object detail, string link,
        string language, string? more = null) =>
        MailText.Letter(language, key, Name(interim, language, capital: true), a.Reference, a.Title, detail, name, link, more);

    /// <summary>Emails each ISU officer (an administrator-disabled account, or one who turned this kind off, left out), in their language.</summary>
    public static Task QueueToIsuAsync(CafDbContext db, DateTime nowUtc, Func<string, (string Subject, string Body)> compose, CancellationToken ct,
        OptionalEmail optional = OptionalEmail.None) =>
        ApplicantMail.QueueToRoleAsync(db, CafRoles.IsuOfficer, null, nowUtc, compose, ct, optional);

    /// <summary>The grantee's page for the report: the final report's, or interim report <paramref name="interim"/>'s.</summary>
    public static string Page(Guid applicationId, int? interim) =>
        interim is { } n ? $"/Reporting/Interim/{applicationId}/{n}" : $"/Reporting/FinalReport/{applicationId}";

    /// <summary>The report's name in the language: "final report", "interim report 2"; capitalised to start a subject.</summary>
    /// <summary>The grantee by its state's name in <paramref name="language"/>; the words of <paramref name="none"/> when its state is not loaded.</summary>
    public static string Grantee(GrantApplication application, string language, string none) =>
        application.ApplicantState?.NameIn(language) ?? MailText.Get(language, none);

    public static string Name(int? interim, string language, bool capital = false)
    {
        var name = interim is { } n ? MailText.Get(language, "ReportMail.Interim", n) : MailText.Get(language, "ReportMail.Final");
        return capital ? string.Concat(name[..1].ToUpperInvariant(), name.AsSpan(1)) : name;
    }

    /// <summary>The report's name with what it holds, as a reminder says it: the final one is narrative and financial.</summary>
    private static string Long(int? interim, string language) =>
        interim is null ? MailText.Get(language, "ReportMail.FinalLong") : Name(interim, language);
}
