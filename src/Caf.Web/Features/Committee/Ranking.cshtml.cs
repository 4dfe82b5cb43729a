using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
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
/// the envelope: the funding line. A committee member sees an application's mean only once they have scored it (or are
/// recused), as on its own page.
/// </summary>
[Authorize(Roles = CafRoles.CommitteeChair + "," + CafRoles.CommitteeMember + "," + CafRoles.IsuOfficer + "," + CafRoles.Auditor)]
public sealed class RankingModel(CafDbContext db, TimeProvider clock, IOptions<GrantRulesOptions> rules, WorkflowEngine engine) : PageModel
{
    private static readonly string[] CommitteeStages = ["CommitteeReview", "Approved", "Rejected", "Active", "Reporting", "FinalReconciliation", "Closed"];

    public sealed record Row(RankedApplication Ranked, string Stage, bool Hidden, bool Spread);

    internal FundingRound? Round { get; private set; }
    internal IReadOnlyList<FundingRound> Rounds { get; private set; } = [];
    internal IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? round, CancellationToken ct) =>
        await LoadAsync(round, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid? round, CancellationToken ct)
    {
        if (!await LoadAsync(round, ct)) return NotFound();
        using var workbook = BuildWorkbook();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        db.AuditEvents.Add(new AuditEvent("ranking.exported", nameof(FundingRound), Round!.Id.ToString(), null));
        await db.SaveChangesAsync(ct);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"committee-ranking-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.xlsx");
    }

    private async Task<bool> LoadAsync(Guid? roundId, CancellationToken ct)
    {
        Rounds = await db.Rounds.AsNoTracking().Where(r => r.Status != RoundStatus.Draft).OrderByDescending(r => r.OpensAtUtc).ToListAsync(ct);
        Round = roundId is { } id ? Rounds.FirstOrDefault(r => r.Id == id) : Rounds.FirstOrDefault();
        if (Round is null) return roundId is null;
        // Only what the ranking needs: not the whole graph, whose reports carry their files.
        var applications = await db.Applications.AsNoTracking().AsSplitQuery()
            .Include(a => a.Round).Include(a => a.Workflow).Include(a => a.Partners).Include(a => a.BudgetLines)
            .Include(a => a.Scores).Include(a => a.Conflicts).Include(a => a.GenderReview)
            .Where(a => a.RoundId == Round.Id && CommitteeStages.Contains(a.Workflow!.Stage)).ToListAsync(ct);
        var rubric = await db.ScoringRubrics.GetAsync(Round.RubricVersion, ct);
        var summaries = applications.ToDictionary(a => a.Id, a => CommitteeScoreSummary.For(a, rubric, rules.Value.ScoreSpreadThreshold));
        var hidden = applications.ToDictionary(a => a.Id, a => !CommitteeScoreVisibility.SeesScores(User, a));
        var ranked = RoundRanking.Rank(applications.Select(a => (a.Id, a.Reference ?? "", a.Title,
            hidden[a.Id] ? null : summaries[a.Id].WeightedMean, (a.ApprovedAmount ?? a.RequestedAmount).Amount, a.GenderReview?.Marker)),
            Round.Envelope.Amount);
        // The stage as people read it ("Committee review"), as on the application's own page, not its identifier.
        var stages = applications.ToDictionary(a => a.Id, a => engine.DefinitionOf(a.Workflow!).Stage(a.Stage).Label.En);
        Rows = ranked.Select(r => new Row(r, stages[r.Id], hidden[r.Id], !hidden[r.Id] && summaries[r.Id].Spread)).ToList();
        return true;
    }

    private XLWorkbook BuildWorkbook()
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Ranking");
        var money = $"[${Round!.Currency}] #,##0.00";
        sheet.Cell(1, 1).Value = $"Committee ranking — {Round.Title}";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = "Envelope";
        sheet.Cell(2, 2).Value = Round.Envelope.Amount;
        sheet.Cell(2, 2).Style.NumberFormat.Format = money;
        sheet.Cell(2, 3).Value = $"As of {clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        string[] columns = ["Rank", "Reference", "Title", "Stage", "Weighted mean", "Requested or approved", "Gender marker", "Cumulative", "Within the envelope"];
        const int header = 4;
        for (var c = 0; c < columns.Length; c++) sheet.Cell(header, c + 1).Value = columns[c];
        sheet.Range(header, 1, header, columns.Length).Style.Font.Bold = true;
        for (var i = 0; i < Rows.Count; i++)
        {
            var (r, row) = (Rows[i].Ranked, header + 1 + i);
            sheet.Cell(row, 1).Value = i + 1;
            sheet.Cell(row, 2).Value = r.Reference;
            sheet.Cell(row, 3).Value = r.Title;
            sheet.Cell(row, 4).Value = Rows[i].Stage;
            if (r.WeightedMean is { } mean) sheet.Cell(row, 5).Value = mean;
            sheet.Cell(row, 6).Value = r.Requested;
            if (r.GenderMarker is { } marker) sheet.Cell(row, 7).Value = marker;
            sheet.Cell(row, 8).FormulaA1 = i == 0 ? $"F{row}" : $"H{row - 1}+F{row}";
            sheet.Cell(row, 9).FormulaA1 = $"IF(H{row}<=$B$2,\"yes\",\"no\")";
        }
        var last = header + Rows.Count;
        sheet.Range(header + 1, 6, Math.Max(last, header + 1), 6).Style.NumberFormat.Format = money;
        sheet.Range(header + 1, 8, Math.Max(last, header + 1), 8).Style.NumberFormat.Format = money;
        sheet.Range(header + 1, 5, Math.Max(last, header + 1), 5).Style.NumberFormat.Format = "0.00";
        sheet.SheetView.FreezeRows(header);
        sheet.Range(header, 1, Math.Max(last, header), columns.Length).SetAutoFilter();
        double[] widths = [6, 15, 50, 18, 14, 20, 13, 18, 18];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        return workbook;
    }
}
