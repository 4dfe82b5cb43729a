using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The grantee writes an interim report (issue 14): the narrative on a form, saved as a draft as often as it likes, and
/// sent with a file attached if it has one. A report returned by the ISU comes back filled in, with the ISU's comments.
/// </summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class InterimModel(ApplicationAccess access, WorkflowEngine engine, CafDbContext db, InterimReports reports, ReportDrafts drafts,
    TimeProvider clock)
    : ReportFormPageModel(access, engine, db, drafts)
{
    protected override string Stage => GrantStages.Active;
    protected override bool WorksAt(string stage) => stage is GrantStages.Active or GrantStages.Reporting;

    /// <summary>The interim report's number, from the address alone.</summary>
    public int Number => ReportRoute.Number(RouteData) ?? 0;
    private protected override int? Interim => Number;
    private protected override NarrativeInput Narrative { get => Input.Narrative; set => Input.Narrative = value; }

    [BindProperty] public InterimInput Input { get; set; } = new();

    public sealed class InterimInput
    {
        public NarrativeInput Narrative { get; set; } = new();

        [Display(Name = "Interim.Attachment")]
        public IFormFile? File { get; set; }
    }

    internal InterimReportDue Due => Application.InterimReportsDue.First(d => d.Number == Number);
    /// <summary>Why the report cannot be sent now (sent and awaiting review, accepted), said instead of the form.</summary>
    internal string? NotNow { get; private set; }
    /// <summary>Why it cannot be sent yet (its period is far from over): said above the form, which saves drafts meanwhile.</summary>
    internal string? NotYet { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        if (Unknown() is { } unknown) return unknown;
        NotNow = Application.InterimReportProblem(Number);
        NotYet = NotNow is null ? Application.InterimReportProblem(Number, FundTime.Today(clock)) : null;
        await FillAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        if (Unknown() is { } unknown) return unknown;
        return await SaveDraftAsync(id, ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        if (Unknown() is { } unknown) return unknown;
        var narrative = ReadNarrative();
        (string, string, byte[])? attachment = null;
        if (Input.File is { } file)
        {
            var (content, unreadable) = await UploadedDocuments.ReadAsync(file, GrantReport.MaxBytes, ct);
            if (unreadable is not null) ModelState.AddModelError("Input.File", unreadable);
            else attachment = (file.FileName, file.ContentType, content!);
        }
        if (!ModelState.IsValid) return await ShowAgainAsync(narrative.Problems(Application.Results), ct);
        var outcome = await reports.SubmitAsync(Application, User, Number, narrative, attachment, ct);
        return outcome.Succeeded ? Done(InterfaceLanguage.Format("Interim.Received", Number)) : await RefusedHereAsync(outcome, id, ct);
    }

    /// <summary>An interim report this grant does not have is not found.</summary>
    private NotFoundResult? Unknown() => Application.HasInterimReport(Number) ? null : NotFound();
}
