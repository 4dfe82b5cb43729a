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
    protected override string Stage => "Reporting";

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        [Required(ErrorMessage = "Choose the report file to upload.")]
        public IFormFile? File { get; set; }

        [Required(ErrorMessage = "Give the total actually spent.")]
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
        if (Input.File is { } file && !FileSignatures.IsAllowedExtension(file.FileName))
            ModelState.AddModelError("Input.File", $"Upload the report as {string.Join(", ", FileSignatures.Kinds.Keys)}.");
        if (Input.File is { Length: > GrantReport.MaxBytes })
            ModelState.AddModelError("Input.File", "The file is larger than 10 MB. Please upload a smaller version.");
        if (Input.ActualExpenditure is < 0)
            ModelState.AddModelError("Input.ActualExpenditure", "The actual expenditure cannot be negative.");
        if (!ModelState.IsValid) return Invalid();
        using var buffer = new MemoryStream();
        await Input.File!.CopyToAsync(buffer, ct);
        if (!FileSignatures.ContentMatchesName(Input.File.FileName, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            ModelState.AddModelError("Input.File",
                $"The file's content is not {FileSignatures.Kinds[Path.GetExtension(Input.File.FileName).ToLowerInvariant()]} " +
                "although its name says so. Please upload the document itself.");
            return Invalid();
        }
        var outcome = await Commands.RunAsync(Application, User, a => a.SubmitFinalReport(Input.File.FileName,
            string.IsNullOrWhiteSpace(Input.File.ContentType) ? "application/octet-stream" : Input.File.ContentType,
            buffer.ToArray(), Input.ActualExpenditure!.Value, ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime),
            null, null, ct);
        return outcome.Succeeded ? Done("Final report received. The ISU will review it.") : await RefusedAsync(outcome, id, ct);
    }
}
