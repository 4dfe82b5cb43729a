using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Shared;

/// <summary>The outcome of one user action: done, or refused with messages (by field where there is one) and an HTTP status.</summary>
public sealed record CommandOutcome(int StatusCode, IReadOnlyList<(string? Field, string Message)> Errors)
{
    public static CommandOutcome Done { get; } = new(200, []);

    public bool Succeeded => Errors.Count == 0;

    /// <summary>Refused before anything changed: every broken rule at once, each with the domain field it concerns.</summary>
    public static CommandOutcome Invalid(IEnumerable<(string Field, string Message)> problems) =>
        new(400, problems.Select(p => ((string?)p.Field, p.Message)).ToList());

    /// <summary>What a use case did to an application: the trigger to fire on it afterwards, if any, with the comment to record.</summary>
    public sealed record Change(GrantApplication Application, string? Trigger = null, string? Comment = null);
}

/// <summary>
/// Marks a use-case class: one named method per user action (<c>CommitteeDecisions.RecordAsync</c>), called by the page,
/// the API endpoint, the CLI verb and the seeder alike. Registered for injection at start-up.
/// </summary>
public interface IUseCase;

/// <summary>
/// Runs one user action, as a use case defines it, as one unit of work: what the use case changes, the workflow transition
/// it asks for, their audit records, outbox messages and timers are saved by one SaveChanges in one transaction — or, when
/// anything refuses, nothing is saved at all. Only use cases call it; pages, endpoints, CLI verbs and the seeder call use cases.
/// </summary>
public sealed partial class UserActions(CafDbContext db, WorkflowEngine engine, ILogger<UserActions> logger)
{
    /// <param name="action">Changes the aggregates through their methods (finding or creating the application inside the
    /// unit of work, so that a refused creation leaves nothing behind) and says which trigger to fire.</param>
    internal Task<CommandOutcome> RunAsync(ClaimsPrincipal user, Func<Task<CommandOutcome.Change>> action, CancellationToken ct) =>
        RunChangeAsync(user, async () => await action(), ct);

    /// <summary>
    /// Runs a user action that touches no application and fires no trigger (a funding round, a published checklist or
    /// rubric version) the same way: one SaveChanges with its audit records, or nothing saved and the refusal by field.
    /// </summary>
    internal Task<CommandOutcome> RunAsync(ClaimsPrincipal user, Func<Task> action, CancellationToken ct) =>
        RunChangeAsync(user, async () =>
        {
            await action();
            return null;
        }, ct);

    private async Task<CommandOutcome> RunChangeAsync(ClaimsPrincipal user, Func<Task<CommandOutcome.Change?>> action, CancellationToken ct)
    {
        var actor = ApplicationAccess.ActorFor(user);
        GrantApplication? application = null;
        string? trigger = null;
        // One transaction for the whole action: what the actions take inside it (a reference number) is given back if it fails.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (await action() is { } change)
            {
                (application, trigger) = (change.Application, change.Trigger);
                actor = ApplicationAccess.ActorFor(user, application);
                if (trigger is not null) await engine.FireAsync(application.Workflow!, application, trigger, actor, change.Comment, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return CommandOutcome.Done;
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(400, [(ex.Field, ex.Message)]);
        }
        catch (WorkflowRefusedException ex)
        {
            db.ChangeTracker.Clear();
            var status = ex.Refusal switch
            {
                WorkflowRefusal.RoleNotPermitted => 403,
                WorkflowRefusal.NotAvailableInStage => 409,
                _ => 400,
            };
            IReadOnlyList<(string?, string)> errors = ex.UnmetGuards.Count > 0
                ? ex.UnmetGuards.Select(g => (g.Field, g.Reason ?? ex.Message)).ToList()
                : [(null, ex.Message)];
            Log.Refused(logger, trigger, application?.Id, actor.UserName, ex.Message);
            return new CommandOutcome(status, errors);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsConcurrentTransition(ex))
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(409, [(null,
                InterfaceLanguage.Text("Action.ConcurrentChange"))]);
        }
        catch (Exception ex) when (SaveConflicts.IsDeadlock(ex))
        {
            // SQL Server ends the whole transaction of a deadlock victim (not retried inside it), or the retries ran out.
            db.ChangeTracker.Clear();
            Log.Deadlock(logger, ex, trigger, application?.Id);
            return new CommandOutcome(409, [(null,
                InterfaceLanguage.Text("Action.Deadlock"))]);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Trigger} on {Application} for {User}: {Reason}")]
        public static partial void Refused(ILogger logger, string? trigger, Guid? application, string user, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Deadlock on {Trigger} for {Application}")]
        public static partial void Deadlock(ILogger logger, Exception exception, string? trigger, Guid? application);
    }
}
