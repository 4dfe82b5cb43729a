using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>
/// Runs one user action on an application as one unit of work: the edit, the workflow transition, their audit records
/// and ledger entries are saved by a single SaveChanges, or — when anything refuses — nothing is saved at all.
/// </summary>
public sealed class ApplicationCommands(CafDbContext db, WorkflowEngine engine, ILogger<ApplicationCommands> logger)
{
    public Task<CommandOutcome> FireAsync(GrantApplication application, ClaimsPrincipal user, string trigger, string? comment,
        CancellationToken ct = default) =>
        RunAsync(() => application, user, null, trigger, comment, ct);

    public Task<CommandOutcome> RunAsync(GrantApplication application, ClaimsPrincipal user, Action<GrantApplication>? change,
        string? trigger, string? comment, CancellationToken ct = default) =>
        RunAsync(() => application, user, change, trigger, comment, ct);

    /// <summary>
    /// <paramref name="target"/> finds or creates the application inside the unit of work, so that a refused
    /// creation leaves nothing behind either.
    /// </summary>
    /// <param name="fireWhen">Decides, after the change, whether the trigger is fired; the change is saved either way.</param>
    public async Task<CommandOutcome> RunAsync(Func<GrantApplication> target, ClaimsPrincipal user, Action<GrantApplication>? change,
        string? trigger, string? comment, CancellationToken ct = default, Func<GrantApplication, bool>? fireWhen = null)
    {
        var actor = ApplicationAccess.ActorFor(user);
        GrantApplication? application = null;
        // One transaction for the whole action: what the actions take inside it (a reference number) is given back if it fails.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            application = target();
            change?.Invoke(application);
            actor = ApplicationAccess.ActorFor(user, application);
            if (trigger is not null && (fireWhen?.Invoke(application) ?? true))
                await engine.FireAsync(application.Workflow!, application, trigger, actor, comment, ct);
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
            logger.LogInformation("Refused {Trigger} on {Application} for {User}: {Reason}", trigger, application?.Id, actor.UserName, ex.Message);
            return new CommandOutcome(status, errors);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsConcurrentTransition(ex))
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(409, [(null,
                "Someone else changed this application at the same moment. Reload the page to see the latest version, then try again.")]);
        }
        catch (Exception ex) when (SaveConflicts.IsDeadlock(ex))
        {
            // SQL Server ends the whole transaction of a deadlock victim (not retried inside it), or the retries ran out.
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Deadlock on {Trigger} for {Application}", trigger, application?.Id);
            return new CommandOutcome(409, [(null,
                "Another change was being saved at the same moment, so nothing of yours was saved. Please try again.")]);
        }
    }
}
