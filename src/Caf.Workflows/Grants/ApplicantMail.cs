using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Grants;

/// <summary>
/// Emails to an applicant state's focal points, each in the person's own language (en, fr, es), queued in the outbox
/// inside the transition's transaction.
/// </summary>
internal static class ApplicantMail
{
    public static async Task QueueAsync(CafDbContext db, GrantApplication application, DateTime nowUtc,
        Func<string, (string Subject, string Body)> compose, CancellationToken cancellationToken)
    {
        var applicantRole = await db.Roles.Where(r => r.Name == CafRoles.Applicant).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var focalPoints = await db.Users
            .Where(u => u.StatePartyId == application.ApplicantStateId && u.Email != null && u.LockoutEnd == null
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == applicantRole))
            .Select(u => new { u.Email, u.Language })
            .ToListAsync(cancellationToken);
        foreach (var person in focalPoints)
        {
            var (subject, body) = compose(person.Language);
            db.Outbox.Add(new OutboxMessage(person.Email!, subject, body, nowUtc));
        }
    }

    public static (string Subject, string Body) SubmissionConfirmation(GrantApplication a, string language) => language switch
    {
        "fr" => ($"Demande {a.Reference} reçue",
            $"""
            Bonjour,

            Le Fonds de coopération et d'assistance a bien reçu la demande {a.Reference} « {a.Title} »
            le {a.SubmittedAtUtc:dd.MM.yyyy} à {a.SubmittedAtUtc:HH:mm} UTC, pour un montant de {a.RequestedAmount}.

            L'Unité d'appui à l'application examinera son éligibilité et vous écrira si elle a des questions.

            CafGrants
            """),
        "es" => ($"Solicitud {a.Reference} recibida",
            $"""
            Estimado punto focal:

            El Fondo de Cooperación y Asistencia ha recibido la solicitud {a.Reference} «{a.Title}»
            el {a.SubmittedAtUtc:dd.MM.yyyy} a las {a.SubmittedAtUtc:HH:mm} UTC, por un importe de {a.RequestedAmount}.

            La Dependencia de Apoyo a la Aplicación examinará su elegibilidad y le escribirá si tiene preguntas.

            CafGrants
            """),
        _ => ($"Application {a.Reference} received",
            $"""
            Dear focal point,

            The Cooperation and Assistance Fund received application {a.Reference} "{a.Title}"
            on {a.SubmittedAtUtc:d MMMM yyyy} at {a.SubmittedAtUtc:HH:mm} UTC, requesting {a.RequestedAmount}.

            The Implementation Support Unit will now screen its eligibility and will write to you if it has questions.

            CafGrants
            """),
    };
}
