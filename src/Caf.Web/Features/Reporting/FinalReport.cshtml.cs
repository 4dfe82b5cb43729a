using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>The grantee uploads the final narrative report and states what it actually spent.</summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class FinalReportModel(ApplicationAccess access, WorkflowEngine engine, FinalReports reports)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Reporting;

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        // No [Required]: FinalReportSubmission.Problems asks for the file and the amount.
        [Display(Name = "Report file")]
        public IFormFile? File { get; set; }

        [Display(Name = "Actual expenditure")]
        public decimal? ActualExpenditure { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        return ApplicationAccess.ActsForApplicant(Application, User) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        byte[]? content = null;
        if (Input.File is { } file)
        {
            // Reading the upload (its kind, size and content) is the form's part; what the report must say is the domain's.
            (content, var unreadable) = await UploadedDocuments.ReadAsync(file, GrantReport.MaxBytes, ct);
            if (unreadable is not null) ModelState.AddModelError("Input.File", unreadable);
        }
        var submission = new FinalReportSubmission(Input.File?.FileName, Input.File?.ContentType, content, Input.ActualExpenditure);
        if (!ModelState.IsValid)
        {
            ShowProblems(submission.Problems());
            return Invalid();
        }
        var outcome = await reports.SubmitAsync(Application, User, submission, ct);
        return outcome.Succeeded ? Done("Final report received. The ISU will review it.") : await RefusedAsync(outcome, id, ct);
    }
}
