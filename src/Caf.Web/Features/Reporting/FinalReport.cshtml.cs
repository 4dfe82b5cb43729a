using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The grantee writes the final report: the narrative on the form (saved as a draft as often as it likes), the signed
/// report's file and what it actually spent on each budget line.
/// </summary>
[Authorize(Roles = CafRoles.Applicant)]
public sealed class FinalReportModel(ApplicationAccess access, WorkflowEngine engine, CafDbContext db, FinalReports reports, ReportDrafts drafts)
    : ReportFormPageModel(access, engine, db, drafts)
{
    protected override string Stage => GrantStages.Reporting;
    private protected override int? Interim => null;
    private protected override NarrativeInput Narrative { get => Input.Narrative; set => Input.Narrative = value; }

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        public NarrativeInput Narrative { get; set; } = new();

        // No [Required]: FinalReportSubmission.Problems asks for the file and the amount.
        [Display(Name = "Report.ReportFile")]
        public IFormFile? File { get; set; }

        [Display(Name = "Report.Receipts")]
        public IFormFile? Receipts { get; set; }

        /// <summary>
        /// What was spent on each budget line, in budget order, as typed: read by <see cref="Spending"/> with each line's
        /// label, so that one line typed "1,5" is said by its name, keeps its text, and leaves the lines after it as typed.
        /// </summary>
        public List<string?> Lines { get; set; } = [];
    }

    internal IReadOnlyList<BudgetLine> Budget => [.. Application.BudgetLines.OrderBy(l => l.Position)];

    /// <summary>The label of a budget line's amount, which its messages name.</summary>
    internal static string SpentLabel(BudgetLine line) => InterfaceLanguage.Format("Report.AmountSpentOn", line.Description);

    /// <summary>
    /// The amounts typed, by budget line; an unreadable one is said at its line and counts as not given. More amounts than
    /// the budget has lines (a form from another page, or made by hand) are refused: none of them is guessed at.
    /// </summary>
    private Dictionary<Guid, decimal?> Spending()
    {
        var budget = Budget;
        var gap = RefusesRowsAfterGap("Input.Lines", Input.Lines.Count, InterfaceLanguage.Text("Report.LinesOutOfOrder"));
        if (!gap && Input.Lines.Count > budget.Count)
            ModelState.AddModelError("Input.Lines", InterfaceLanguage.Format(budget.Count == 1 ? "Report.TooManyAmounts1" : "Report.TooManyAmounts", budget.Count, Input.Lines.Count));
        return budget.Select((line, i) => (line.Id, Spent: ReadAmount($"Input.Lines[{i}]", i < Input.Lines.Count ? Input.Lines[i] : null, SpentLabel(line))))
            .ToDictionary(p => p.Id, p => p.Spent);
    }

    /// <summary>Why no report can be sent now (one waits for review, or was accepted): said instead of offering the form.</summary>
    internal string? NotNow { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        NotNow = Application.FinalReportProblem();
        await FillAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        return await SaveDraftAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ApplicationAccess.ActsForApplicant(Application, User)) return Forbid();
        var narrative = ReadNarrative();
        byte[]? content = null;
        if (Input.File is { } file)
        {
            // Reading the upload (its kind, size and content) is the form's part; what the report must say is the domain's.
            (content, var unreadable) = await UploadedDocuments.ReadAsync(file, GrantReport.MaxBytes, ct);
            if (unreadable is not null) ModelState.AddModelError("Input.File", unreadable);
        }
        byte[]? receipts = null;
        if (Input.Receipts is { } scan)
        {
            (receipts, var unreadable) = await UploadedDocuments.ReadAsync(scan, GrantReport.ReceiptsMaxBytes, FileSignatures.ScanKinds, ct);
            if (unreadable is not null) ModelState.AddModelError("Input.Receipts", unreadable);
        }
        var submission = new FinalReportSubmission(Input.File?.FileName, Input.File?.ContentType, content, Spending(),
            Input.Receipts?.FileName, Input.Receipts?.ContentType, receipts, narrative);
        if (!ModelState.IsValid) return await ShowAgainAsync(submission.Problems(Application.BudgetLines, Application.Results), ct);
        var outcome = await reports.SubmitAsync(Application, User, submission, ct);
        return outcome.Succeeded ? Done(InterfaceLanguage.Text("Report.FinalReceived")) : await RefusedHereAsync(outcome, id, ct);
    }
}
