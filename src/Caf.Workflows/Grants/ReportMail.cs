using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Grants;

/// <summary>
/// The final report's reminders, overdue notice and escalation (issue 14), each person's in their own language (en, fr,
/// es) with a link to the page built from the configured public address; queued in the outbox inside the timer's unit
/// of work, so a reminder is sent once however often the timer job runs.
/// </summary>
internal static class ReportMail
{
    /// <summary>The day the report is due: the date in Geneva of its due time (the end of that day there).</summary>
    public static DateOnly DueDate(DateTime dueUtc) => FundTime.DateOf(dueUtc);

    public static (string Subject, string Body) Reminder(GrantApplication a, int? interim, DateOnly due, string link, string language) => language switch
    {
        "fr" => ($"{Name(interim, language, capital: true)} de {a.Reference} attendu le {Date(due, language)}",
            $"""
            Bonjour,

            Le {Long(interim, language)} de la subvention {a.Reference} « {a.Title} » est attendu le {Date(due, language)}.

            Vous pouvez le soumettre ici : {link}

            S'il vous faut plus de temps, écrivez à l'Unité d'appui à l'application avant cette date : elle peut accorder un délai.

            CafGrants
            """),
        "es" => ($"{Name(interim, language, capital: true)} de {a.Reference}: plazo el {Date(due, language)}",
            $"""
            Estimado punto focal:

            El {Long(interim, language)} de la subvención {a.Reference} «{a.Title}» debe presentarse a más tardar el {Date(due, language)}.

            Puede presentarlo aquí: {link}

            Si necesita más tiempo, escriba a la Dependencia de Apoyo a la Aplicación antes de esa fecha: puede acordar una prórroga.

            CafGrants
            """),
        _ => ($"{Name(interim, language, capital: true)} for {a.Reference} due on {Date(due, language)}",
            $"""
            Dear focal point,

            The {Long(interim, language)} for grant {a.Reference} "{a.Title}" is due on {Date(due, language)}.

            Submit it here: {link}

            If you need more time, write to the Implementation Support Unit before that date: it can agree an extension.

            CafGrants
            """),
    };

    public static (string Subject, string Body) Overdue(GrantApplication a, int? interim, DateOnly due, string link, string language) => language switch
    {
        "fr" => ($"{Name(interim, language, capital: true)} de {a.Reference} en retard",
            $"""
            Bonjour,

            Le {Name(interim, language)} de la subvention {a.Reference} « {a.Title} » était attendu le {Date(due, language)} et n'a pas été reçu.

            Merci de le soumettre dès que possible : {link}

            Si quelque chose vous en empêche, écrivez à l'Unité d'appui à l'application.

            CafGrants
            """),
        "es" => ($"{Name(interim, language, capital: true)} de {a.Reference} atrasado",
            $"""
            Estimado punto focal:

            El {Name(interim, language)} de la subvención {a.Reference} «{a.Title}» debía presentarse el {Date(due, language)} y no se ha recibido.

            Le rogamos que lo presente lo antes posible: {link}

            Si algo se lo impide, escriba a la Dependencia de Apoyo a la Aplicación.

            CafGrants
            """),
        _ => ($"{Name(interim, language, capital: true)} for {a.Reference} is overdue",
            $"""
            Dear focal point,

            The {Name(interim, language)} for grant {a.Reference} "{a.Title}" was due on {Date(due, language)} and has not been received.

            Please submit it as soon as you can: {link}

            If something prevents you, write to the Implementation Support Unit.

            CafGrants
            """),
    };

    public static (string Subject, string Body) Escalation(GrantApplication a, int? interim, DateOnly due, string link, string language)
    {
        var state = a.ApplicantState?.Name ?? "?";
        return language switch
        {
            "fr" => ($"{Name(interim, language, capital: true)} de {a.Reference} toujours en retard",
                $"""
                Le {Name(interim, language)} de la subvention {a.Reference} « {a.Title} » ({state}) était attendu le {Date(due, language)} et n'a toujours pas été reçu, deux semaines plus tard.

                La subvention : {link}

                CafGrants
                """),
            "es" => ($"{Name(interim, language, capital: true)} de {a.Reference}: sigue atrasado",
                $"""
                El {Name(interim, language)} de la subvención {a.Reference} «{a.Title}» ({state}) debía presentarse el {Date(due, language)} y, dos semanas después, aún no se ha recibido.

                La subvención: {link}

                CafGrants
                """),
            _ => ($"{Name(interim, language, capital: true)} for {a.Reference} still overdue",
                $"""
                The {Name(interim, language)} for grant {a.Reference} "{a.Title}" ({state}) was due on {Date(due, language)} and has still not been received, two weeks later.

                The grant: {link}

                CafGrants
                """),
        };
    }

    public static (string Subject, string Body) Extended(GrantApplication a, DateOnly due, string reason, string link, string language) => language switch
    {
        "fr" => ($"Rapport final de {a.Reference} : nouveau délai au {Date(due, language)}",
            $"""
            Bonjour,

            L'Unité d'appui à l'application a accordé un délai pour le rapport final de la subvention {a.Reference} « {a.Title} » : il est maintenant attendu le {Date(due, language)}.

            Motif : {reason}

            Vous pouvez le soumettre ici : {link}

            CafGrants
            """),
        "es" => ($"Informe final de {a.Reference}: nuevo plazo el {Date(due, language)}",
            $"""
            Estimado punto focal:

            La Dependencia de Apoyo a la Aplicación ha acordado una prórroga para el informe final de la subvención {a.Reference} «{a.Title}»: ahora debe presentarse a más tardar el {Date(due, language)}.

            Motivo: {reason}

            Puede presentarlo aquí: {link}

            CafGrants
            """),
        _ => ($"Final report for {a.Reference}: now due on {Date(due, language)}",
            $"""
            Dear focal point,

            The Implementation Support Unit agreed an extension for the final report of grant {a.Reference} "{a.Title}": it is now due on {Date(due, language)}.

            Reason: {reason}

            Submit it here: {link}

            CafGrants
            """),
    };

    public static (string Subject, string Body) Returned(GrantApplication a, int? interim, string comments, string link, string language) => language switch
    {
        "fr" => ($"{Name(interim, language, capital: true)} de {a.Reference} renvoyé pour révision",
            $"""
            Bonjour,

            L'Unité d'appui à l'application vous renvoie le {Name(interim, language)} de la subvention {a.Reference} « {a.Title} » pour révision :

            {comments}

            Envoyez la version révisée ici : {link}

            CafGrants
            """),
        "es" => ($"{Name(interim, language, capital: true)} de {a.Reference} devuelto para revisión",
            $"""
            Estimado punto focal:

            La Dependencia de Apoyo a la Aplicación le devuelve el {Name(interim, language)} de la subvención {a.Reference} «{a.Title}» para que lo revise:

            {comments}

            Envíe la versión revisada aquí: {link}

            CafGrants
            """),
        _ => ($"{Name(interim, language, capital: true)} for {a.Reference} returned for revision",
            $"""
            Dear focal point,

            The Implementation Support Unit returns the {Name(interim, language)} of grant {a.Reference} "{a.Title}" for revision:

            {comments}

            Send the revised version here: {link}

            CafGrants
            """),
    };

    /// <summary>Emails each ISU officer (an administrator-disabled account, or one who turned this kind off, left out), in their language.</summary>
    public static Task QueueToIsuAsync(CafDbContext db, DateTime nowUtc, Func<string, (string Subject, string Body)> compose, CancellationToken ct,
        OptionalEmail optional = OptionalEmail.None) =>
        ApplicantMail.QueueToRoleAsync(db, CafRoles.IsuOfficer, null, nowUtc, compose, ct, optional);

    /// <summary>The grantee's page for the report: the final report's, or interim report <paramref name="interim"/>'s.</summary>
    public static string Page(Guid applicationId, int? interim) =>
        interim is { } n ? $"/Reporting/Interim/{applicationId}/{n}" : $"/Reporting/FinalReport/{applicationId}";

    /// <summary>The report's name in the language: "final report", "interim report 2"; capitalised to start a subject.</summary>
    public static string Name(int? interim, string language, bool capital = false)
    {
        var name = (language, interim) switch
        {
            ("fr", null) => "rapport final",
            ("fr", { } n) => $"rapport intermédiaire {n}",
            ("es", null) => "informe final",
            ("es", { } n) => $"informe intermedio {n}",
            (_, null) => "final report",
            (_, { } n) => $"interim report {n}",
        };
        return capital ? string.Concat(name[..1].ToUpperInvariant(), name.AsSpan(1)) : name;
    }

    /// <summary>The report's name with what it holds, as a reminder says it: the final one is narrative and financial.</summary>
    private static string Long(int? interim, string language) => (language, interim) switch
    {
        ("fr", null) => "rapport final, narratif et financier,",
        ("es", null) => "informe final, narrativo y financiero,",
        (_, null) => "final narrative and financial report",
        _ => Name(interim, language),
    };

    /// <summary>A date as people write it in the language: 2 December 2026, 2 décembre 2026 (1er décembre), 2 de diciembre de 2026.</summary>
    public static string Date(DateOnly date, string language) => language switch
    {
        "fr" => date.Day == 1 ? date.ToString("1'er' MMMM yyyy", CultureInfo.GetCultureInfo("fr-CH")) : date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-CH")),
        "es" => date.ToString("d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("es-ES")),
        _ => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
    };
}
