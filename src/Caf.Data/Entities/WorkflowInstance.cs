namespace Caf.Data.Entities;

/// <summary>
/// Where one subject (an application) stands in a workflow definition. Only the workflow engine moves it;
/// <see cref="Revision"/> is a concurrency token so two people firing at once cannot both win.
/// </summary>
public sealed class WorkflowInstance
{
    /// <summary>The trigger recorded when an instance moves to another version of its definition (<see cref="MigrateTo"/>).</summary>
    public const string MigrateVersionTrigger = "migrate-version";

    private readonly List<WorkflowTransitionRecord> _history = [];

    private WorkflowInstance() { }

    public WorkflowInstance(string definitionId, int definitionVersion, string initialStage, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DefinitionId = definitionId;
        DefinitionVersion = definitionVersion;
        Stage = initialStage;
        StageEnteredAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string DefinitionId { get; private set; } = "";
    public int DefinitionVersion { get; private set; }
    public string Stage { get; private set; } = "";
    public DateTime StageEnteredAtUtc { get; private set; }
    /// <summary>The sequence number of the last transition; a concurrency token.</summary>
    public int Revision { get; private set; }
    public IReadOnlyList<WorkflowTransitionRecord> History => _history;

    /// <summary>Called by the engine only, after it has checked roles and guards.</summary>
    internal WorkflowTransitionRecord RecordTransition(string trigger, string toStage, string userId, string userName,
        string? comment, DateTime nowUtc)
    {
        Revision++;
        var record = new WorkflowTransitionRecord(Id, Revision, trigger, Stage, toStage, userId, userName, comment, nowUtc);
        _history.Add(record);
        Stage = toStage;
        StageEnteredAtUtc = nowUtc;
        return record;
    }

    /// <summary>Moves the instance to another version of its definition, at the mapped stage; recorded like a transition.</summary>
    internal WorkflowTransitionRecord MigrateTo(int toVersion, string toStage, string userId, string userName, DateTime nowUtc)
    {
        var from = DefinitionVersion;
        DefinitionVersion = toVersion;
        var record = RecordTransition(MigrateVersionTrigger, toStage, userId, userName,
            $"Moved from version {from} to version {toVersion} of '{DefinitionId}'.", nowUtc);
        return record;
    }
}

/// <summary>One step in an instance's history: who fired what, when, from where to where, and why.</summary>
public sealed class WorkflowTransitionRecord
{
    private WorkflowTransitionRecord() { }

    internal WorkflowTransitionRecord(Guid instanceId, int sequence, string trigger, string fromStage, string toStage,
        string userId, string userName, string? comment, DateTime atUtc)
    {
        Id = Guid.NewGuid();
        InstanceId = instanceId;
        Sequence = sequence;
        Trigger = trigger;
        FromStage = fromStage;
        ToStage = toStage;
        UserId = userId;
        UserName = userName;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; }
    public Guid InstanceId { get; private set; }
    /// <summary>1, 2, 3… per instance, without gaps; unique, so two concurrent transitions cannot both be recorded.</summary>
    public int Sequence { get; private set; }
    public string Trigger { get; private set; } = "";
    public string FromStage { get; private set; } = "";
    public string ToStage { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string? Comment { get; private set; }
    public DateTime AtUtc { get; private set; }
}
