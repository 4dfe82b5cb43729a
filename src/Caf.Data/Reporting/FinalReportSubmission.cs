using Caf.Data.Entities;

namespace Caf.Data.Reporting;

/// <summary>
/// What the grantee sends at the end of a grant: the narrative typed on the form (<see cref="Narrative"/>), the signed
/// report as a file (<see cref="File"/>, its content), what it actually spent on each line of its budget
/// (<see cref="Spending"/>, by budget line id) and, optionally, the scanned receipts in a file of their own
/// (<see cref="Receipts"/>; they may instead be in the report's file). <see cref="Problems"/> lists what is missing or
/// out of range, at once; the narrative's fields are named as <see cref="ReportNarrative"/> names them.
/// </summary>
public sealed record FinalReportSubmission(string? FileName, string? ContentType, byte[]? File, IReadOnlyDictionary<Guid, decimal?> Spending,
    string? ReceiptsFileName = null, string? ReceiptsContentType = null, byte[]? Receipts = null, ReportNarrative? Narrative = null)
{
    /// <summary>Every rule the submission breaks for a grant with <paramref name="budget"/> and <paramref name="indicators"/>, each with its field; empty when it may be sent.</summary>
    public IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<BudgetLine> budget, IReadOnlyList<ResultIndicator> indicators)
    {
        foreach (var problem in (Narrative ?? ReportNarrative.Empty).Problems(indicators)) yield return problem;
        if (File is null) yield return (nameof(File), DomainText.Get("Reporting.NeedFile"));
        foreach (var problem in GrantApplication.SpendingProblems(budget, Spending)) yield return problem;
    }

    /// <summary>The spending once <see cref="Problems"/> is empty.</summary>
    public IReadOnlyDictionary<Guid, decimal> Checked() => Spending.ToDictionary(p => p.Key, p => p.Value ?? throw new InvalidOperationException("Check the problems first."));
}
