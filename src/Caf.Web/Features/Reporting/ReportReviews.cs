using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The ISU reviews a report (issue 14): it accepts it — the final report's acceptance moves the grant on to final
/// reconciliation — or returns it with comments, which the grantee's focal points receive by email; the version
/// returned is kept. <c>interim</c> names an interim report by its number; null is the final report.
/// </summary>
public sealed class ReportReviews(UserActions actions, WorkflowEngine engine, CafDbContext db, IPublicLinks links, TimeProvider clock) : IUseCase
{
    public Task<CommandOutcome> ReturnAsync(GrantApplication application, ClaimsPrincipal isu, int? interim, string? comments, CancellationToken ct) =>
        actions.RunAsync(isu, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var report = application.ReturnReport(interim, comments, ApplicationAccess.ActorFor(isu).UserId, now);
            // A returned interim report is awaited again: its reminders follow it once more.
            if (interim is not null) await engine.RescheduleTimersAsync(application.Workflow!, application, ct);
            var link = links.Link(ReportMail.Page(application.Id, interim));
            db.Notifications.Add(new Notification(application.Id, CafRoles.Applicant, application.ApplicantStateId,
                language => MailText.Get(language, "Notice.Returned", ReportMail.Name(interim, language), application.Reference), now));
            await ApplicantMail.QueueAsync(db, application, now, language => ReportMail.Returned(application, interim, report.ReturnComments!, link, language), ct);
            return new CommandOutcome.Change(application);
        }, ct);

    /// <summary>Accepts the report awaiting review; the final one through the workflow's transition, which moves the grant on.</summary>
    public Task<CommandOutcome> AcceptAsync(GrantApplication application, ClaimsPrincipal isu, int? interim, CancellationToken ct) =>
        actions.RunAsync(isu, () =>
        {
            if (interim is not { } number) return Task.FromResult(new CommandOutcome.Change(application, GrantTriggers.AcceptFinalReports));
            application.AcceptInterimReport(number);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
}
