using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The grantee sends the final report — the narrative typed on the form, the signed report's file and what it actually
/// spent on each budget line; the draft saved for it goes; the ISU then reviews it.
/// </summary>
public sealed class FinalReports(UserActions actions, CafDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> SubmitAsync(GrantApplication application, ClaimsPrincipal applicant, FinalReportSubmission submission,
        CancellationToken ct)
    {
        if (!ApplicationAccess.ActsForApplicant(application, applicant))
            return new CommandOutcome(403, [(null, InterfaceLanguage.Text("Report.OnlyApplicantFinal"))]);
        var problems = submission.Problems(application.BudgetLines, application.Results).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(applicant, async () =>
        {
            var report = application.SubmitFinalReport(submission.FileName ?? "", submission.ContentType ?? "", submission.File!,
                submission.Checked(), ApplicationAccess.ActorFor(applicant).UserId, now, submission.Narrative);
            if (submission.Receipts is { } receipts)
                db.StoredFiles.Add(report.AttachReceipts(submission.ReceiptsFileName ?? "", submission.ReceiptsContentType ?? "", receipts));
            await ReportDrafts.DiscardAsync(db, application.Id, null, ct);
            return new CommandOutcome.Change(application);
        }, ct);
    }
}
