using Microsoft.EntityFrameworkCore;

namespace Caf.Data;

/// <summary>Recognises, on every provider, the unique-index clashes that mean "someone else wrote first".</summary>
public static class SaveConflicts
{
    /// <summary>
    /// The same instance moved twice at once: an optimistic-concurrency failure, or a clash on the per-instance history
    /// sequence. The loser's change must be dropped and the person shown the new state.
    /// </summary>
    public static bool IsConcurrentTransition(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || Mentions(ex, "WorkflowTransitions", "Sequence");

    /// <summary>Two people recorded a rate for the same currency and date at once.</summary>
    public static bool IsSecondRate(DbUpdateException ex) => Mentions(ex, "ExchangeRates", "Date");

    /// <summary>Two people reversed the same ledger entry at once.</summary>
    public static bool IsSecondReversal(DbUpdateException ex) => Mentions(ex, "LedgerEntries", "ReversesEntryId");

    /// <summary>Two people matched the same ledger entry to a bank statement entry at once: a ledger entry is settled once.</summary>
    public static bool IsSecondMatch(DbUpdateException ex) => Mentions(ex, "StatementMatches", "LedgerEntryId");

    /// <summary>Two people published a gender checklist version with the same number at once.</summary>
    public static bool IsChecklistVersionClash(DbUpdateException ex) => Mentions(ex, "GenderChecklists", "Version");

    /// <summary>A report's first draft saved twice at once (a second click on a slow link): one draft per report.</summary>
    public static bool IsSecondDraft(DbUpdateException ex) => Mentions(ex, "ReportDrafts", "ReportNumber");

    /// <summary>Two people published a scoring rubric version with the same number at once.</summary>
    public static bool IsRubricVersionClash(DbUpdateException ex) => Mentions(ex, "ScoringRubrics", "Version");

    /// <summary>
    /// The database chose this unit of work as a deadlock victim (two transactions each waiting for rows the other
    /// holds). Nothing of it was written; the person is asked to try again.
    /// </summary>
    public static bool IsDeadlock(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected }
                or Microsoft.Data.SqlClient.SqlException { Number: 1205 })
                return true;
        return false;
    }

    private static bool Mentions(Exception ex, string table, string column)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            var text = e.Message + (e is Npgsql.PostgresException pg ? $" {pg.ConstraintName} {pg.TableName}" : "");
            if (text.Contains(table, StringComparison.OrdinalIgnoreCase) && text.Contains(column, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
