using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Grants;

/// <summary>
/// Emails to an applicant state's focal points, each in the person's own language (en, fr, es; words in <see cref="MailText"/>),
/// queued in the outbox inside the transition's transaction.
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

    public static (string Subject, string Body) SubmissionConfirmation(GrantApplication a, string language) =>
        MailText.Letter(language, "ApplicantMail.SubmissionConfirmation", a.Reference, a.Title,
            a.SubmittedAtUtc is { } at ? DateOnly.FromDateTime(at) : null, a.SubmittedAtUtc, a.RequestedAmount);

    /// <summary>The eligibility decision and its rationale; for a clarification, the questions and the sections reopened.</summary>
    public static (string Subject, string Body) ScreeningDecision(GrantApplication a, ScreeningDecision decision, Clarification? clarification,
        string language) =>
        MailText.Letter(language, decision.Outcome switch
        {
            ScreeningOutcome.Eligible => "ApplicantMail.Screening.Eligible",
            ScreeningOutcome.Ineligible => "ApplicantMail.Screening.Ineligible",
            _ => "ApplicantMail.Screening.Clarification",
        }, a.Reference, a.Title, decision.Rationale, clarification?.Questions ?? "");

    /// <summary>The committee's decision letter: approved (with the amount and any conditions), rejected or deferred, with the rationale.</summary>
    public static (string Subject, string Body) CommitteeDecision(GrantApplication a, string trigger, string rationale, string language) =>
        MailText.Letter(language, trigger switch
        {
            GrantTriggers.Approve => "ApplicantMail.Committee.Approved",
            GrantTriggers.Reject => "ApplicantMail.Committee.Rejected",
            _ => "ApplicantMail.Committee.Deferred",
        }, a.Reference, a.Title, a.ApprovedAmount,
            // The conditions' line stands only when the committee set conditions.
            string.IsNullOrEmpty(a.Conditions) ? "" : MailText.Get(language, "ApplicantMail.Committee.Conditions", a.Conditions), rationale);
}
