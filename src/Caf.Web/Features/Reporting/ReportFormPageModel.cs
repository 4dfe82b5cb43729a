using Caf.Data;
using Caf.Data.Reporting;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// What the grantee's report forms share (the final report's, an interim report's): the narrative read from the form,
/// filled from the draft saved last or else from the version the ISU returned, saved as a draft, and refusals shown at
/// the narrative's own fields.
/// </summary>
public abstract class ReportFormPageModel : ApplicationPageModel
{
    private readonly CafDbContext _db;
    private readonly ReportDrafts _drafts;

    private protected ReportFormPageModel(ApplicationAccess access, WorkflowEngine engine, CafDbContext db, ReportDrafts drafts) : base(access, engine)
    {
        _db = db;
        _drafts = drafts;
    }

    /// <summary>The interim report's number; null for the final report.</summary>
    private protected abstract int? Interim { get; }

    /// <summary>The narrative as typed on this page's form.</summary>
    private protected abstract NarrativeInput Narrative { get; set; }

    internal NarrativeFields Fields => new(Narrative, [.. Application.Results.OrderBy(r => r.Position)]);
    internal DateTime? DraftSavedAtUtc { get; private set; }

    /// <summary>Fills the form with the draft saved last, else the version the ISU returned, else nothing.</summary>
    private protected async Task FillAsync(CancellationToken ct)
    {
        var draft = await ReportDrafts.FindAsync(_db, Application.Id, Interim, ct);
        DraftSavedAtUtc = draft?.SavedAtUtc;
        var start = draft?.Narrative ?? (Application.ReportVersions(Interim) is [.., var last] ? last.Narrative : null);
        Narrative = start is null ? new NarrativeInput() : NarrativeInput.From(start, Application.Results);
    }

    /// <summary>The narrative typed; answers sent after a gap (a form the page never makes) are refused rather than dropped.</summary>
    private protected ReportNarrative ReadNarrative()
    {
        RefusesRowsAfterGap("Input.Narrative.Achieved", Narrative.Achieved.Count, InterfaceLanguage.Text("Report.AnswersOutOfOrder"));
        return Narrative.Read(Application.Results, ModelState, "Input.Narrative");
    }

    /// <summary>Saves the narrative as typed, however incomplete, and shows the page again with a word that it is saved.</summary>
    private protected async Task<IActionResult> SaveDraftAsync(Guid id, CancellationToken ct)
    {
        var narrative = ReadNarrative();
        if (!ModelState.IsValid) return await ShowAgainAsync(narrative.DraftProblems(), ct);
        var outcome = await _drafts.SaveAsync(Application, User, Interim, narrative, ct);
        if (!outcome.Succeeded) return await RefusedHereAsync(outcome, id, ct);
        TempData["Message"] = InterfaceLanguage.Text("Report.DraftSavedMessage");
        return Interim is { } number ? RedirectToPage(new { id, number }) : RedirectToPage(new { id });
    }

    /// <summary>The form again as a 400, with <paramref name="problems"/> at the narrative's fields and at the page's own.</summary>
    private protected async Task<IActionResult> ShowAgainAsync(IEnumerable<(string Field, string Message)> problems, CancellationToken ct)
    {
        ShowProblems(problems.Select(p => (InputKey(p.Field), p.Message)));
        DraftSavedAtUtc = (await ReportDrafts.FindAsync(_db, Application.Id, Interim, ct))?.SavedAtUtc;
        return Invalid();
    }

    private protected async Task<IActionResult> RefusedHereAsync(CommandOutcome outcome, Guid id, CancellationToken ct)
    {
        var shown = new CommandOutcome(outcome.StatusCode, [.. outcome.Errors.Select(e => (e.Field is null ? null : InputKey(e.Field), e.Message))]);
        var page = await RefusedAsync(shown, id, ct);
        DraftSavedAtUtc = (await ReportDrafts.FindAsync(_db, Application.Id, Interim, ct))?.SavedAtUtc;
        return page;
    }

    /// <summary>The narrative's fields are the form's Narrative.*; the page's own (File, Lines[i], Receipts) keep their names.</summary>
    private static string InputKey(string field) =>
        field is "File" or "Receipts" or "Lines" || field.StartsWith("Lines[", StringComparison.Ordinal) ? field : NarrativeInput.KeyOf(field);
}
