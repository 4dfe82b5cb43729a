namespace Caf.Data.Entities;

public enum WorkflowTimerStatus { Pending, Fired, Skipped, Cancelled, Failed }

/// <summary>
/// A durable timer: written in the same transaction as the transition that scheduled it. It fires only while its
/// instance is still in <see cref="Stage"/> at <see cref="ScheduledAtSequence"/>; otherwise it is skipped.
/// </summary>
public sealed class WorkflowTimer
{
    private WorkflowTimer() { }

    public WorkflowTimer(Guid instanceId, string timerId, string stage, int scheduledAtSequence, DateTime dueAtUtc, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        InstanceId = instanceId;
        TimerId = timerId;
        Stage = stage;
        ScheduledAtSequence = scheduledAtSequence;
        DueAtUtc = dueAtUtc;
        ScheduledAtUtc = nowUtc;
        Status = WorkflowTimerStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid InstanceId { get; private set; }
    public string TimerId { get; private set; } = "";
    public string Stage { get; private set; } = "";
    public int ScheduledAtSequence { get; private set; }
    public DateTime DueAtUtc { get; private set; }
    public DateTime ScheduledAtUtc { get; private set; }
    public WorkflowTimerStatus Status { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public string? Outcome { get; private set; }
    /// <summary>Concurrency token: of two nodes picking the same due timer, one completes it and the other's save fails.</summary>
    public int Attempts { get; private set; }

    public void Complete(WorkflowTimerStatus status, string outcome, DateTime nowUtc)
    {
        if (Status != WorkflowTimerStatus.Pending) throw new InvalidOperationException($"Timer {TimerId} is already {Status}.");
        Status = status;
        Outcome = outcome;
        CompletedAtUtc = nowUtc;
        Attempts++;
    }
}
