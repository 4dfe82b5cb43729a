using Caf.Data.Reporting;

namespace Caf.Data.Entities;

public enum ReportStatus { Submitted, Accepted, Returned }

/// <summary>
/// A report the grantee sent: the final report (a file, the narrative and the actual expenditure in the grant's currency)
/// or interim report <see cref="InterimNumber"/> (the narrative, with a file attached or, without one, the narrative's
/// own text kept as its file).
/// </summary>
public sealed class GrantReport : IAudited
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private readonly List<ReportExpenditureLine> _lines = [];

    private GrantReport() { }

    /// <summary>A report giving what was spent on each line of the budget; its total is their sum.</summary>
    internal GrantReport(Guid applicationId, string fileName, string contentType, byte[] content,
        IReadOnlyList<(BudgetLine Line, decimal Actual)> spending, string submittedByUserId, DateTime nowUtc)
        : this(applicationId, fileName, contentType, content, Bounds.Sum(spending.Select(s => s.Actual)), submittedByUserId, nowUtc)
    {
        foreach (var (line, actual) in spending)
            _lines.Add(new ReportExpenditureLine(Id, line.Id, line.Position, line.Description, line.Total.Amount, actual));
    }

    internal GrantReport(Guid applicationId, string fileName, string contentType, byte[] content, decimal actualExpenditure,
        string submittedByUserId, DateTime nowUtc)
    {
        if (content.Length == 0) throw new DomainException(DomainText.Get("Reporting.FileEmpty"), nameof(File));
        if (content.Length > MaxBytes) throw new DomainException(DomainText.Get("Reporting.FileTooLarge"), nameof(File));
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

    /// <summary>Interim report <paramref name="number"/>: its narrative, and a file attached or else the narrative's text as a file.</summary>
    internal GrantReport(Guid applicationId, int number, ReportNarrative narrative, string fileName, string contentType, byte[] content,
        string submittedByUserId, DateTime nowUtc)
        : this(applicationId, fileName, contentType, content, 0m, submittedByUserId, nowUtc)
    {
        InterimNumber = number;
        NarrativeJson = narrative.ToJson();
    }

    /// <summary>What is wrong with the total actually spent, if anything.</summary>
    public static string? ExpenditureProblem(decimal actualExpenditure) =>
        Bounds.Amount(DomainText.Get("Reporting.LabelExpenditure"), actualExpenditure, zeroAllowed: true);

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>Which interim report this is (1, 2…), or null for the final report.</summary>
    public int? InterimNumber { get; private set; }
    public bool IsFinal => InterimNumber is null;
    /// <summary>The narrative as typed on the form (<see cref="ReportNarrative"/>), or null for a report sent before it was a form.</summary>
    public string? NarrativeJson { get; private set; }
    public ReportNarrative? Narrative => NarrativeJson is null ? null : ReportNarrative.FromJson(NarrativeJson);

    /// <summary>The file is the narrative's own text: an interim report sent without an attachment.</summary>
    public bool NarrativeIsTheFile => InterimNumber is { } n && FileName == NarrativeFileName(n);

    /// <summary>The name of the file that keeps an interim report's narrative when nothing was attached.</summary>
    public static string NarrativeFileName(int number) => $"interim-report-{number}.txt";

    /// <summary>Keeps the narrative typed on the form with a final report.</summary>
    internal void Narrate(ReportNarrative narrative) => NarrativeJson = narrative.ToJson();

    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    /// <summary>The bytes, stored with a new report and never loaded with it: a download reads them by the report's id.</summary>
    public StoredFile? File { get; private set; }
    public decimal ActualExpenditure { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public DateTime SubmittedAtUtc { get; private set; }
    public ReportStatus Status { get; private set; }
    /// <summary>
    /// The receipts behind the figures, scanned into one file beside the report (optional: they may be in the report's file):
    /// the id its bytes are stored under (read only by a download), its name, type and size.
    /// </summary>
    public Guid? ReceiptsId { get; private set; }
    public string? ReceiptsFileName { get; private set; }
    public string? ReceiptsContentType { get; private set; }
    public long? ReceiptsSize { get; private set; }

    public const int ReceiptsMaxBytes = 20 * 1024 * 1024;
    /// <summary>The field a refusal about the receipts' file names.</summary>
    public const string ReceiptsField = "Receipts";

    /// <summary>The receipts sent with the report, while it awaits review; returns the bytes to store beside it.</summary>
    public StoredFile AttachReceipts(string fileName, string contentType, byte[] bytes)
    {
        if (Status != ReportStatus.Submitted) throw new DomainException(DomainText.Get("Reporting.ReceiptsAfterReview"), ReceiptsField);
        if (ReceiptsId is not null) throw new DomainException(DomainText.Get("Reporting.ReceiptsAlready"), ReceiptsField);
        var name = Bounds.FileName(fileName, ReceiptsField);
        if (bytes.Length == 0) throw new DomainException(DomainText.Get("Reporting.ReceiptsEmpty", name), ReceiptsField);
        if (bytes.Length > ReceiptsMaxBytes)
            throw new DomainException(DomainText.Get("Reporting.ReceiptsTooLarge", name, ReceiptsMaxBytes / 1024 / 1024), ReceiptsField);
        ReceiptsId = Guid.NewGuid();
        ReceiptsFileName = name;
        ReceiptsContentType = Bounds.ContentType(contentType);
        ReceiptsSize = bytes.Length;
        return new StoredFile(ReceiptsId.Value, bytes);
    }

    /// <summary>Spending per budget line, in budget order; empty for a report that gave only its total.</summary>
    public IReadOnlyList<ReportExpenditureLine> Lines => _lines;

    /// <summary>Each line's spending against its budget in <paramref name="currency"/>, flagged when it differs by more than <paramref name="flagPercent"/> %.</summary>
    public IReadOnlyList<LineVariance> Variances(string currency, decimal flagPercent) =>
        [.. _lines.OrderBy(l => l.Position).Select(l => new LineVariance(l.Description,
            Finance.ExpenditureVariance.Of(new Money(l.Budgeted, currency), new Money(l.Actual, currency), flagPercent)))];

    /// <summary>Why the ISU returned this version, when and who: what the grantee must revise before sending it again.</summary>
    public string? ReturnComments { get; private set; }
    public string? ReturnedByUserId { get; private set; }
    public DateTime? ReturnedAtUtc { get; private set; }
    public const int MaxCommentsLength = 4000;

    /// <summary>The ISU sends this version back with what must be revised; the grantee then sends a new version.</summary>
    /// <exception cref="DomainException">Not awaiting review, or no comments.</exception>
    internal void Return(string? comments, string userId, DateTime nowUtc)
    {
        if (Status != ReportStatus.Submitted) throw new DomainException(DomainText.Get("Reporting.OnlyWaitingReturned"));
        if (string.IsNullOrWhiteSpace(comments))
            throw new DomainException(DomainText.Get("Reporting.NeedComments"), "Comments");
        if (comments.Trim().Length > MaxCommentsLength)
            throw new DomainException(DomainText.Get("Reporting.CommentsTooLong", MaxCommentsLength), "Comments");
        Status = ReportStatus.Returned;
        ReturnComments = comments.Trim();
        ReturnedByUserId = userId;
        ReturnedAtUtc = nowUtc;
    }

    /// <summary>
    /// What changed from <paramref name="previous"/> to this version, line by line (the lines by their budget line), then
    /// the total and the files (each version has a file of its own, so the report file is always listed).
    /// </summary>
    public IReadOnlyList<(string What, string Before, string After)> ChangesSince(GrantReport previous, string currency)
    {
        var changes = new List<(string, string, string)>();
        if (Narrative is { } narrative) changes.AddRange(narrative.ChangesSince(previous.Narrative ?? ReportNarrative.Empty));
        var before = previous._lines.ToDictionary(l => l.BudgetLineId);
        foreach (var line in _lines.OrderBy(l => l.Position))
            if (!before.TryGetValue(line.BudgetLineId, out var old) || old.Actual != line.Actual)
                changes.Add((DomainText.Get("Reporting.ChangeSpentOn", line.Description), old is null ? "" : Shown(old.Actual, currency), Shown(line.Actual, currency)));
        if (previous.ActualExpenditure != ActualExpenditure)
            changes.Add((DomainText.Get("Reporting.ChangeTotal"), Shown(previous.ActualExpenditure, currency), Shown(ActualExpenditure, currency)));
        // Each version comes with its own file: under the same name it is still a new file, to read again — unless both are
        // the narrative's own text, kept as an interim report's file when nothing was attached (the narrative's changes say it).
        if (!(NarrativeIsTheFile && previous.NarrativeIsTheFile))
            changes.Add((DomainText.Get("Reporting.ChangeFile"), previous.FileName, previous.FileName == FileName ? DomainText.Get("Reporting.NewFileSameName", FileName) : FileName));
        if (previous.ReceiptsFileName != ReceiptsFileName) changes.Add((DomainText.Get("Reporting.ChangeReceipts"), previous.ReceiptsFileName ?? "", ReceiptsFileName ?? ""));
        return changes;
    }

    /// <summary>An amount as the reader's language writes it ("CHF 1,234.50", "CHF 1 234,50"), as pages show money.</summary>
    private static string Shown(decimal amount, string currency) => new Money(amount, currency).Written(System.Globalization.CultureInfo.CurrentCulture);

    public void Accept()
    {
        if (Status != ReportStatus.Submitted) throw new DomainException(DomainText.Get("Reporting.OnlySubmittedAccepted"));
        Status = ReportStatus.Accepted;
    }
}

/// <summary>What the grantee spent on one line of its budget, with the line as it stood (description, budgeted total).</summary>
public sealed class ReportExpenditureLine : IAudited
{
    private ReportExpenditureLine() { }

    internal ReportExpenditureLine(Guid reportId, Guid budgetLineId, int position, string description, decimal budgeted, decimal actual)
    {
        Id = Guid.NewGuid();
        ReportId = reportId;
        BudgetLineId = budgetLineId;
        Position = position;
        Description = description;
        Budgeted = budgeted;
        Actual = actual;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public Guid BudgetLineId { get; private set; }
    public int Position { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Budgeted { get; private set; }
    public decimal Actual { get; private set; }
}

/// <summary>One budget line's spending against its budget (<see cref="Caf.Data.Finance.ExpenditureVariance"/>).</summary>
public sealed record LineVariance(string Description, Finance.ExpenditureVariance Variance);
