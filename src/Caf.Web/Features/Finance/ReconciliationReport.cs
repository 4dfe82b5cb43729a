using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>A booked statement entry as the bank wrote it, with the bank's id of its statement.</summary>
public sealed record StatementLineRow(string Statement, DateOnly ValueDate, DateOnly BookingDate, string? BankReference, string? Text,
    string? Counterparty, Money Amount, bool IsCredit);

/// <summary>A statement entry settling a ledger entry: one row per match, so a statement entry split between ledger entries has several.</summary>
public sealed record BankMatchRow(StatementLineRow Line, DateOnly LedgerValueDate, LedgerEntryKind Kind, string? Grant, string? LedgerBankReference,
    Money LedgerAmount, bool Confirmed, string Reason, string? ConfirmedBy, DateTime? ConfirmedAtUtc);

/// <summary>
/// A grant at final reconciliation or closed, with the figures its settlement rests on (ADR 0024): the ledger's as of the
/// date (paid, refunded), the final report's or the accepted expenditure, and any waiver; read from the grant itself. A final
/// report that gives spending per budget line gives <paramref name="Lines"/>, each against its budget.
/// </summary>
public sealed record GrantSettlementRow(string Grant, string Title, string ApplicantState, string Stage, string Currency, Money Approved,
    Money? SpendingReported, bool SpendingFromFinalReport, Money Disbursed, Money Refunded, Money PaidNet, Money? AcceptedExpenditure,
    Money RefundWaived, string? RefundWaiverReason, DateTime? RefundWaivedAtUtc, Money RefundDue, ExpenditureVariance? Variance,
    IReadOnlyList<LineVariance> Lines)
{
    /// <summary>On the sheet Refunds due: something was, is or was waived to be given back.</summary>
    public bool HasRefund => RefundDue.Amount > 0 || Refunded.Amount > 0 || RefundWaived.Amount > 0;
}

/// <summary>What the reconciliation workbook shows as of a date, each list read by one query.</summary>
public sealed record ReconciliationFigures(DateOnly AsOf, string FundCurrency, decimal VarianceFlagPercent, IReadOnlyList<BankMatchRow> Matches,
    IReadOnlyList<StatementLineRow> UnmatchedLines, IReadOnlyList<LedgerRow> UnmatchedEntries, IReadOnlyList<GrantSettlementRow> Grants)
{
    public int Confirmed => Matches.Count(m => m.Confirmed);
    public int Proposed => Matches.Count(m => !m.Confirmed);
    public IReadOnlyList<GrantSettlementRow> Refunds => [.. Grants.Where(g => g.HasRefund)];

    public static string FileName(DateOnly asOf) => $"caf-reconciliation-{LedgerSheets.Iso(asOf)}.xlsx";
}

/// <summary>
/// The reconciliation as of a date for finance and auditors: the bank statements' entries matched to the ledger and those
/// unmatched on either side, the expenditure of the grants in settlement against their approved amounts, and the refunds
/// due; as a workbook (docs/features/finance.md, "Ledgers").
/// </summary>
public sealed class ReconciliationReport(CafDbContext db, BankStatements statements, WorkflowRegistry workflows, IOptions<GrantRulesOptions> options,
    TimeProvider clock, RecordedReads reads)
{
    internal const string ExportedAction = "reconciliation.exported";

    /// <summary>Every list as of the date (today when not given): a bounded number of queries, whatever the number of rows.</summary>
    public async Task<ReconciliationFigures> ReadAsync(DateOnly? asOf, CancellationToken ct)
    {
        var date = asOf ?? FundTime.Today(clock);
        var matches = await (
            from m in db.StatementMatches.AsNoTracking()
            join s in db.StatementEntries on m.StatementEntryId equals s.Id
            join statement in db.BankStatements on s.StatementId equals statement.Id
            join e in db.LedgerEntries on m.LedgerEntryId equals e.Id
            join u in db.Users on m.ConfirmedByUserId equals u.Id into confirmers
            from u in confirmers.DefaultIfEmpty()
            where s.ValueDate <= date && e.ValueDate <= date
            orderby s.ValueDate, statement.BankStatementId, s.Id, e.ValueDate, e.Id
            select new BankMatchRow(new StatementLineRow(statement.BankStatementId, s.ValueDate, s.BookingDate, s.Reference, s.Remittance,
                    s.Counterparty, s.Amount, s.IsCredit),
                e.ValueDate, e.Kind, e.Application!.Reference, e.BankReference, e.Amount, m.Confirmed, m.Reason,
                u == null ? null : u.DisplayName, m.ConfirmedAtUtc)).ToListAsync(ct);
        var lines = await (
            from s in statements.UnmatchedEntries(date)
            join statement in db.BankStatements on s.StatementId equals statement.Id
            orderby s.ValueDate, statement.BankStatementId, s.Id
            select new StatementLineRow(statement.BankStatementId, s.ValueDate, s.BookingDate, s.Reference, s.Remittance, s.Counterparty, s.Amount,
                s.IsCredit)).ToListAsync(ct);
        var entries = await LedgerRows.Of(db, statements.OpenEntries(date), reversalsUpTo: date).ToListAsync(ct);
        return new ReconciliationFigures(date, options.Value.FundCurrency, options.Value.VarianceFlagPercent, matches, lines, entries,
            await GrantsAsync(date, ct));
    }

    /// <summary>
    /// The grants at final reconciliation or closed with their ledger entries up to the date and their reports with their
    /// lines, in four queries: the grant's own rules then give every settlement figure, as on its reconciliation page.
    /// </summary>
    private async Task<IReadOnlyList<GrantSettlementRow>> GrantsAsync(DateOnly date, CancellationToken ct)
    {
        var grants = await db.Applications.AsNoTracking()
            .Where(a => a.Reference != null && (a.Workflow!.Stage == GrantStages.FinalReconciliation || a.Workflow.Stage == GrantStages.Closed))
            .Include(a => a.ApplicantState).Include(a => a.Workflow).Include(a => a.Reports).ThenInclude(r => r.Lines)
            .Include(a => a.LedgerEntries.Where(e => e.ValueDate <= date))
            .OrderBy(a => a.Reference).AsSplitQuery().ToListAsync(ct);
        return [.. grants.Select(a =>
        {
            var approved = a.ApprovedAmount ?? Money.Zero(a.Currency);
            return new GrantSettlementRow(a.Reference!, a.Title, a.ApplicantState!.Name,
                workflows.Get(a.Workflow!.DefinitionId, a.Workflow.DefinitionVersion).StageLabel(a.Stage), a.Currency, approved,
                a.SpendingReported, a.ReportedExpenditure is not null, a.Disbursed, a.Refunded, a.PaidNet, a.AcceptedExpenditure,
                a.RefundWaived, a.RefundWaiverReason, a.RefundWaivedAtUtc, a.RefundDue,
                a.SpendingReported is { } spent ? ExpenditureVariance.Of(approved, spent, options.Value.VarianceFlagPercent) : null,
                a.AcceptedReport?.Variances(a.Currency, options.Value.VarianceFlagPercent) ?? []);
        })];
    }

    /// <summary>The workbook as of the date (today when not given), audited as an export.</summary>
    public async Task<(byte[] Content, ReconciliationFigures Figures)> ExportAsync(DateOnly? asOf, CancellationToken ct)
    {
        var figures = await ReadAsync(asOf, ct);
        using var workbook = ReconciliationWorkbook.Build(figures, clock.GetUtcNow().UtcDateTime);
        var content = LedgerSheets.Save(workbook);
        await reads.RecordAsync(ExportedAction, "Reconciliation", null, new
        {
            asOf = figures.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            confirmed = figures.Confirmed,
            proposed = figures.Proposed,
            unmatchedStatementLines = figures.UnmatchedLines.Count,
            unmatchedLedgerEntries = figures.UnmatchedEntries.Count,
            grants = figures.Grants.Count,
            refunds = figures.Refunds.Count,
        }, ct);
        return (content, figures);
    }
}
