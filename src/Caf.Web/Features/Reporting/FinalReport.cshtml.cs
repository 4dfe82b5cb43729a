using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>The grantee uploads the final narrative report and states what it actually spent.</summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class FinalReportModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => GrantStages.Reporting;

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        [Required(ErrorMessage = "Choose the report file to upload.")]
        [Display(Name = "Report file")]
        public IFormFile? File { get; set; }

        [Required(ErrorMessage = "Give the total actually spent.")]
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
        if (Input.ActualExpenditure is { } spent && GrantReport.ExpenditureProblem(spent) is { } wrong)
            ModelState.AddModelError("Input.ActualExpenditure", wrong);
        byte[]? content = null;
        if (Input.File is { } file)
        {
            (content, var problem) = await UploadedDocuments.ReadAsync(file, GrantReport.MaxBytes, ct);
            if (problem is not null) ModelState.AddModelError("Input.File", problem);
        }
        if (!ModelState.IsValid) return Invalid();
        var outcome = await Commands.RunAsync(Application, User, a => a.SubmitFinalReport(Input.File!.FileName,
            string.IsNullOrWhiteSpace(Input.File.ContentType) ? "application/octet-stream" : Input.File.ContentType,
            content!, Input.ActualExpenditure!.Value, ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime),
            null, null, ct);
        return outcome.Succeeded ? Done("Final report received. The ISU will review it.") : await RefusedAsync(outcome, id, ct);
    }
}
