using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The ISU records an extension it agreed for the final report (issue 14): the new due date and its reason, the stage's
/// reminders moved to the new date, and the grantee's focal points told by email — in one transaction with the audit record.
/// </summary>
public sealed class ReportExtensions(UserActions actions, WorkflowEngine engine, CafDbContext db, IPublicLinks links, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> ExtendAsync(GrantApplication application, ClaimsPrincipal isu, DateOnly? dueOn, string? reason, CancellationToken ct)
    {
        var problems = dueOn is null
            ? [("DueOn", InterfaceLanguage.Text("Extension.NeedDueDate")), .. string.IsNullOrWhiteSpace(reason) ? application.ExtensionProblems(DateOnly.MaxValue, reason).Where(p => p.Field == "Reason") : []]
            : application.ExtensionProblems(dueOn.Value, reason).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        return await actions.RunAsync(isu, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            application.ExtendFinalReport(dueOn!.Value, reason, ApplicationAccess.ActorFor(isu).UserId, now);
            await engine.RescheduleTimersAsync(application.Workflow!, application, ct);
            var link = links.Link($"/Reporting/FinalReport/{application.Id}");
            db.Notifications.Add(new Notification(application.Id, CafRoles.Applicant, application.ApplicantStateId,
                language => MailText.Get(language, "Notice.FinalExtended", application.Reference, dueOn.Value), now));
            await ApplicantMail.QueueAsync(db, application, now,
                language => ReportMail.Extended(application, dueOn.Value, application.FinalReportExtensionReason!, link, language), ct);
            return new CommandOutcome.Change(application);
        }, ct);
    }
}
