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

    /// <summary>The eligibility decision and its rationale; for a clarification, the questions and the sections reopened.</summary>
    public static (string Subject, string Body) ScreeningDecision(GrantApplication a, ScreeningDecision decision, Clarification? clarification,
        string language)
    {
        var questions = clarification?.Questions ?? "";
        return (language, decision.Outcome) switch
        {
            ("fr", ScreeningOutcome.Eligible) => ($"Demande {a.Reference} : éligible",
                $"Bonjour,\n\nLa demande {a.Reference} « {a.Title} » est déclarée éligible. Elle passe à l'examen sous l'angle du genre, puis au Comité.\n\nMotifs : {decision.Rationale}\n\nCafGrants"),
            ("fr", ScreeningOutcome.Ineligible) => ($"Demande {a.Reference} : non éligible",
                $"Bonjour,\n\nLa demande {a.Reference} « {a.Title} » n'est pas éligible.\n\nMotifs : {decision.Rationale}\n\nCafGrants"),
            ("fr", _) => ($"Demande {a.Reference} : questions de l'Unité d'appui à l'application",
                $"Bonjour,\n\nAvant de décider de l'éligibilité de la demande {a.Reference} « {a.Title} », l'Unité d'appui à l'application pose les questions suivantes :\n\n{questions}\n\n{decision.Rationale}\n\nRépondez depuis la page de la demande dans CafGrants.\n\nCafGrants"),
            ("es", ScreeningOutcome.Eligible) => ($"Solicitud {a.Reference}: admisible",
                $"Estimado punto focal:\n\nLa solicitud {a.Reference} «{a.Title}» ha sido declarada admisible. Pasa al examen con perspectiva de género y luego al Comité.\n\nMotivos: {decision.Rationale}\n\nCafGrants"),
            ("es", ScreeningOutcome.Ineligible) => ($"Solicitud {a.Reference}: no admisible",
                $"Estimado punto focal:\n\nLa solicitud {a.Reference} «{a.Title}» no es admisible.\n\nMotivos: {decision.Rationale}\n\nCafGrants"),
            ("es", _) => ($"Solicitud {a.Reference}: preguntas de la Dependencia de Apoyo a la Aplicación",
                $"Estimado punto focal:\n\nAntes de decidir sobre la admisibilidad de la solicitud {a.Reference} «{a.Title}», la Dependencia de Apoyo a la Aplicación pregunta lo siguiente:\n\n{questions}\n\n{decision.Rationale}\n\nResponda desde la página de la solicitud en CafGrants.\n\nCafGrants"),
            (_, ScreeningOutcome.Eligible) => ($"Application {a.Reference}: eligible",
                $"Dear focal point,\n\nApplication {a.Reference} \"{a.Title}\" is eligible. It now goes to the gender-lens review and then to the Committee.\n\nRationale: {decision.Rationale}\n\nCafGrants"),
            (_, ScreeningOutcome.Ineligible) => ($"Application {a.Reference}: not eligible",
                $"Dear focal point,\n\nApplication {a.Reference} \"{a.Title}\" is not eligible.\n\nRationale: {decision.Rationale}\n\nCafGrants"),
            _ => ($"Application {a.Reference}: questions from the ISU",
                $"Dear focal point,\n\nBefore deciding on the eligibility of application {a.Reference} \"{a.Title}\", the Implementation Support Unit asks:\n\n{questions}\n\n{decision.Rationale}\n\nAnswer from the application's page in CafGrants.\n\nCafGrants"),
        };
    }
}
