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

/// <summary>
/// A named condition a transition needs. Definitions reference it as "name" (its current version) or "name@version"
/// to pin one; a changed rule gets a new version instead of silently changing what old definitions meant.
/// </summary>
public interface IWorkflowGuard
{
    string Name { get; }
    int Version => 1;
    /// <summary>What must hold, said for a person, e.g. "The application has at least one budget line."</summary>
    string Description { get; }
    ValueTask<GuardResult> EvaluateAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>A named piece of work a transition does, inside the same unit of work as the stage change.</summary>
public interface IWorkflowAction
{
    string Name { get; }
    int Version => 1;
    string Description { get; }
    ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken);
}

/// <summary>A named date of a subject that timers and task due dates can be set relative to.</summary>
public interface IWorkflowDateField
{
    string Name { get; }
    string Description { get; }
    DateTime? ValueFor(object subject);
}

/// <summary>Which State Party a task for a role belongs to (applicants act only for their own state), if any.</summary>
public interface IWorkflowTaskScope
{
    Guid? StatePartyFor(object subject, string role);
}

/// <summary>Loads the subject of an instance with everything its guards and actions need (for timers and migrations).</summary>
public interface IWorkflowSubjectLoader
{
    Task<object?> LoadAsync(CafDbContext db, Guid instanceId, CancellationToken cancellationToken);
}

/// <summary>The names definitions may use: guards and actions (with their versions), date fields and roles.</summary>
public sealed class WorkflowVocabulary
{
    public WorkflowVocabulary(IEnumerable<IWorkflowGuard> guards, IEnumerable<IWorkflowAction> actions, IEnumerable<IWorkflowDateField> dateFields)
    {
        Guards = guards.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => g.Select(x => x.Version).ToHashSet());
        Actions = actions.GroupBy(a => a.Name).ToDictionary(a => a.Key, a => a.Select(x => x.Version).ToHashSet());
        DateFields = dateFields.Select(f => f.Name).ToHashSet();
    }

    /// <summary>A vocabulary of plain names, each at version 1 (for checking definitions without the services).</summary>
    public WorkflowVocabulary(IEnumerable<string> guards, IEnumerable<string> actions, IEnumerable<string> dateFields)
    {
        Guards = guards.Distinct().ToDictionary(g => g, _ => new HashSet<int> { 1 });
        Actions = actions.Distinct().ToDictionary(a => a, _ => new HashSet<int> { 1 });
        DateFields = dateFields.ToHashSet();
    }

    public IReadOnlyDictionary<string, HashSet<int>> Guards { get; }
    public IReadOnlyDictionary<string, HashSet<int>> Actions { get; }
    public IReadOnlySet<string> DateFields { get; }
    public IReadOnlySet<string> Roles { get; } = new HashSet<string>(CafRoles.All) { CafRoles.System };

    /// <summary>Splits "name@2" into ("name", 2); a plain name means the highest registered version.</summary>
    public static (string Name, int? Version) ParseReference(string reference)
    {
        var at = reference.LastIndexOf('@');
        return at > 0 && int.TryParse(reference[(at + 1)..], out var version)
            ? (reference[..at], version)
            : (reference, null);
    }

    public static bool Knows(IReadOnlyDictionary<string, HashSet<int>> registered, string reference)
    {
        var (name, version) = ParseReference(reference);
        return registered.TryGetValue(name, out var versions) && (version is null || versions.Contains(version.Value));
    }
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
