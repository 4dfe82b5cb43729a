using System.Globalization;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Stateless;

namespace Caf.Workflows.Engine;

/// <summary>
/// Runs workflow definitions over persisted instances. For each request it builds a Stateless machine over the
/// instance's stored stage, permitting only the transitions whose roles and guards hold for this actor, then records
/// the transition in the instance's history and in the audit trail. The caller saves once: the stage change, its
/// history, its audit record and whatever the actions did commit together.
/// </summary>
public sealed class WorkflowEngine(WorkflowRegistry registry, IEnumerable<IWorkflowGuard> guards,
    IEnumerable<IWorkflowAction> actions, IEnumerable<IWorkflowDateField> dateFields, IEnumerable<IWorkflowTaskScope> taskScopes,
    CafDbContext db, TimeProvider clock)
{
    private readonly ILookup<string, IWorkflowGuard> _guards = guards.ToLookup(g => g.Name);
    private readonly ILookup<string, IWorkflowAction> _actions = actions.ToLookup(a => a.Name);
    private readonly Dictionary<string, IWorkflowDateField> _dateFields = dateFields.ToDictionary(f => f.Name);
    private readonly IWorkflowTaskScope? _taskScope = taskScopes.FirstOrDefault();

    public WorkflowRegistry Registry => registry;

    public WorkflowDefinition DefinitionOf(WorkflowInstance instance) =>
        registry.Get(instance.DefinitionId, instance.DefinitionVersion);

    /// <summary>A new instance at the initial stage of the latest version; added to the unit of work.</summary>
    public WorkflowInstance Start(string definitionId)
    {
        var definition = registry.Latest(definitionId);
        var instance = new WorkflowInstance(definition.Id, definition.Version, definition.InitialStage, clock.GetUtcNow().UtcDateTime);
        db.WorkflowInstances.Add(instance);
        return instance;
    }

    /// <summary>Schedules the initial stage's timers and opens its tasks, once the subject exists.</summary>
    public Task EnterInitialStageAsync(WorkflowInstance instance, object subject, CancellationToken ct = default) =>
        EnterStageAsync(instance, subject, DefinitionOf(instance), ct);

    /// <summary>Runs a named action outside a transition (a timer's), in the caller's unit of work.</summary>
    public async Task RunActionAsync(WorkflowInstance instance, object subject, string action, WorkflowActor actor, CancellationToken ct = default)
    {
        var pseudo = new TransitionDefinition { Trigger = action, Label = new LocalizedText { En = action } };
        await Resolve(_actions, action).ExecuteAsync(new WorkflowContext(instance, subject, actor, db, clock, pseudo, null), ct);
    }

    /// <summary>Cancels the pending timers and closes the open tasks of the stage being left.</summary>
    public async Task LeaveStageAsync(WorkflowInstance instance, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timers = await db.WorkflowTimers.Where(t => t.InstanceId == instance.Id && t.Status == WorkflowTimerStatus.Pending).ToListAsync(ct);
        // A timer that is firing right now is already marked in memory; only those still pending are cancelled.
        foreach (var timer in timers.Where(t => t.Status == WorkflowTimerStatus.Pending))
            timer.Complete(WorkflowTimerStatus.Cancelled, $"The stage '{timer.Stage}' was left.", now);
        var tasks = await db.WorkflowTasks.Where(t => t.InstanceId == instance.Id && t.ClosedAtUtc == null).ToListAsync(ct);
        foreach (var task in tasks) task.Close(now);
    }

    /// <summary>Schedules the timers and opens the tasks that the definition attaches to the instance's current stage.</summary>
    public Task EnterStageAsync(WorkflowInstance instance, object subject, WorkflowDefinition definition, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? DateOf(string field) => _dateFields.TryGetValue(field, out var f) ? f.ValueFor(subject) : null;
        foreach (var timer in definition.Timers.Where(t => t.Stage == instance.Stage))
            if (timer.Schedule.DueAt(instance.StageEnteredAtUtc, DateOf) is { } due
                // A reminder whose time went by before the stage was even entered is no reminder (and several at once would
                // be noise): an action already past is not scheduled. A trigger still is: it moves the application on.
                && (timer.Trigger is not null || due >= now))
                db.WorkflowTimers.Add(new WorkflowTimer(instance.Id, timer.Id, instance.Stage, instance.Revision, due, now));
        var subjectId = subject is IAudited audited ? audited.Id : instance.Id;
        foreach (var task in definition.Tasks.Where(t => t.Stage == instance.Stage))
            db.WorkflowTasks.Add(new WorkflowTask(instance.Id, subjectId, task.Id, instance.Stage, task.Role,
                _taskScope?.StatePartyFor(subject, task.Role), task.Title.En,
                task.Due?.DueAt(instance.StageEnteredAtUtc, DateOf), now));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Moves the current stage's timers and open tasks after a date they depend on changed (an agreed extension): a pending timer whose
    /// time is now different is cancelled and scheduled again at the new time, or only cancelled when the date is gone (the
    /// report it chased was sent); one that already fired or was cancelled is scheduled again when its new time is still to
    /// come (a reminder before the new due date, a report returned for revision). Returns how many were scheduled anew.
    /// </summary>
    public async Task<int> RescheduleTimersAsync(WorkflowInstance instance, object subject, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? DateOf(string field) => _dateFields.TryGetValue(field, out var f) ? f.ValueFor(subject) : null;
        var existing = await db.WorkflowTimers.Where(t => t.InstanceId == instance.Id && t.Stage == instance.Stage).ToListAsync(ct);
        var scheduled = 0;
        foreach (var timer in DefinitionOf(instance).Timers.Where(t => t.Stage == instance.Stage))
        {
            var due = timer.Schedule.DueAt(instance.StageEnteredAtUtc, DateOf);
            var mine = existing.Where(t => t.TimerId == timer.Id).ToList();
            var pending = mine.SingleOrDefault(t => t.Status == WorkflowTimerStatus.Pending);
            if (pending is not null)
            {
                if (pending.DueAtUtc == due) continue;
                pending.Complete(WorkflowTimerStatus.Cancelled, "Rescheduled: the date it depends on changed.", now);
            }
            // One that ran at that time is not run again; one cancelled (its report sent, then returned) is scheduled anew.
            else if (due is null || due <= now || mine.Any(t => t.DueAtUtc == due && t.Status != WorkflowTimerStatus.Cancelled)) continue;
            if (due is null) continue;
            db.WorkflowTimers.Add(new WorkflowTimer(instance.Id, timer.Id, instance.Stage, instance.Revision, due.Value, now));
            scheduled++;
        }
        // The open tasks of the stage are due by the same dates.
        var definitions = DefinitionOf(instance).Tasks.Where(t => t.Stage == instance.Stage).ToDictionary(t => t.Id);
        foreach (var task in await db.WorkflowTasks.Where(t => t.InstanceId == instance.Id && t.Stage == instance.Stage && t.ClosedAtUtc == null).ToListAsync(ct))
            if (definitions.TryGetValue(task.TaskId, out var definition) && definition.Due?.DueAt(instance.StageEnteredAtUtc, DateOf) is var due && due != task.DueAtUtc)
                task.MoveDue(due);
        return scheduled;
    }

    /// <summary>The transitions this actor's roles allow from the current stage, each with the guards that do not hold.</summary>
    public async Task<IReadOnlyList<AvailableTransition>> GetAvailableAsync(WorkflowInstance instance, object subject,
        WorkflowActor actor, CancellationToken ct = default)
    {
        var definition = DefinitionOf(instance);
        var result = new List<AvailableTransition>();
        foreach (var transition in definition.TransitionsFrom(instance.Stage).Where(t => RoleAllows(t, actor)))
            result.Add(new AvailableTransition(transition, await UnmetGuardsAsync(transition, instance, subject, actor, null, ct)));
        return result;
    }

    public async Task<WorkflowTransitionRecord> FireAsync(WorkflowInstance instance, object subject, string trigger,
        WorkflowActor actor, string? comment, CancellationToken ct = default)
    {
        var definition = DefinitionOf(instance);
        var stage = definition.Stage(instance.Stage);
        var candidates = definition.TransitionsFrom(instance.Stage).Where(t => t.Trigger == trigger).ToList();
        if (candidates.Count == 0)
        {
            // An unknown trigger is whatever the request said: never echoed back.
            var stageLabel = definition.StageLabel(stage.Id, language: CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            throw new WorkflowRefusedException(WorkflowRefusal.NotAvailableInStage,
                definition.Transitions.FirstOrDefault(t => t.Trigger == trigger)?.Label.Current is { } label
                    ? DomainText.Get("Workflow.NotInStage", label, stageLabel)
                    : DomainText.Get("Workflow.ActionNotInStage", stageLabel));
        }
        var permitted = candidates.Where(t => RoleAllows(t, actor)).ToList();
        if (permitted.Count == 0)
        {
            var roles = string.Join(" or ", candidates.SelectMany(t => t.Roles).Distinct().Select(CafRoles.Describe));
            throw new WorkflowRefusedException(WorkflowRefusal.RoleNotPermitted,
                $"Only {("AEIOU".Contains(roles[0]) ? "an" : "a")} {roles} may '{candidates[0].Label.En}' at this stage.");
        }
        if (permitted.All(t => t.CommentRequired) && string.IsNullOrWhiteSpace(comment))
            throw new WorkflowRefusedException(WorkflowRefusal.CommentRequired,
                DomainText.Get("Workflow.CommentRequired", permitted[0].Label.Current),
                [GuardResult.Unmet(DomainText.Get("Guard.GiveReason"), "Comment")]);

        var unmet = new Dictionary<TransitionDefinition, IReadOnlyList<GuardResult>>();
        foreach (var t in permitted) unmet[t] = await UnmetGuardsAsync(t, instance, subject, actor, comment, ct);

        var target = instance.Stage;
        var machine = new StateMachine<string, string>(() => instance.Stage, s => target = s);
        foreach (var t in permitted)
        {
            var holds = unmet[t].Count == 0 && (!t.CommentRequired || !string.IsNullOrWhiteSpace(comment));
            var configuration = machine.Configure(instance.Stage);
            if (t.To == instance.Stage) configuration.PermitReentryIf(t.Trigger, () => holds, t.Label.En);
            else configuration.PermitIf(t.Trigger, t.To, () => holds, t.Label.En);
        }
        if (!machine.CanFire(trigger))
        {
            var reasons = unmet.Values.SelectMany(r => r).ToList();
            throw new WorkflowRefusedException(WorkflowRefusal.GuardUnmet,
                string.Join(" ", reasons.Select(r => r.Reason).Distinct()), reasons);
        }
        await machine.FireAsync(trigger);
        var chosen = permitted.First(t => t.To == target && unmet[t].Count == 0);

        var now = clock.GetUtcNow().UtcDateTime;
        var from = instance.Stage;
        var record = instance.RecordTransition(trigger, target, actor.UserId, actor.UserName, comment, now);
        db.AuditEvents.Add(new AuditEvent("stage.changed", subject.GetType().Name, SubjectId(subject),
            JsonSerializer.Serialize(new
            {
                workflow = definition.Id,
                version = definition.Version,
                trigger,
                from,
                to = target,
                comment = record.Comment,
            })));

        var context = new WorkflowContext(instance, subject, actor, db, clock, chosen, comment);
        foreach (var name in chosen.Actions) await Resolve(_actions, name).ExecuteAsync(context, ct);
        await LeaveStageAsync(instance, ct);
        await EnterStageAsync(instance, subject, definition, ct);
        return record;
    }

    private static bool RoleAllows(TransitionDefinition t, WorkflowActor actor) => t.Roles.Any(actor.Roles.Contains);

    private async Task<IReadOnlyList<GuardResult>> UnmetGuardsAsync(TransitionDefinition t, WorkflowInstance instance,
        object subject, WorkflowActor actor, string? comment, CancellationToken ct)
    {
        var context = new WorkflowContext(instance, subject, actor, db, clock, t, comment);
        var unmet = new List<GuardResult>();
        foreach (var name in t.Guards)
        {
            var guard = Resolve(_guards, name);
            var result = await guard.EvaluateAsync(context, ct);
            if (!result.Met) unmet.Add(result with { Reason = result.Reason ?? guard.Description });
        }
        return unmet;
    }

    /// <summary>"name@2" is that version; a plain "name" is the highest version registered.</summary>
    private static T Resolve<T>(ILookup<string, T> registered, string reference) where T : class
    {
        var (name, version) = WorkflowVocabulary.ParseReference(reference);
        var candidates = registered[name].ToList();
        Func<T, int> versionOf = item => item switch { IWorkflowGuard g => g.Version, IWorkflowAction a => a.Version, _ => 1 };
        return (version is { } v ? candidates.FirstOrDefault(c => versionOf(c) == v) : candidates.MaxBy(versionOf))
               ?? throw new InvalidOperationException($"Nothing is registered as '{reference}'.");
    }

    private static string? SubjectId(object subject) => subject is IAudited audited ? audited.Id.ToString() : null;
}
