using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Web.Features.Applications;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Committee;

/// <summary>
/// A round's applications before the committee, best weighted mean first, with the running total of requests against
/// the envelope: the funding line. Rejected applications are listed after, outside the running total (RoundRanking). A committee member sees an application's mean only once they have scored it (or are
/// recused), as on its own page. The workbook adds the scores behind the means and each criterion's mean, under the same rule.
/// </summary>
[Authorize(Roles = CafRoles.CommitteeChair + "," + CafRoles.CommitteeMember + "," + CafRoles.IsuOfficer + "," + CafRoles.Auditor)]
public sealed class RankingModel(CafDbContext db, TimeProvider clock, IOptions<GrantRulesOptions> rules, WorkflowEngine engine,
    RecordedReads reads) : PageModel
{
    public sealed record Row(RankedApplication Ranked, string Stage, bool Hidden, bool Spread);

    internal FundingRound? Round { get; private set; }
    internal IReadOnlyList<FundingRound> Rounds { get; private set; } = [];
    internal IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The applications whose scores this user may see, in ranking order, with what their scores add up to.</summary>
    private IReadOnlyList<Seen> _seen = [];
    private ScoringRubric? _rubric;

    /// <summary>What the workbook's score sheets need of an application whose scores this user may see.</summary>
    private sealed record Seen(string? Reference, string Title, IReadOnlyList<CommitteeScore> Scores, IReadOnlySet<string> Conflicts,
        ApplicationAggregate Summary)
    {
        public bool DeclaredConflict(string memberUserId) => Conflicts.Contains(memberUserId);
    }

    /// <summary>The columns the ranking reads of one application, instead of the application.</summary>
    private sealed record Source(Guid Id, string? Reference, string Title, Guid ApplicantStateId, string Stage, string DefinitionId,
        int DefinitionVersion, string Currency, decimal? ApprovedAmountValue, DateTime? DecidedAtUtc, int? GenderMarker);

    public async Task<IActionResult> OnGetAsync(Guid? round, CancellationToken ct) =>
        await LoadAsync(round, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid? round, CancellationToken ct)
    {
        if (!await LoadAsync(round, ct)) return NotFound();
        using var workbook = BuildWorkbook();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await reads.RecordAsync("ranking.exported", nameof(FundingRound), Round!.Id.ToString(), null, ct);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"committee-ranking-{FundTime.Today(clock):yyyy-MM-dd}.xlsx");
    }

    private async Task<bool> LoadAsync(Guid? roundId, CancellationToken ct)
    {
        Rounds = await db.Rounds.AsNoTracking().Where(RoundRanking.IsRanked).OrderByDescending(r => r.OpensAtUtc).ToListAsync(ct);
        Round = roundId is { } id ? Rounds.FirstOrDefault(r => r.Id == id) : Rounds.Count > 0 ? Rounds[0] : null;
        if (Round is null) return roundId is null;
        // The columns, scores, budget lines and conflicts the ranking shows, read on their own: never an application's graph.
        var inRound = db.Applications.AsNoTracking().ListedIn(Round.Id);
        var applications = await inRound.Select(a => new Source(a.Id, a.Reference, a.Title, a.ApplicantStateId, a.Workflow!.Stage,
            a.Workflow.DefinitionId, a.Workflow.DefinitionVersion, a.Currency, a.ApprovedAmountValue, a.DecidedAtUtc,
            a.GenderReview != null ? a.GenderReview.Marker : null)).ToListAsync(ct);
        var lines = (await inRound.SelectMany(a => a.BudgetLines).ToListAsync(ct)).ToLookup(l => l.ApplicationId);
        var scores = (await inRound.SelectMany(a => a.Scores).ToListAsync(ct)).ToLookup(s => s.ApplicationId);
        var conflicts = (await inRound.SelectMany(a => a.Conflicts).Select(c => new { c.ApplicationId, c.MemberUserId }).ToListAsync(ct))
            .ToLookup(c => c.ApplicationId, c => c.MemberUserId);
        // Partners matter only to whom recusal by state can hide the scores.
        var partners = CommitteeScoreVisibility.SeesEveryScore(User)
            ? Enumerable.Empty<Guid>().ToLookup(_ => Guid.Empty)
            : (await inRound.SelectMany(a => a.Partners).Select(p => new { p.ApplicationId, p.StatePartyId }).ToListAsync(ct))
                .ToLookup(p => p.ApplicationId, p => p.StatePartyId);
        var rubric = await db.ScoringRubrics.GetAsync(Round.RubricVersion, ct);
        var me = ApplicationAccess.ActorFor(User).UserId;
        var myState = User.StatePartyId();
        var summaries = applications.ToDictionary(a => a.Id, a => CommitteeScoreSummary.For(a.Reference, scores[a.Id].ToList(),
            member => conflicts[a.Id].Contains(member), rubric, rules.Value.ScoreSpreadThreshold));
        var hidden = applications.ToDictionary(a => a.Id, a => !CommitteeScoreVisibility.SeesScores(User,
            () => GrantApplication.IsRecusedByState(myState, a.ApplicantStateId, partners[a.Id]) || conflicts[a.Id].Contains(me),
            GrantApplication.HasDecided(a.DecidedAtUtc, a.Stage), member => scores[a.Id].Any(s => s.MemberUserId == member)));
        var ranked = RoundRanking.Rank(applications.Select(a => (a.Id, a.Reference ?? "", a.Title,
            hidden[a.Id] ? null : summaries[a.Id].WeightedMean,
            RoundRanking.Claim(a.ApprovedAmountValue, lines[a.Id], a.Currency), a.GenderMarker,
            RoundRanking.ClaimsEnvelope(a.Stage))),
            Round.Envelope.Amount);
        // The stage as people read it ("Committee review"), as on the application's own page, not its identifier.
        var stages = applications.ToDictionary(a => a.Id, a => StageLabels.For(engine.Registry.Get(a.DefinitionId, a.DefinitionVersion), a.Stage, User));
        Rows = ranked.Select(r => new Row(r, stages[r.Id], hidden[r.Id], !hidden[r.Id] && summaries[r.Id].Spread)).ToList();
        var byId = applications.ToDictionary(a => a.Id);
        _seen = ranked.Where(r => !hidden[r.Id]).Select(r => new Seen(byId[r.Id].Reference, byId[r.Id].Title, scores[r.Id].ToList(),
            conflicts[r.Id].ToHashSet(), summaries[r.Id])).ToList();
        _rubric = rubric;
        return true;
    }

    private XLWorkbook BuildWorkbook()
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(InterfaceLanguage.Text("Ranking.Sheet"));
        var money = $"[${Round!.Currency}] #,##0.00";
        sheet.Cell(1, 1).Value = InterfaceLanguage.Format("Ranking.SheetTitle", Round.Title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = InterfaceLanguage.Text("Ranking.EnvelopeCell");
        sheet.Cell(2, 2).Value = Round.Envelope.Amount;
        sheet.Cell(2, 2).Style.NumberFormat.Format = money;
        sheet.Cell(2, 3).Value = InterfaceLanguage.Format("Ranking.AsOf", Now);
        string[] columns = [.. RankingColumnKeys.Select(InterfaceLanguage.Text)];
        const int header = 4;
        for (var c = 0; c < columns.Length; c++) sheet.Cell(header, c + 1).Value = columns[c];
        sheet.Range(header, 1, header, columns.Length).Style.Font.Bold = true;
        for (var i = 0; i < Rows.Count; i++)
        {
            var (r, row) = (Rows[i].Ranked, header + 1 + i);
            sheet.Cell(row, 1).Value = i + 1;
            // Typed text stays text: a title such as "2026-01-01" or "TRUE" is not turned into a date or a boolean, nor "=…" into a formula.
            WorkbookText.Write(sheet.Cell(row, 2), r.Reference);
            WorkbookText.Write(sheet.Cell(row, 3), r.Title);
            WorkbookText.Write(sheet.Cell(row, 4), Rows[i].Stage);
            if (r.WeightedMean is { } mean) sheet.Cell(row, 5).Value = mean;
            sheet.Cell(row, 6).Value = r.Requested;
            if (r.GenderMarker is { } marker) sheet.Cell(row, 7).Value = marker;
            // As on the page: a rejected (or withdrawn, ineligible) application adds nothing to the running total.
            // SUM of one cell, not a bare reference, so that the cell holds a number for every reader (ClosedXML's too).
            sheet.Cell(row, 8).FormulaA1 = (r.Counts, i == 0) switch
            {
                (true, true) => $"SUM(F{row})",
                (true, false) => $"H{row - 1}+F{row}",
                (false, true) => "0",
                (false, false) => $"SUM(H{row - 1})",
            };
            if (r.Counts) sheet.Cell(row, 9).FormulaA1 = $"IF(H{row}<=$B$2,\"{Yes}\",\"{No}\")";
            else sheet.Cell(row, 9).Value = InterfaceLanguage.Text("Ranking.NotCounted");
        }
        var last = header + Rows.Count;
        sheet.Range(header + 1, 6, Math.Max(last, header + 1), 6).Style.NumberFormat.Format = money;
        sheet.Range(header + 1, 8, Math.Max(last, header + 1), 8).Style.NumberFormat.Format = money;
        sheet.Range(header + 1, 5, Math.Max(last, header + 1), 5).Style.NumberFormat.Format = "0.00";
        sheet.SheetView.FreezeRows(header);
        sheet.Range(header, 1, Math.Max(last, header), columns.Length).SetAutoFilter();
        double[] widths = [6, 15, 50, 18, 14, 20, 13, 18, 18];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        var lastScore = AddScoresSheet(workbook);
        AddCriteriaSheet(workbook, lastScore);
        return workbook;
    }

    private const int ScoreHeader = 4;

    /// <summary>The ranking sheet's column headers, in the page's language.</summary>
    private static readonly string[] RankingColumnKeys =
    [
        "Ranking.Rank", "Minutes.Reference", "Minutes.ApplicationTitle", "Ranking.Stage", "Ranking.WeightedMean", "Ranking.RequestedOrApproved",
        "Ranking.GenderMarker", "Ranking.Cumulative", "Ranking.WithinEnvelope",
    ];

    /// <summary>The words of the workbook, in the page's language: a recused member, and whether a claim fits the envelope.</summary>
    private static string Yes => InterfaceLanguage.Text("Ranking.Yes");

    private static string No => InterfaceLanguage.Text("Ranking.No");

    /// <summary>One word in each language, so that formulas name it without quotes.</summary>
    private static string ScoresSheet => InterfaceLanguage.Text("Ranking.ScoresSheet");

    private string Now => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The scoring sheet: every member's score on every criterion of the applications this user may see scores of
    /// (the others are left out, as their means are on the ranking). Not applicable stays an empty cell, never a zero.
    /// Returns the last row written.
    /// </summary>
    private int AddScoresSheet(XLWorkbook workbook)
    {
        var sheet = StartSheet(workbook, ScoresSheet, InterfaceLanguage.Format("Ranking.ScoresTitle", Round!.Title),
            ["Minutes.Reference", "Minutes.ApplicationTitle", "Ranking.Member", "Ranking.Recused", "Ranking.Revision", "Ranking.SubmittedUtc", "Rubric.Criterion", "Rubric.Weight", "Ranking.Score", "Ranking.Comment"]);
        var row = ScoreHeader;
        var items = _rubric!.Items;
        foreach (var application in _seen)
            foreach (var score in application.Scores.OrderBy(s => s.MemberName, StringComparer.Ordinal).ThenBy(s => s.MemberUserId, StringComparer.Ordinal))
            {
                // As in the aggregates: a declared conflict leaves the member's score out.
                var recused = application.DeclaredConflict(score.MemberUserId);
                var given = score.Criteria;
                foreach (var item in items)
                {
                    if (given.FirstOrDefault(c => c.Code == item.Code) is not { } criterion) continue;
                    row++;
                    WorkbookText.Write(sheet.Cell(row, 1), application.Reference ?? "");
                    WorkbookText.Write(sheet.Cell(row, 2), application.Title);
                    WorkbookText.Write(sheet.Cell(row, 3), score.MemberName);
                    WorkbookText.Write(sheet.Cell(row, 4), recused ? Yes : No);
                    sheet.Cell(row, 5).Value = score.Revision;
                    sheet.Cell(row, 6).Value = score.SubmittedAtUtc;
                    WorkbookText.Write(sheet.Cell(row, 7), ScoringRubrics.NameOf(item));
                    sheet.Cell(row, 8).Value = item.Weight;
                    if (criterion.Score is { } value) sheet.Cell(row, 9).Value = value;
                    if (criterion.Comment is { } comment) WorkbookText.Write(sheet.Cell(row, 10), comment);
                }
            }
        sheet.Range(ScoreHeader + 1, 6, Math.Max(row, ScoreHeader + 1), 6).Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
        sheet.Range(ScoreHeader + 1, 9, Math.Max(row, ScoreHeader + 1), 9).Style.NumberFormat.Format = "0";
        FinishSheet(sheet, 10, row, [15, 40, 28, 9, 9, 17, 40, 8, 7, 60]);
        return row;
    }

    /// <summary>
    /// Each criterion's mean per application twice: as a formula over the Scores sheet (recused members and not
    /// applicable left out) and as the app computed it, so that an auditor can compare the two.
    /// </summary>
    private void AddCriteriaSheet(XLWorkbook workbook, int lastScore)
    {
        var sheet = StartSheet(workbook, InterfaceLanguage.Text("Ranking.CriteriaSheet"), InterfaceLanguage.Format("Ranking.CriteriaTitle", Round!.Title),
            ["Minutes.Reference", "Rubric.Criterion", "Rubric.Weight", "Ranking.MeanCounting", "Ranking.MeanComputed"]);
        var row = ScoreHeader;
        var items = _rubric!.Items;
        foreach (var application in _seen)
            foreach (var item in items)
            {
                var summary = application.Summary;
                row++;
                WorkbookText.Write(sheet.Cell(row, 1), application.Reference ?? "");
                WorkbookText.Write(sheet.Cell(row, 2), ScoringRubrics.NameOf(item));
                sheet.Cell(row, 3).Value = item.Weight;
                sheet.Cell(row, 4).FormulaA1 = MeanFormula(Math.Max(lastScore, ScoreHeader + 1), row);
                if (summary.Criteria.Single(c => c.Code == item.Code).Mean is { } mean) sheet.Cell(row, 5).Value = mean;
            }
        sheet.Range(ScoreHeader + 1, 4, Math.Max(row, ScoreHeader + 1), 5).Style.NumberFormat.Format = "0.00";
        FinishSheet(sheet, 5, row, [15, 40, 8, 16, 16]);
    }

    /// <summary>
    /// The mean of the counting members' scores on this row's criterion, rounded as the app rounds, empty when nobody
    /// scored it. The name is matched literally: Excel would read * ? ~ in it as wildcards, and a leading &lt; or = as a test.
    /// </summary>
    private static string MeanFormula(int lastScore, int row)
    {
        string Column(char c) => $"{ScoresSheet}!${c}${ScoreHeader + 1}:${c}${lastScore}";
        return $"IFERROR(ROUND(AVERAGEIFS({Column('I')},{Column('A')},A{row},"
            + $"{Column('G')},\"=\"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(B{row},\"~\",\"~~\"),\"*\",\"~*\"),\"?\",\"~?\"),"
            + $"{Column('D')},\"{No}\"),2),\"\")";
    }

    private IXLWorksheet StartSheet(XLWorkbook workbook, string name, string title, string[] columns)
    {
        var sheet = workbook.Worksheets.Add(name);
        WorkbookText.Write(sheet.Cell(1, 1), title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        WorkbookText.Write(sheet.Cell(2, 1), InterfaceLanguage.Format("Ranking.AsOfRubric", Now, _rubric!.Version));
        for (var c = 0; c < columns.Length; c++) WorkbookText.Write(sheet.Cell(ScoreHeader, c + 1), InterfaceLanguage.Text(columns[c]));
        sheet.Range(ScoreHeader, 1, ScoreHeader, columns.Length).Style.Font.Bold = true;
        return sheet;
    }

    private static void FinishSheet(IXLWorksheet sheet, int columns, int last, double[] widths)
    {
        sheet.SheetView.FreezeRows(ScoreHeader);
        sheet.Range(ScoreHeader, 1, Math.Max(last, ScoreHeader), columns).SetAutoFilter();
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
    }
}
