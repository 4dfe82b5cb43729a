using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>The grantee uploads the final narrative report and states what it actually spent on each budget line.</summary>
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

        /// <summary>What was spent on each budget line, in budget order.</summary>
        [Display(Name = "What was spent")]
        public List<decimal?> Lines { get; set; } = [];
    }

    internal IReadOnlyList<BudgetLine> Budget => [.. Application.BudgetLines.OrderBy(l => l.Position)];

    private Dictionary<Guid, decimal?> Spending() =>
        Budget.Select((line, i) => (line.Id, Actual: i < Input.Lines.Count ? Input.Lines[i] : null)).ToDictionary(p => p.Id, p => p.Actual);

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
        var submission = new FinalReportSubmission(Input.File?.FileName, Input.File?.ContentType, content, Spending());
        if (!ModelState.IsValid)
        {
            ShowProblems(submission.Problems(Application.BudgetLines));
            return Invalid();
        }
        var outcome = await reports.SubmitAsync(Application, User, submission, ct);
        return outcome.Succeeded ? Done("Final report received. The ISU will review it.") : await RefusedAsync(outcome, id, ct);
    }
}
