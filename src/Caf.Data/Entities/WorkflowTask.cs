namespace Caf.Data.Entities;

/// <summary>
/// An open piece of human work: in this stage, people holding <see cref="Role"/> (for applicants, of
/// <see cref="StatePartyId"/>) are expected to act, by <see cref="DueAtUtc"/> when set. Opened and closed by the engine
/// on every transition, in the same transaction.
/// </summary>
public sealed class WorkflowTask
{
    private WorkflowTask() { }

    public WorkflowTask(Guid instanceId, Guid subjectId, string taskId, string stage, string role, Guid? statePartyId,
        string title, DateTime? dueAtUtc, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        InstanceId = instanceId;
        SubjectId = subjectId;
        TaskId = taskId;
        Stage = stage;
        Role = role;
        StatePartyId = statePartyId;
        Title = title;
        DueAtUtc = dueAtUtc;
        OpenedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid InstanceId { get; private set; }
    public Guid SubjectId { get; private set; }
    public string TaskId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public string Role { get; private set; } = "";
    public Guid? StatePartyId { get; private set; }
    public string Title { get; private set; } = "";
    public DateTime? DueAtUtc { get; private set; }

    /// <summary>The task's due time moved with the date it depends on (an agreed extension); only while it is open.</summary>
    public void MoveDue(DateTime? dueAtUtc)
    {
        if (ClosedAtUtc is not null) throw new DomainException(DomainText.Get("Task.ClosedKeepsDueDate"));
        DueAtUtc = dueAtUtc;
    }
    public DateTime OpenedAtUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    public bool IsOverdue(DateTime nowUtc) => ClosedAtUtc is null && DueAtUtc is { } due && due < nowUtc;

    public void Close(DateTime nowUtc) => ClosedAtUtc ??= nowUtc;
}
