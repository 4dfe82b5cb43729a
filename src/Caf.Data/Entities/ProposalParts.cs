namespace Caf.Data.Entities;

/// <summary>The Convention's areas of work an exchange can serve (DESIGN.md §5). Several may apply.</summary>
[Flags]
public enum ThematicArea
{
    None = 0,
    ClearanceAndLandRelease = 1,
    StockpileDestruction = 2,
    RiskEducation = 4,
    VictimAssistance = 8,
    InformationManagement = 16,
    NationalCapacityAndOwnership = 32,
    GenderAndDiversity = 64,
}

/// <summary>The parts of a proposal, as the form shows them and as the ISU can reopen them for a clarification.</summary>
public enum ProposalSection { General, Partners, Objectives, Activities, Delegation, Budget, GenderAndSafeguarding, FollowUp, Attachments }

public enum AgeBand { NotStated, Under25, From25To39, From40To59, SixtyAndOver }

/// <summary>Self-declared; "not stated" is always a valid answer.</summary>
public enum Disability { NotStated, Yes, No }

/// <summary>An expected result with the indicator that shows it, and whether the indicator is counted by sex and by age.</summary>
public sealed class ResultIndicator : IAudited
{
    private ResultIndicator() { }

    internal ResultIndicator(string result, string indicator, string target, bool bySex, bool byAge)
    {
        if (string.IsNullOrWhiteSpace(result)) throw new DomainException(DomainText.Get("Proposal.EachResultNeedsDescription"), nameof(Result));
        Id = Guid.NewGuid();
        Result = result.Trim();
        Indicator = indicator.Trim();
        Target = target.Trim();
        DisaggregatedBySex = bySex;
        DisaggregatedByAge = byAge;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Position { get; internal set; }
    public string Result { get; private set; } = "";
    public string Indicator { get; private set; } = "";
    public string Target { get; private set; } = "";
    public bool DisaggregatedBySex { get; private set; }
    public bool DisaggregatedByAge { get; private set; }
}

/// <summary>One activity of the exchange: what, when, and where (the itinerary).</summary>
public sealed class PlannedActivity : IAudited
{
    private PlannedActivity() { }

    internal PlannedActivity(string description, DateOnly? start, DateOnly? end, string place, Guid? stateId)
    {
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException(DomainText.Get("Activity.NeedDescription"), nameof(Description));
        if (start is { } s && end is { } e && e < s)
            throw new DomainException(DomainText.Get("Activity.EndBeforeStart", description.Trim()), nameof(End));
        if (start is { } first && Bounds.Date(DomainText.Get("Activity.StartOf", description.Trim()), first) is { } early)
            throw new DomainException(early, nameof(Start));
        if (end is { } last && Bounds.Date(DomainText.Get("Activity.EndOf", description.Trim()), last) is { } late)
            throw new DomainException(late, nameof(End));
        Id = Guid.NewGuid();
        Description = description.Trim();
        Start = start;
        End = end;
        Place = place.Trim();
        StatePartyId = stateId;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Position { get; internal set; }
    public string Description { get; private set; } = "";
    public DateOnly? Start { get; private set; }
    public DateOnly? End { get; private set; }
    /// <summary>City or site.</summary>
    public string Place { get; private set; } = "";
    /// <summary>The country the activity takes place in.</summary>
    public Guid? StatePartyId { get; private set; }
}

/// <summary>An action of a Convention action plan (versioned reference data: plan, number, text).</summary>
public sealed class ActionPlanAction : IAudited
{
    private ActionPlanAction() { }

    public ActionPlanAction(string plan, int number, string text)
    {
        if (string.IsNullOrWhiteSpace(plan) || string.IsNullOrWhiteSpace(text) || number <= 0)
            throw new DomainException(DomainText.Get("Proposal.ActionIncomplete"));
        Id = Guid.NewGuid();
        Plan = plan.Trim();
        Number = number;
        Text = text.Trim();
    }

    public Guid Id { get; private set; }
    public string Plan { get; private set; } = "";
    public int Number { get; private set; }
    public string Text { get; private set; } = "";
    public string Label => $"{Plan}, action {Number}";
}

/// <summary>An action-plan action an application says it serves.</summary>
public sealed class ApplicationActionLink : IAudited
{
    private ApplicationActionLink() { }

    internal ApplicationActionLink(Guid actionId)
    {
        Id = Guid.NewGuid();
        ActionPlanActionId = actionId;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid ActionPlanActionId { get; private set; }
}

public enum AttachmentKind { EndorsementLetter, Supporting }

/// <summary>
/// A document attached to a proposal. The bytes live in <see cref="StoredFile"/> so that loading an application
/// never loads its files.
/// </summary>
public sealed class ApplicationAttachment : IAudited
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private ApplicationAttachment() { }

    internal ApplicationAttachment(AttachmentKind kind, string fileName, string contentType, long size, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        FileName = Bounds.FileName(fileName, nameof(GrantApplication.Attachments));
        ContentType = Bounds.ContentType(contentType);
        Size = size;
        UploadedByUserId = userId;
        UploadedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public AttachmentKind Kind { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string UploadedByUserId { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
}

/// <summary>
/// The bytes of one document (a proposal's attachment or a final report), under that document's id. Kept apart so that
/// loading an application never loads a file: only a download reads this table, one row at a time.
/// </summary>
public sealed class StoredFile
{
    private StoredFile() { }

    internal StoredFile(Guid documentId, byte[] bytes)
    {
        Id = documentId;
        Bytes = bytes;
    }

    public Guid Id { get; private set; }
    public byte[] Bytes { get; private set; } = [];
}
