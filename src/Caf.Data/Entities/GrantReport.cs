namespace Caf.Data.Entities;

public enum ReportStatus { Submitted, Accepted, Returned }

/// <summary>The grantee's final report: the narrative as a file and the actual expenditure in the grant's currency.</summary>
public sealed class GrantReport : IAudited
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private GrantReport() { }

    internal GrantReport(Guid applicationId, string fileName, string contentType, byte[] content, decimal actualExpenditure,
        string submittedByUserId, DateTime nowUtc)
    {
        if (content.Length == 0) throw new DomainException("The report file is empty.", nameof(File));
        if (content.Length > MaxBytes) throw new DomainException("The report file is larger than 10 MB.", nameof(File));
        if (ExpenditureProblem(actualExpenditure) is { } problem) throw new DomainException(problem, nameof(ActualExpenditure));
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        FileName = Bounds.FileName(fileName, nameof(File));
        ContentType = Bounds.ContentType(contentType);
        File = new StoredFile(Id, content);
        ActualExpenditure = actualExpenditure;
        SubmittedByUserId = submittedByUserId;
        SubmittedAtUtc = nowUtc;
        Status = ReportStatus.Submitted;
    }

    /// <summary>What is wrong with the total actually spent, if anything.</summary>
    public static string? ExpenditureProblem(decimal actualExpenditure) =>
        Bounds.Amount("The actual expenditure", actualExpenditure, zeroAllowed: true);

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    /// <summary>The bytes, stored with a new report and never loaded with it: a download reads them by the report's id.</summary>
    public StoredFile? File { get; private set; }
    public decimal ActualExpenditure { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public DateTime SubmittedAtUtc { get; private set; }
    public ReportStatus Status { get; private set; }

    public void Accept()
    {
        if (Status != ReportStatus.Submitted) throw new DomainException("Only a submitted report can be accepted.");
        Status = ReportStatus.Accepted;
    }
}
