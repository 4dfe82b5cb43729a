using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Workflows.Engine;

/// <summary>The person (or the system) firing a transition, with the roles they hold.</summary>
public sealed record WorkflowActor(string UserId, string UserName, IReadOnlySet<string> Roles, Guid? StatePartyId = null)
{
    public static WorkflowActor System { get; } = new("system", "system", new HashSet<string> { CafRoles.System });
}

/// <summary>Whether a guard holds; when it does not, why, in words for the user, and which form field it concerns.</summary>
public sealed record GuardResult(bool Met, string? Reason = null, string? Field = null)
{
    public static GuardResult Ok { get; } = new(true);
    public static GuardResult Unmet(string reason, string? field = null) => new(false, reason, field);
}

/// <summary>What guards and actions see: the instance, its subject, who acts, and the unit of work.</summary>
public sealed class WorkflowContext(WorkflowInstance instance, object subject, WorkflowActor actor, CafDbContext db,
    TimeProvider clock, TransitionDefinition transition, string? comment)
{
    public WorkflowInstance Instance { get; } = instance;
    public object Subject { get; } = subject;
    public WorkflowActor Actor { get; } = actor;
    public CafDbContext Db { get; } = db;
    public TimeProvider Clock { get; } = clock;
    public TransitionDefinition Transition { get; } = transition;
    public string? Comment { get; } = comment;
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    public T SubjectAs<T>() where T : class =>
        Subject as T ?? throw new InvalidOperationException($"This workflow step expects a {typeof(T).Name}, not a {Subject.GetType().Name}.");
}

/// <summary>A named condition a transition needs. Referenced by name from workflow definitions.</summary>
public interface IWorkflowGuard
{
    string Name { get; }
    /// <summary>What must hold, said for a person, e.g. "The application has at least one budget line."</summary>
    string Description { get; }
    ValueTask<GuardResult> EvaluateAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>A named piece of work a transition does, inside the same unit of work as the stage change.</summary>
public interface IWorkflowAction
{
    string Name { get; }
    string Description { get; }
    ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken);
}

public enum WorkflowRefusal { NotAvailableInStage, RoleNotPermitted, CommentRequired, GuardUnmet }

/// <summary>A transition was refused. The message says why in words for the user.</summary>
public sealed class WorkflowRefusedException(WorkflowRefusal refusal, string message, IReadOnlyList<GuardResult>? unmet = null)
    : Exception(message)
{
    public WorkflowRefusal Refusal { get; } = refusal;
    public IReadOnlyList<GuardResult> UnmetGuards { get; } = unmet ?? [];
}

/// <summary>A transition the actor's roles allow from the current stage, with any guards that do not hold yet.</summary>
public sealed record AvailableTransition(TransitionDefinition Transition, IReadOnlyList<GuardResult> UnmetGuards)
{
    public bool CanFire => UnmetGuards.Count == 0;
}
