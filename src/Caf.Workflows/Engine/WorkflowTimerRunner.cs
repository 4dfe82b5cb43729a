using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Caf.Workflows.Engine;

/// <summary>
/// Fires the timers that have come due, each in its own unit of work. A timer fires only while its instance is still
/// in the stage and at the history sequence it was scheduled for; otherwise it is skipped, so a late, repeated or
/// concurrent firing changes nothing.
/// </summary>
public sealed class WorkflowTimerRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WorkflowTimerRunner> logger)
{
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            due = await scope.ServiceProvider.GetRequiredService<CafDbContext>().WorkflowTimers
                .Where(t => t.Status == WorkflowTimerStatus.Pending && t.DueAtUtc <= now)
                .OrderBy(t => t.DueAtUtc).Select(t => t.Id).Take(200).ToListAsync(ct);
        }
        var fired = 0;
        foreach (var id in due)
        {
            try
            {
                if (await RunOneAsync(id, ct)) fired++;
            }
            catch (DbUpdateException ex) when (SaveConflicts.IsConcurrentTransition(ex))
            {
                // Another node fired it (or moved the instance) at the same moment: its history row took the sequence first.
                WorkflowLog.TimerTakenByAnotherNode(logger, id);
            }
            catch (Exception ex) when (SaveConflicts.IsDeadlock(ex))
            {
                // Nothing of it was written: the timer is still pending and the next run takes it again.
                WorkflowLog.TimerTakenByAnotherNode(logger, id);
            }
        }
        return fired;
    }

    private async Task<bool> RunOneAsync(Guid timerId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CafDbContext>();
        var engine = services.GetRequiredService<WorkflowEngine>();
        var now = clock.GetUtcNow().UtcDateTime;
        var timer = await db.WorkflowTimers.FirstAsync(t => t.Id == timerId, ct);
        if (timer.Status != WorkflowTimerStatus.Pending) return false;
        var instance = await db.WorkflowInstances.FirstAsync(i => i.Id == timer.InstanceId, ct);
        if (instance.Stage != timer.Stage || instance.Revision != timer.ScheduledAtSequence)
        {
            timer.Complete(WorkflowTimerStatus.Skipped,
                $"The application moved on (now '{instance.Stage}' at step {instance.Revision}).", now);
            await db.SaveChangesAsync(ct);
            return false;
        }
        var definition = engine.DefinitionOf(instance);
        var declared = definition.Timers.First(t => t.Id == timer.TimerId);
        var subject = await services.GetServices<IWorkflowSubjectLoader>().First().LoadAsync(db, instance.Id, ct)
                      ?? throw new InvalidOperationException($"The subject of instance {instance.Id} cannot be found.");
        try
        {
            // Marked first, so that the stage change it causes does not cancel it as a timer of the stage being left.
            timer.Complete(WorkflowTimerStatus.Fired, "Fired.", now);
            if (declared.Trigger is { } trigger)
                await engine.FireAsync(instance, subject, trigger, WorkflowActor.System, $"Timer '{declared.Id}'.", ct);
            else
                await engine.RunActionAsync(instance, subject, declared.Action!, WorkflowActor.System, ct);
            db.AuditEvents.Add(new AuditEvent("timer.fired", "WorkflowInstance", instance.Id.ToString(),
                System.Text.Json.JsonSerializer.Serialize(new { timer = declared.Id, trigger = declared.Trigger, action = declared.Action, dueAt = timer.DueAtUtc })));
        }
        catch (WorkflowRefusedException refused)
        {
            // The engine refused (a guard does not hold): nothing it did is kept; record why on the timer alone.
            db.ChangeTracker.Clear();
            timer = await db.WorkflowTimers.FirstAsync(t => t.Id == timerId, ct);
            timer.Complete(WorkflowTimerStatus.Failed, refused.Message, now);
        }
        await db.SaveChangesAsync(ct);
        WorkflowLog.TimerCompleted(logger, declared.Id, instance.Id, timer.Status);
        return timer.Status == WorkflowTimerStatus.Fired;
    }
}
