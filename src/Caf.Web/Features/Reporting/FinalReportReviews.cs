using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Grants;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The ISU reviews the final report (issue 14): it accepts it, which moves the grant on to final reconciliation, or
/// returns it with comments, which the grantee's focal points receive by email; the version returned is kept.
/// </summary>
public sealed class FinalReportReviews(UserActions actions, CafDbContext db, IPublicLinks links, TimeProvider clock) : IUseCase
{
    public Task<CommandOutcome> ReturnAsync(GrantApplication application, ClaimsPrincipal isu, string? comments, CancellationToken ct) =>
        actions.RunAsync(isu, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var report = application.ReturnFinalReport(comments, ApplicationAccess.ActorFor(isu).UserId, now);
            var link = links.Link($"/Reporting/FinalReport/{application.Id}");
            db.Notifications.Add(new Notification(application.Id, CafRoles.Applicant, application.ApplicantStateId,
                $"The ISU returned the final report for {application.Reference} for revision: see its comments on the report page.", now));
            await ApplicantMail.QueueAsync(db, application, now, language => ReportMail.Returned(application, report.ReturnComments!, link, language), ct);
            return new CommandOutcome.Change(application);
        }, ct);

    /// <summary>Accepts the report awaiting review: the grant moves on to final reconciliation (the workflow's transition).</summary>
    public Task<CommandOutcome> AcceptAsync(GrantApplication application, ClaimsPrincipal isu, CancellationToken ct) =>
        actions.RunAsync(isu, () => Task.FromResult(new CommandOutcome.Change(application, GrantTriggers.AcceptFinalReports)), ct);
}
