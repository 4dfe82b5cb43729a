using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Many states submitting in the same second on PostgreSQL: every application stored, references unique and consecutive.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class ConcurrentSubmissionTests(PostgresAppFactory factory)
{
    private const int Count = 100;

    [Fact]
    public async Task A_hundred_applications_submitted_at_once_get_unique_consecutive_references()
    {
        await factory.ResetAsync();
        var ids = await DraftsAsync();
        var applicant = await new GrantScenario(factory).ActorAsync(GrantJourney.Applicant);

        using var start = new SemaphoreSlim(0);
        var submissions = ids.Select(id => Task.Run(async () =>
        {
            await start.WaitAsync();
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
            var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id);
            await engine.FireAsync(application.Workflow!, application, "submit", applicant, null);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        })).ToList();
        start.Release(Count);
        await Task.WhenAll(submissions);

        var year = DateTime.UtcNow.Year;
        var references = await factory.WithDbAsync(db => db.Applications.Where(a => a.Reference != null).Select(a => a.Reference!).ToListAsync());
        Assert.Equal(Count, references.Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(n => ReferenceNumbers.Format(year, n)), references.Order(StringComparer.Ordinal));
        Assert.Equal(Count, await factory.WithDbAsync(db => db.WorkflowTransitions.CountAsync(t => t.Trigger == "submit")));
        var chain = await factory.WithDbAsync(async db => AuditChain.FindFirstBreak(await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync()));
        Assert.Null(chain);
        // One unbroken chain, as audit verify reads it.
        var verified = await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db, null, null, CancellationToken.None));
        Assert.True(verified.Ok, verified.ToString());
    }

    private async Task<List<Guid>> DraftsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var round = await db.Rounds.FirstAsync();
        var states = await db.StateParties.ToDictionaryAsync(s => s.IsoCode);
        var user = await db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant);
        var ids = new List<Guid>();
        for (var i = 0; i < Count; i++)
        {
            var application = new GrantApplication(round, states["KHM"], $"Exchange {i + 1}", engine.Start(WorkflowServices.GrantWorkflowId), user.Id, DateTime.UtcNow);
            GrantScenario.CompleteDraft(db, application, states["COL"], 1_000m, new DateOnly(2027, 3, 8), user.Id, DateTime.UtcNow);
            db.Applications.Add(application);
            await engine.EnterInitialStageAsync(application.Workflow!, application);
            ids.Add(application.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
