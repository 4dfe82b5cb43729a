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
    /// <param name="optional">The kind, when a person may turn it off (<see cref="OptionalEmail"/>); those who did get none.</param>
    public static Task QueueAsync(CafDbContext db, GrantApplication application, DateTime nowUtc,
        Func<string, (string Subject, string Body)> compose, CancellationToken cancellationToken, OptionalEmail optional = OptionalEmail.None) =>
        QueueToRoleAsync(db, CafRoles.Applicant, application.ApplicantStateId, nowUtc, compose, cancellationToken, optional);

    /// <summary>
    /// Emails everyone with <paramref name="role"/> (of <paramref name="stateId"/> when given), each in their language;
    /// a person an administrator disabled, or who turned this optional kind off, gets none (an expired lockout after wrong
    /// passwords changes nothing).
    /// </summary>
    public static async Task QueueToRoleAsync(CafDbContext db, string role, Guid? stateId, DateTime nowUtc,
        Func<string, (string Subject, string Body)> compose, CancellationToken cancellationToken, OptionalEmail optional = OptionalEmail.None)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var people = await db.Users.AsNoTracking()
            .Where(u => (stateId == null || u.StatePartyId == stateId) && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .ToListAsync(cancellationToken);
        foreach (var person in people.Where(u => !u.IsDisabled && u.Wants(optional)))
        {
            var (subject, body) = compose(person.Language);
            db.Outbox.Add(new OutboxMessage(person.Email!, subject, body, nowUtc, person.Language));
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

    /// <summary>The committee's decision letter: approved (with the amount and any conditions), rejected or deferred, with the rationale.</summary>
    public static (string Subject, string Body) CommitteeDecision(GrantApplication a, string trigger, string rationale, string language)
    {
        var amount = a.ApprovedAmount?.ToString() ?? "";
        var conditions = a.Conditions ?? "";
        return (language, trigger) switch
        {
            ("fr", GrantTriggers.Approve) => ($"Demande {a.Reference} : approuvée",
                $"Bonjour,\n\nLe Comité a approuvé la demande {a.Reference} « {a.Title} » pour un montant de {amount}.\n{(conditions.Length > 0 ? $"Conditions : {conditions}\n" : "")}\nMotifs : {rationale}\n\nL'Unité d'appui à l'application vous enverra l'accord de subvention.\n\nCafGrants"),
            ("fr", GrantTriggers.Reject) => ($"Demande {a.Reference} : non retenue",
                $"Bonjour,\n\nLe Comité n'a pas retenu la demande {a.Reference} « {a.Title} ».\n\nMotifs : {rationale}\n\nCafGrants"),
            ("fr", _) => ($"Demande {a.Reference} : décision reportée",
                $"Bonjour,\n\nLe Comité a reporté sa décision sur la demande {a.Reference} « {a.Title} » à une prochaine réunion.\n\nMotifs : {rationale}\n\nCafGrants"),
            ("es", GrantTriggers.Approve) => ($"Solicitud {a.Reference}: aprobada",
                $"Estimado punto focal:\n\nEl Comité aprobó la solicitud {a.Reference} «{a.Title}» por un importe de {amount}.\n{(conditions.Length > 0 ? $"Condiciones: {conditions}\n" : "")}\nMotivos: {rationale}\n\nLa Dependencia de Apoyo a la Aplicación le enviará el acuerdo de subvención.\n\nCafGrants"),
            ("es", GrantTriggers.Reject) => ($"Solicitud {a.Reference}: no aprobada",
                $"Estimado punto focal:\n\nEl Comité no aprobó la solicitud {a.Reference} «{a.Title}».\n\nMotivos: {rationale}\n\nCafGrants"),
            ("es", _) => ($"Solicitud {a.Reference}: decisión aplazada",
                $"Estimado punto focal:\n\nEl Comité aplazó su decisión sobre la solicitud {a.Reference} «{a.Title}» a una próxima reunión.\n\nMotivos: {rationale}\n\nCafGrants"),
            (_, GrantTriggers.Approve) => ($"Application {a.Reference}: approved",
                $"Dear focal point,\n\nThe Committee approved application {a.Reference} \"{a.Title}\" for {amount}.\n{(conditions.Length > 0 ? $"Conditions: {conditions}\n" : "")}\nRationale: {rationale}\n\nThe Implementation Support Unit will send you the grant agreement.\n\nCafGrants"),
            (_, GrantTriggers.Reject) => ($"Application {a.Reference}: not approved",
                $"Dear focal point,\n\nThe Committee did not approve application {a.Reference} \"{a.Title}\".\n\nRationale: {rationale}\n\nCafGrants"),
            _ => ($"Application {a.Reference}: decision deferred",
                $"Dear focal point,\n\nThe Committee deferred its decision on application {a.Reference} \"{a.Title}\" to a later meeting.\n\nRationale: {rationale}\n\nCafGrants"),
        };
    }
}
