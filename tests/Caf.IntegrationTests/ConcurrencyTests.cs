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

    /// <summary>
    /// Two approvals of the same payment at once (a double click, two tabs): one is saved, the other refused; then two
    /// officers marking it paid at once book it once (ADR 0023).
    /// </summary>
    [Fact]
    public async Task Two_approvals_of_the_same_payment_at_once_approve_it_once_and_it_is_paid_once()
    {
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var today = FundTime.Today(factory.Clock);
        var id = await scenario.AtCommitteeReviewAsync(today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4));
        var finance = await ActorAsync(GrantJourney.Finance);
        var second = await ActorAsync(GrantJourney.SecondFinance);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, at) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, at));
        var request = await factory.WithDbAsync(async db =>
        {
            var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id);
            application.RecordAgreement(today, TrancheSchedule.Default(application.ApprovedAmount!.Value), today);
            application.SetBankDetails("CfDJ8-protected-test-details", TestBankDetails.Masked(), finance.UserId, now);
            var requested = application.RequestDisbursement(1, new Money(1_600m, "CHF"), finance.UserId, now);
            await db.SaveChangesAsync();
            return requested.Id;
        });

        async Task<Exception?[]> AtOnceAsync(Action<GrantApplication> change)
        {
            using var first = factory.Services.CreateScope();
            using var other = factory.Services.CreateScope();
            var (dbA, _) = Resolve(first);
            var (dbB, _) = Resolve(other);
            var appA = await dbA.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            var appB = await dbB.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
            change(appA);
            change(appB);
            return await Task.WhenAll(SaveAsync(dbA), SaveAsync(dbB));
        }

        var approvals = await AtOnceAsync(a => a.ApproveDisbursement(request, second.UserId, now));
        Assert.Single(approvals, o => o is null);
        var loser = Assert.Single(approvals, o => o is not null);
        Assert.True(loser is DbUpdateException update && SaveConflicts.IsConcurrentTransition(update), $"Unexpected failure: {loser}");

        var payments = await AtOnceAsync(a => a.PayDisbursement(request, new Money(1_600m, "CHF").InFund(today), today,
            $"UBS-{Guid.NewGuid():N}"[..12], finance.UserId, now));
        Assert.Single(payments, o => o is null);
        Assert.Equal(1, await factory.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement)));
        Assert.Equal(DisbursementStatus.Paid, await factory.WithDbAsync(db => db.DisbursementRequests.Where(d => d.Id == request).Select(d => d.Status).SingleAsync()));
        await AssertAuditChainWholeAsync();
    }

    /// <summary>
    /// Two approvals at once that each fit what the fund has available, but not both: the fund's balance lock decides them
    /// one after the other, so the second sees the first's commitment and is refused with the figures.
    /// </summary>
    [Fact]
    public async Task Two_approvals_that_together_commit_more_than_the_fund_has_commit_one()
    {
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var today = FundTime.Today(factory.Clock);
        var levels = GrantJourney.Members.ToDictionary(m => m, _ => 4);
        var first = await scenario.AtCommitteeReviewAsync(today.AddDays(60), levels, title: "First exchange");
        var second = await scenario.AtCommitteeReviewAsync(today.AddDays(60), levels, title: "Second exchange");
        // The seed's contributions are CHF 250,000: an earlier grant's commitment leaves CHF 3,000 for two CHF 2,000 approvals.
        await factory.WithDbAsync(async db =>
        {
            db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.Commitment, new Money(247_000m, "CHF").InFund(today), today, "Commitment: earlier grant",
                null, null, "test", factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var chair = await ActorAsync(GrantJourney.Chair);

        async Task<Exception?> ApproveAsync(Guid id)
        {
            using var scope = factory.Services.CreateScope();
            var (db, engine) = Resolve(scope);
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            try
            {
                var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
                application.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, factory.Clock.GetUtcNow().UtcDateTime);
                await engine.FireAsync(application.Workflow!, application, "approve", chair, "Approved.", TestContext.Current.CancellationToken);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                // Still deciding while the other approval starts: it must wait for this one's commitment.
                await Task.Delay(200, TestContext.Current.CancellationToken);
                await transaction.CommitAsync(TestContext.Current.CancellationToken);
                return null;
            }
            catch (DomainException ex)
            {
                return ex;
            }
        }

        var outcomes = await Task.WhenAll(Task.Run(() => ApproveAsync(first)), Task.Run(() => ApproveAsync(second)));

        var refused = Assert.IsType<DomainException>(Assert.Single(outcomes, o => o is not null));
        Assert.StartsWith("The fund has CHF 1,000.00 available to commit (cash CHF 250,000.00 less open commitments CHF 249,000.00)", refused.Message);
        var stages = new[] { await Journey.StageAsync(first), await Journey.StageAsync(second) };
        Assert.Equal(["Approved", "CommitteeReview"], stages.Order());
        Assert.Equal(249_000m, await factory.WithDbAsync(db => db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Commitment).SumAsync(e => e.FundAmount.Amount)));
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
