using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The grantee sends an interim report (issue 14, ADR 0031): its narrative, with a file attached if it has one. The draft
/// saved for it goes, the reminders move on to the next interim report, and the ISU is told — in one transaction.
/// </summary>
public sealed class InterimReports(UserActions actions, WorkflowEngine engine, CafDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> SubmitAsync(GrantApplication application, ClaimsPrincipal applicant, int number, ReportNarrative narrative,
        (string FileName, string ContentType, byte[] Content)? attachment, CancellationToken ct)
    {
        if (!ApplicationAccess.ActsForApplicant(application, applicant))
            return new CommandOutcome(403, [(null, InterfaceLanguage.Text("Report.OnlyApplicantSend"))]);
        if (application.InterimReportProblem(number, FundTime.Today(clock)) is { } refused) return new CommandOutcome(409, [(null, refused)]);
        var problems = narrative.Problems(application.Results).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        return await actions.RunAsync(applicant, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            application.SubmitInterimReport(number, narrative, attachment?.FileName, attachment?.ContentType, attachment?.Content,
                ApplicationAccess.ActorFor(applicant).UserId, now);
            await ReportDrafts.DiscardAsync(db, application.Id, number, ct);
            // The reminders now chase the next interim report, if there is one.
            await engine.RescheduleTimersAsync(application.Workflow!, application, ct);
            db.Notifications.Add(new Notification(application.Id, CafRoles.IsuOfficer, null,
                language => MailText.Get(language, "Notice.InterimSent", ReportMail.Grantee(application, language, "Notice.TheGrantee"), number, application.Reference), now));
            return new CommandOutcome.Change(application);
        }, ct);
    }
}

/// <summary>
/// The grantee saves a report's narrative without sending it (issue 14: drafts save): however incomplete, only what cannot
/// be stored is refused. One draft per report (<c>interim</c> null for the final report); sending the report removes it.
/// </summary>
public sealed class ReportDrafts(UserActions actions, CafDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> SaveAsync(GrantApplication application, ClaimsPrincipal applicant, int? interim, ReportNarrative narrative,
        CancellationToken ct)
    {
        if (!ApplicationAccess.ActsForApplicant(application, applicant))
            return new CommandOutcome(403, [(null, InterfaceLanguage.Text("Report.OnlyApplicantWrite"))]);
        if ((interim is { } n ? application.InterimReportProblem(n) : application.FinalReportProblem()) is { } refused)
            return new CommandOutcome(409, [(null, refused)]);
        var problems = narrative.DraftProblems().ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        try
        {
            return await actions.RunAsync(applicant, async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var userId = ApplicationAccess.ActorFor(applicant).UserId;
                if (await FindAsync(db, application.Id, interim, ct) is { } draft) draft.Save(narrative, userId, now);
                else db.ReportDrafts.Add(new ReportDraft(application.Id, interim, narrative, userId, now));
            }, ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsSecondDraft(ex))
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(409, [(null, InterfaceLanguage.Text("Report.SavedTwice"))]);
        }
    }

    /// <summary>The draft saved for the report, if any.</summary>
    public static Task<ReportDraft?> FindAsync(CafDbContext db, Guid applicationId, int? interim, CancellationToken ct)
    {
        var number = interim ?? 0;
        return db.ReportDrafts.FirstOrDefaultAsync(d => d.ApplicationId == applicationId && d.ReportNumber == number, ct);
    }

    /// <summary>Removes the report's draft once the report is sent, inside the sending's unit of work.</summary>
    internal static async Task DiscardAsync(CafDbContext db, Guid applicationId, int? interim, CancellationToken ct)
    {
        if (await FindAsync(db, applicationId, interim, ct) is { } draft) db.ReportDrafts.Remove(draft);
    }
}
