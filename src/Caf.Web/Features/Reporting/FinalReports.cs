using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;

namespace Caf.Web.Features.Reporting;

/// <summary>The grantee sends the final narrative report with what it actually spent on each budget line; the ISU then reviews it.</summary>
public sealed class FinalReports(UserActions actions, CafDbContext db, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> SubmitAsync(GrantApplication application, ClaimsPrincipal applicant, FinalReportSubmission submission,
        CancellationToken ct)
    {
        if (!ApplicationAccess.ActsForApplicant(application, applicant))
            return new CommandOutcome(403, [(null, "Only the applicant state's focal points send its final report.")]);
        var problems = submission.Problems(application.BudgetLines).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(applicant, () =>
        {
            var report = application.SubmitFinalReport(submission.FileName ?? "", submission.ContentType ?? "", submission.File!,
                submission.Checked(), ApplicationAccess.ActorFor(applicant).UserId, now);
            if (submission.Receipts is { } receipts)
                db.StoredFiles.Add(report.AttachReceipts(submission.ReceiptsFileName ?? "", submission.ReceiptsContentType ?? "", receipts));
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }
}
