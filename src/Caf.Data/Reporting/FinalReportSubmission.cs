using Caf.Data.Entities;

namespace Caf.Data.Reporting;

/// <summary>
/// What the grantee sends at the end of a grant: the narrative report as a file (<see cref="File"/>, its content) and the
/// total it actually spent. <see cref="Problems"/> lists what is missing or out of range, at once.
/// </summary>
public sealed record FinalReportSubmission(string? FileName, string? ContentType, byte[]? File, decimal? ActualExpenditure)
{
    /// <summary>Every rule the submission breaks, each with its field; empty when it may be sent.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (File is null) yield return (nameof(File), "Choose the report file to upload.");
        if (ActualExpenditure is not { } spent) yield return (nameof(ActualExpenditure), "Give the total actually spent.");
        else if (GrantReport.ExpenditureProblem(spent) is { } wrong) yield return (nameof(ActualExpenditure), wrong);
    }
}
