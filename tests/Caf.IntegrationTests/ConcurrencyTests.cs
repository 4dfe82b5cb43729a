using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Two units of work on their own connections, saving at the same moment.</summary>
public abstract class ConcurrencyTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    private protected CafAppFactory Factory => factory;
    private protected GrantJourney Journey => _journey;
    private protected Task ResetAsync() => factory.ResetAsync();

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
        Assert.True(loser is DbUpdateException update && SaveConflicts.IsConcurrentTransition(update), $"Unexpected failure: {loser}");
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

    private protected async Task<Guid> SubmittedApplicationAsync(string title)
    {
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync(title, "COL", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        return id;
    }

    /// <summary>
    /// Two finance officers record refunds against the same balance at once: each fits alone, both together would refund
    /// more than was paid. Recording money changes no stage, so the grant's own ledger version is what refuses the second.
    /// </summary>
    [Fact]
    public async Task Two_refunds_checked_against_the_same_balance_at_once_only_one_is_recorded()
    {
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var today = FundTime.Today(factory.Clock);
        var id = await scenario.ActiveGrantAsync(today.AddDays(-3)); // CHF 1,600 paid on signature
        await scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        await scenario.FireAsync(id, "accept-final-reports", GrantJourney.Isu, (a, actors, now) =>
            a.SubmitFinalReport("final-report.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), 500m, actors[GrantJourney.Applicant].UserId, now));
        var finance = await ActorAsync(GrantJourney.Finance);
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        using var first = factory.Services.CreateScope();
        using var second = factory.Services.CreateScope();
        var (dbA, _) = Resolve(first);
        var (dbB, _) = Resolve(second);
        var appA = await dbA.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        var appB = await dbB.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        appA.RecordRefund(new Money(1_000m, "CHF").InFund(today), today, "RF-A", finance.UserId, now);
        appB.RecordRefund(new Money(1_000m, "CHF").InFund(today), today, "RF-B", finance.UserId, now);

        var outcomes = await Task.WhenAll(SaveAsync(dbA), SaveAsync(dbB));

        Assert.Single(outcomes, o => o is null);
        var loser = Assert.Single(outcomes, o => o is not null);
        Assert.True(loser is DbUpdateException update && SaveConflicts.IsConcurrentTransition(update), $"Unexpected failure: {loser}");
        var refunds = await factory.WithDbAsync(db => db.LedgerEntries.Where(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Refund)
            .Select(e => e.BankReference).ToListAsync());
        Assert.Single(refunds);
        await AssertAuditChainWholeAsync();
    }

    private protected Task<WorkflowActor> ActorAsync(string email) => new GrantScenario(factory).ActorAsync(email);

    private protected static (CafDbContext Db, WorkflowEngine Engine) Resolve(IServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<CafDbContext>(), scope.ServiceProvider.GetRequiredService<WorkflowEngine>());

    private protected static async Task<Exception?> SaveAsync(CafDbContext db)
    {
        try
        {
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.PostgresException or InvalidOperationException)
        {
            return ex;
        }
    }

    private protected Task AssertAuditChainWholeAsync() =>
        factory.WithDbAsync(async db =>
        {
            var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            Assert.Null(AuditChain.FindFirstBreak(events));
            return 0;
        });
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteConcurrencyTests(SqliteAppFactory factory) : ConcurrencyTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresConcurrencyTests(PostgresAppFactory factory) : ConcurrencyTests(factory)
{
    /// <summary>
    /// Sixteen people each start screening a different application at the same moment, half through a save with its own
    /// transaction and half inside the caller's, as user actions do: every one succeeds, and the audit trail is one
    /// unbroken chain. Numbered optimistically, such a burst ended in sequence clashes, deadlocks and 500s.
    /// </summary>
    [Fact]
    public async Task Sixteen_transitions_on_sixteen_applications_at_once_all_succeed_on_one_unbroken_chain()
    {
        await ResetAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 16; i++) ids.Add(await SubmittedApplicationAsync($"Burst {i}"));
        var isu = await ActorAsync(GrantJourney.Isu);
        var scopes = ids.Select(_ => Factory.Services.CreateScope()).ToList();
        try
        {
            var prepared = new List<(CafDbContext Db, bool OwnTransaction)>();
            for (var i = 0; i < ids.Count; i++)
            {
                var (db, engine) = Resolve(scopes[i]);
                var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == ids[i], TestContext.Current.CancellationToken);
                await engine.FireAsync(application.Workflow!, application, "start-screening", isu, null, TestContext.Current.CancellationToken);
                prepared.Add((db, i % 2 == 0));
            }
            var start = new TaskCompletionSource();
            var saves = prepared.Select(p => Task.Run(async () =>
            {
                await start.Task;
                if (!p.OwnTransaction) return await SaveAsync(p.Db);
                await using var transaction = await p.Db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
                var failure = await SaveAsync(p.Db);
                // A user action may still be working (a second save, the outbox) before it commits: the records it
                // numbered stay uncommitted meanwhile, which is what made optimistic numbering clash.
                await Task.Delay(50, TestContext.Current.CancellationToken);
                if (failure is null) await transaction.CommitAsync(TestContext.Current.CancellationToken);
                return failure;
            })).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(saves);

            Assert.All(outcomes, o => Assert.Null(o));
        }
        finally
        {
            foreach (var scope in scopes) scope.Dispose();
        }
        foreach (var id in ids) Assert.Equal("EligibilityScreening", await Journey.StageAsync(id));
        var sequences = await Factory.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        await AssertAuditChainWholeAsync();
    }
}
