using Caf.Data;
using Caf.Data.Auditing;
using Caf.IntegrationTests.Infrastructure;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Two units of work on their own connections, saving at the same moment.</summary>
public abstract class ConcurrencyTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task Two_people_firing_the_same_transition_at_once_one_wins_and_the_history_has_no_gap_or_duplicate()
    {
        await factory.ResetAsync();
        var id = await SubmittedApplicationAsync("Concurrent screening");
        var isu = await ActorAsync(GrantJourney.Isu);

        using var first = factory.Services.CreateScope();
        using var second = factory.Services.CreateScope();
        var (dbA, engineA) = Resolve(first);
        var (dbB, engineB) = Resolve(second);
        var appA = await dbA.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        var appB = await dbB.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        await engineA.FireAsync(appA.Workflow!, appA, "start-screening", isu, "first", TestContext.Current.CancellationToken);
        await engineB.FireAsync(appB.Workflow!, appB, "start-screening", isu, "second", TestContext.Current.CancellationToken);

        var outcomes = await Task.WhenAll(SaveAsync(dbA), SaveAsync(dbB));

        Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null);
        Assert.True(SaveConflicts.IsConcurrentTransition(loser!), $"Unexpected failure: {loser}");
        var application = await _journey.LoadAsync(id);
        Assert.Equal("EligibilityScreening", application.Stage);
        var history = application.Workflow!.History.OrderBy(h => h.Sequence).ToList();
        Assert.Equal([1, 2], history.Select(h => h.Sequence));
        Assert.Equal(["submit", "start-screening"], history.Select(h => h.Trigger));
        Assert.Equal(2, application.Workflow.Revision);
        await AssertAuditChainWholeAsync();
    }

    [Fact]
    public async Task Two_people_acting_on_different_applications_at_once_both_succeed()
    {
        await factory.ResetAsync();
        var first = await SubmittedApplicationAsync("First exchange");
        var second = await SubmittedApplicationAsync("Second exchange");
        var isu = await ActorAsync(GrantJourney.Isu);

        using var scopeA = factory.Services.CreateScope();
        using var scopeB = factory.Services.CreateScope();
        var (dbA, engineA) = Resolve(scopeA);
        var (dbB, engineB) = Resolve(scopeB);
        var appA = await dbA.Applications.WithGraph().SingleAsync(a => a.Id == first, TestContext.Current.CancellationToken);
        var appB = await dbB.Applications.WithGraph().SingleAsync(a => a.Id == second, TestContext.Current.CancellationToken);
        await engineA.FireAsync(appA.Workflow!, appA, "start-screening", isu, null, TestContext.Current.CancellationToken);
        await engineB.FireAsync(appB.Workflow!, appB, "start-screening", isu, null, TestContext.Current.CancellationToken);

        var outcomes = await Task.WhenAll(SaveAsync(dbA), SaveAsync(dbB));

        Assert.All(outcomes, o => Assert.Null(o));
        Assert.Equal("EligibilityScreening", await _journey.StageAsync(first));
        Assert.Equal("EligibilityScreening", await _journey.StageAsync(second));
        await AssertAuditChainWholeAsync();
    }

    private async Task<Guid> SubmittedApplicationAsync(string title)
    {
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync(title, "COL", ("Flights", "2", "900"));
        var id = await _journey.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        return id;
    }

    private Task<WorkflowActor> ActorAsync(string email) => new GrantScenario(factory).ActorAsync(email);

    private static (CafDbContext Db, WorkflowEngine Engine) Resolve(IServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<CafDbContext>(), scope.ServiceProvider.GetRequiredService<WorkflowEngine>());

    private static async Task<DbUpdateException?> SaveAsync(CafDbContext db)
    {
        try
        {
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (DbUpdateException ex)
        {
            return ex;
        }
    }

    private Task AssertAuditChainWholeAsync() =>
        factory.WithDbAsync(async db =>
        {
            var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            Assert.Null(AuditChain.FindFirstBreak(events));
            return 0;
        });
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteConcurrencyTests(SqliteAppFactory factory) : ConcurrencyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrencyTests(PostgresAppFactory factory) : ConcurrencyTests(factory);
