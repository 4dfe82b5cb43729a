using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using Caf.Web.Features.Shared;
using Caf.Web.Infrastructure;

namespace Caf.Web.Features.Dashboard;

public sealed record StageCount(string Stage, string Label, int Count);
public sealed record OverdueReport(Guid Id, string Reference, string State, string Report, DateOnly Due);
public sealed record RecentMove(Guid ApplicationId, string? Reference, string From, string To, string By, DateTime AtUtc);
public sealed record RoundChoice(Guid Id, string Title);
public sealed record IsuDashboard(Guid? RoundId, string? RoundTitle, IReadOnlyList<RoundChoice> Rounds, IReadOnlyList<StageCount> ByStage, RowCount TasksOpen,
    RowCount TasksOverdue, IReadOnlyList<OverdueReport> ReportsOverdue, IReadOnlyList<RecentMove> Recent);

public sealed record MonthBalance(DateOnly MonthEnd, decimal Cash);
public sealed record PendingApproval(Guid ApplicationId, string Reference, int Tranche, Money Amount, DateTime RequestedAtUtc);
public sealed record FinanceDashboard(string Currency, IReadOnlyList<MonthBalance> Balance, decimal Committed, decimal Disbursed, decimal OpenCommitments,
    IReadOnlyList<PendingApproval> AwaitingMe, int UnreconciledLines);

public sealed record ScoringRow(Guid Id, string Reference, string Title, bool ScoredByMe, bool Recused, int Scores);
public sealed record CommitteeDashboard(string? RoundTitle, IReadOnlyList<ScoringRow> Applications, int Quorum)
{
    public int ToScore => Applications.Count(a => !a.ScoredByMe && !a.Recused);
    public int ScoredByMe => Applications.Count(a => a.ScoredByMe);
    public int WithQuorum => Applications.Count(a => a.Scores >= Quorum);
}

public sealed record ApplicantRow(Guid Id, string? Reference, string Title, string Stage, string? Expected, DateTime? ByUtc);

/// <summary>
/// What each role sees first (issue 14): the ISU, where the round's applications stand and what is late; the committee,
/// what it has to score; finance, the fund's money and what waits for it; an applicant, their applications and what is
/// expected of them by when. Each figure is one SQL aggregate or one short list, never a pass over every row in memory.
/// </summary>
public sealed class Dashboards(CafDbContext db, WorkflowRegistry workflows, TimeProvider clock, IOptions<GrantRulesOptions> rules,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text) : IUseCase
{
    public const int RecentShown = 10;

    private WorkflowDefinition Workflow => workflows.Latest(WorkflowServices.GrantWorkflowId);

    public async Task<IsuDashboard> IsuAsync(Guid? roundId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The rounds, newest first, for the choice; the one asked for, else the newest.
        var rounds = await db.Rounds.AsNoTracking().OrderByDescending(r => r.OpensAtUtc).Select(r => new RoundChoice(r.Id, r.Title)).ToListAsync(ct);
        var round = rounds.FirstOrDefault(r => roundId == null || r.Id == roundId);
        var counts = round is null ? [] : await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id)
            .GroupBy(a => a.ListedStage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync(ct);
        var byStage = Workflow.Stages.Select(s => new StageCount(s.Id, s.Label.Current, counts.FirstOrDefault(c => c.Stage == s.Id)?.Count ?? 0))
            .Where(s => s.Count > 0).ToList();
        var tasks = db.WorkflowTasks.AsNoTracking().Where(t => t.ClosedAtUtc == null && t.Role == CafRoles.IsuOfficer);
        var today = FundTime.Today(clock);
        // Each grant's final reports are due its own days after the activities end (its round's template): the grants in
        // reporting whose activities ended and whose report is not sent are few, and their due dates are checked here.
        var awaited = await db.Applications.AsNoTracking()
            .AtStage(GrantStages.Reporting).Where(a => a.Reference != null && a.ActivityEnd < today
                        // A report sent and awaiting review is the ISU's to read, not the grantee's to send.
                        && !a.Reports.Any(r => r.InterimNumber == null && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted)))
            .Select(a => new { a.Id, a.Reference, State = a.ApplicantState!.Name, a.ActivityEnd, a.FinalReportDays, a.FinalReportExtendedTo }).ToListAsync(ct);
        var late = awaited.Select(a => new OverdueReport(a.Id, a.Reference!, a.State, InterfaceLanguage.Text("Details.FinalReport"),
                GrantApplication.FinalReportDue(a.ActivityEnd, a.FinalReportDays, a.FinalReportExtendedTo)!.Value))
            .Where(r => r.Due < today).ToList();
        // Interim reports past their day and not sent, of grants still running (a join, which every provider can run).
        var interim = await db.Set<InterimReportDue>().AsNoTracking()
            .Where(d => d.DueOn < today && !db.Reports.Any(r => r.ApplicationId == d.ApplicationId && r.InterimNumber == d.Number
                                                                 && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted)))
            .Join(db.Applications.AtStage(GrantStages.Active, GrantStages.Reporting).Where(a => a.Reference != null),
                d => d.ApplicationId, a => a.Id, (d, a) => new { a.Id, a.Reference, State = a.ApplicantState!.Name, d.Number, d.DueOn })
            .ToListAsync(ct);
        late.AddRange(interim.Select(d => new OverdueReport(d.Id, d.Reference!, d.State, InterfaceLanguage.Format("Details.InterimReportN", d.Number), d.DueOn)));
        var recent = await db.WorkflowTransitions.AsNoTracking().OrderByDescending(t => t.AtUtc).Take(RecentShown)
            .Join(db.Applications, t => t.InstanceId, a => a.WorkflowInstanceId,
                (t, a) => new { a.Id, a.Reference, t.FromStage, t.ToStage, t.UserName, t.AtUtc })
            .ToListAsync(ct);
        return new IsuDashboard(round?.Id, round?.Title, rounds, byStage, await tasks.CountUpToAsync(ListPage.CountedUpTo, ct),
            await tasks.Where(t => t.DueAtUtc < now).CountUpToAsync(ListPage.CountedUpTo, ct),
            [.. late.OrderBy(r => r.Due).ThenBy(r => r.Reference, StringComparer.Ordinal)],
            [.. recent.OrderByDescending(r => r.AtUtc).Select(r => new RecentMove(r.Id, r.Reference, Workflow.StageLabel(r.FromStage, language: InterfaceLanguage.Current), Workflow.StageLabel(r.ToStage, language: InterfaceLanguage.Current), r.UserName, r.AtUtc))]);
    }

    /// <summary>The fund's cash at the end of each of the last twelve months (the current one as of today), in fund currency.</summary>
    public async Task<FinanceDashboard> FinanceAsync(ClaimsPrincipal finance, CancellationToken ct)
    {
        var currency = rules.Value.FundCurrency;
        var today = FundTime.Today(clock);
        // From the sums kept by month and by day (ADR 0041): whole months, and this month's days up to today — a few
        // rows a month of history, not every entry ever booked.
        var sums = (await db.LedgerPeriodSums.AsNoTracking().Covering(null, today).Where(s => s.FundCurrency == currency)
                .Select(s => new { s.Start, s.Kind, s.Reversal, s.FundAmount }).ToListAsync(ct))
            .GroupBy(s => new { s.Start.Year, s.Start.Month, s.Kind, s.Reversal })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Kind, g.Key.Reversal, Total = g.Sum(s => s.FundAmount) })
            .ToList();
        decimal Net(LedgerEntryKind kind) => sums.Where(s => s.Kind == kind).Sum(s => s.Reversal ? -s.Total : s.Total);
        var months = Enumerable.Range(0, 12).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(-11 + i)).ToList();
        var balance = months.Select(m =>
        {
            var end = m.AddMonths(1).AddDays(-1);
            var cash = sums.Where(s => new DateOnly(s.Year, s.Month, 1) <= m)
                .Sum(s => (s.Reversal ? -1 : 1) * LedgerEntry.CashEffectOf(s.Kind, s.Total));
            return new MonthBalance(end > today ? today : end, cash);
        }).ToList();
        var open = sums.Sum(s => (s.Reversal ? -1 : 1) * LedgerEntry.CommitmentEffectOf(s.Kind, s.Total));
        var me = finance.FindFirstValue(ClaimTypes.NameIdentifier);
        var awaiting = await db.DisbursementRequests.AsNoTracking()
            .Where(r => r.Status == DisbursementStatus.Requested && r.RequestedByUserId != me)
            .Join(db.Applications, r => r.ApplicationId, a => a.Id, (r, a) => new { a.Id, a.Reference, r.TrancheNumber, r.Amount, r.RequestedAtUtc })
            .OrderBy(r => r.RequestedAtUtc).ToListAsync(ct);
        var unreconciled = await db.StatementEntries.AsNoTracking().CountAsync(e => !db.StatementMatches.Any(m => m.StatementEntryId == e.Id && m.Confirmed), ct);
        return new FinanceDashboard(currency, balance, Net(LedgerEntryKind.Commitment), Net(LedgerEntryKind.Disbursement), open,
            [.. awaiting.Select(r => new PendingApproval(r.Id, r.Reference ?? "", r.TrancheNumber, r.Amount, r.RequestedAtUtc))], unreconciled);
    }

    /// <summary>
    /// The applications before the committee in its latest round that has any (a meeting decides one round): whether this
    /// member scored each, is recused, and how many scored.
    /// </summary>
    public async Task<CommitteeDashboard> CommitteeAsync(ClaimsPrincipal member, CancellationToken ct)
    {
        var me = member.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var state = member.StatePartyId();
        var round = await db.Rounds.AsNoTracking()
            .Where(r => db.Applications.AtStage(GrantStages.CommitteeReview).Any(a => a.RoundId == r.Id))
            .OrderByDescending(r => r.OpensAtUtc).Select(r => new { r.Id, r.Title }).FirstOrDefaultAsync(ct);
        if (round is null) return new CommitteeDashboard(null, [], rules.Value.CommitteeQuorum);
        var rows = await db.Applications.AsNoTracking().AtStage(GrantStages.CommitteeReview).Where(a => a.RoundId == round.Id)
            .OrderBy(a => a.Reference)
            .Select(a => new
            {
                a.Id, a.Reference, a.Title, a.ApplicantStateId, Partners = a.Partners.Select(p => p.StatePartyId).ToList(),
                // As the quorum counts them: a member who declared a conflict on it does not count, and is recused.
                Scores = db.CommitteeScores.Count(s => s.ApplicationId == a.Id
                                                       && !db.ConflictDeclarations.Any(c => c.ApplicationId == a.Id && c.MemberUserId == s.MemberUserId)),
                Mine = db.CommitteeScores.Any(s => s.ApplicationId == a.Id && s.MemberUserId == me),
                Conflict = db.ConflictDeclarations.Any(c => c.ApplicationId == a.Id && c.MemberUserId == me),
            }).ToListAsync(ct);
        return new CommitteeDashboard(round.Title,
            [.. rows.Select(a => new ScoringRow(a.Id, a.Reference ?? "", a.Title, a.Mine, a.Conflict || GrantApplication.IsRecusedByState(state, a.ApplicantStateId, a.Partners), a.Scores))],
            rules.Value.CommitteeQuorum);
    }

    /// <summary>The applicant state's applications, newest first, each with its stage in plain words and what is expected next.</summary>
    public async Task<IReadOnlyList<ApplicantRow>> ApplicantAsync(ClaimsPrincipal applicant, CancellationToken ct)
    {
        if (applicant.StatePartyId() is not { } state) return [];
        var apps = await db.Applications.AsNoTracking().Where(a => a.ApplicantStateId == state)
            .OrderByDescending(a => a.CreatedAtUtc).Take(50)
            .Select(a => new
            {
                a.Id, a.Reference, a.Title, a.Workflow!.Stage, a.Workflow.DefinitionId, a.Workflow.DefinitionVersion, a.ActivityEnd, a.FinalReportDays, a.FinalReportExtendedTo,
                Sent = a.Reports.Any(r => r.InterimNumber == null && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted)),
                // The first interim report not yet sent (none awaiting review or accepted), as reminders chase it.
                // Two scalar subqueries rather than one row (which SQLite cannot join in).
                InterimNumber = a.InterimReportsDue.Where(d => !a.Reports.Any(r => r.InterimNumber == d.Number && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted)))
                    .OrderBy(d => d.Number).Select(d => (int?)d.Number).FirstOrDefault(),
                InterimDue = a.InterimReportsDue.Where(d => !a.Reports.Any(r => r.InterimNumber == d.Number && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted)))
                    .OrderBy(d => d.Number).Select(d => (DateOnly?)d.DueOn).FirstOrDefault(),
                Task = db.WorkflowTasks.Where(t => t.SubjectId == a.Id && t.ClosedAtUtc == null && t.Role == CafRoles.Applicant)
                    .OrderBy(t => t.DueAtUtc).Select(t => new { t.TaskId, t.Title, t.DueAtUtc }).FirstOrDefault(),
            }).ToListAsync(ct);
        return [.. apps.Select(a =>
        {
            var workflow = workflows.Get(a.DefinitionId, a.DefinitionVersion);
            var label = workflow.StageLabel(a.Stage, forApplicant: true, InterfaceLanguage.Current);
            if (a.Stage == GrantStages.Reporting && a.Sent) return new ApplicantRow(a.Id, a.Reference, a.Title, label, text["Dashboard.ReportWithIsu"], null);
            if (a.Task is { } task)
                return new ApplicantRow(a.Id, a.Reference, a.Title, label, workflow.TaskTitle(task.TaskId, task.Title), task.DueAtUtc);
            if (a.Stage == GrantStages.Active && a.InterimNumber is { } next && a.InterimDue is { } nextDue)
                return new ApplicantRow(a.Id, a.Reference, a.Title, label, text["Dashboard.SendInterimReport", next], FundTime.EndOfDay(nextDue));
            if (a.Stage is GrantStages.Active or GrantStages.Reporting && GrantApplication.FinalReportDue(a.ActivityEnd, a.FinalReportDays, a.FinalReportExtendedTo) is { } due)
                return new ApplicantRow(a.Id, a.Reference, a.Title, label, text["Dashboard.SendFinalReport"], FundTime.EndOfDay(due));
            return new ApplicantRow(a.Id, a.Reference, a.Title, label, null, null);
        })];
    }
}
