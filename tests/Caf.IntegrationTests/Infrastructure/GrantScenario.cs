using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Drives an application through the engine directly, as each role, one unit of work per step.</summary>
internal sealed class GrantScenario(CafAppFactory factory)
{
    /// <summary>An approved, signed grant in "Active", whose activities end on <paramref name="activityEnd"/>.</summary>
    public async Task<Guid> ActiveGrantAsync(DateOnly activityEnd, string partnerIso = "COL")
    {
        var id = await AtGenderReviewAsync(activityEnd, partnerIso);
        await FireAsync(id, "complete-checklist", "gender@caf.demo", (a, actors, now) => a.CompleteGenderReview(new GenderReview(a.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)null), GenderReview.DefaultItems.Count).ToList(), 2, "Principal.",
            actors["gender@caf.demo"].UserId, now)));
        var rubric = await RubricAsync();
        await FireAsync(id, "approve", "chair@caf.demo", (a, actors, now) =>
        {
            foreach (var member in new[] { "member1@caf.demo", "member2@caf.demo", "member3@caf.demo" })
                a.AddScore(rubric, actors[member].UserId, member, actors[member].StatePartyId, 4, null, now);
            a.RecordDecision(new Money(2_000m, "CHF"), "Approved in full.", null, now);
        });
        await FireAsync(id, "sign-agreement", "finance@caf.demo", (a, actors, now) =>
        {
            a.SignAgreement(DateOnly.FromDateTime(now));
            a.AddLedgerEntry(LedgerEntryKind.Disbursement, new Money(1_600m, "CHF"), DateOnly.FromDateTime(now), "Tranche 1", "T1",
                actors["finance@caf.demo"].UserId, now);
        });
        return id;
    }

    /// <summary>A submitted application declared eligible, waiting for the gender-lens checklist; in the first round unless one is named.</summary>
    public async Task<Guid> AtGenderReviewAsync(DateOnly activityEnd, string partnerIso = "COL", Guid? roundId = null)
    {
        var id = await StepAsync(async (db, engine, actors) =>
        {
            var round = roundId is { } chosen ? await db.Rounds.SingleAsync(r => r.Id == chosen) : await db.Rounds.FirstAsync();
            var states = await db.StateParties.ToDictionaryAsync(s => s.IsoCode);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var application = new GrantApplication(round, states["KHM"], "Timers exchange", engine.Start(WorkflowServices.GrantWorkflowId),
                actors["applicant@caf.demo"].UserId, now);
            CompleteDraft(db, application, states[partnerIso], 2_000m, activityEnd, actors["applicant@caf.demo"].UserId, now);
            db.Applications.Add(application);
            await engine.EnterInitialStageAsync(application.Workflow!, application);
            return application.Id;
        });
        await FireAsync(id, "submit", "applicant@caf.demo");
        await FireAsync(id, "start-screening", "isu@caf.demo");
        await FireAsync(id, "declare-eligible", "isu@caf.demo", (a, actors, now) => a.RecordScreening(ScreeningOutcome.Eligible,
            [new ScreeningAnswer(1, "Checked", true, null)], "All checks met.", actors["isu@caf.demo"].UserId, now));
        return id;
    }

    /// <summary>Makes a new draft complete enough to submit: one partner, one budget line of <paramref name="amount"/>, everything else filled in.</summary>
    public static void CompleteDraft(CafDbContext db, GrantApplication application, StateParty partner, decimal amount, DateOnly activityEnd,
        string userId, DateTime nowUtc)
    {
        application.UpdateDraft(application.Title, "A Cambodian delegation learns survey methods from its partner.", activityEnd.AddDays(-7), activityEnd);
        application.ReplacePartners([(partner.Id, PartnerRole.Host)]);
        application.ReplaceBudget([(BudgetCategory.Travel, "Flights", 2m, new Money(amount / 2, application.Currency))]);
        application.ReplaceParticipants([("Chanthy Sok", "Deputy director", "CMAA", Sex.Female)]);
        Caf.Web.Seeding.DemoProposal.FillIn(db, application, partner, userId, nowUtc);
    }

    public Task FireAsync(Guid id, string trigger, string email, Action<GrantApplication, IReadOnlyDictionary<string, WorkflowActor>, DateTime>? before = null) =>
        StepAsync(async (db, engine, actors) =>
        {
            var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id);
            before?.Invoke(application, actors, factory.Clock.GetUtcNow().UtcDateTime);
            await engine.FireAsync(application.Workflow!, application, trigger, actors[email], null);
            return 0;
        });

    /// <summary>The demo user as the engine sees them: id, email, roles and state.</summary>
    public async Task<WorkflowActor> ActorAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        return (await ActorsAsync(scope.ServiceProvider.GetRequiredService<CafDbContext>()))[email];
    }

    /// <summary>A published scoring rubric, as the database holds it (version 1 unless named).</summary>
    public async Task<ScoringRubric> RubricAsync(int version = 1)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CafDbContext>().ScoringRubrics.GetAsync(version, CancellationToken.None);
    }

    private static async Task<Dictionary<string, WorkflowActor>> ActorsAsync(CafDbContext db)
    {
        var users = await db.Users.ToListAsync();
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        return users.ToDictionary(u => u.Email!, u => new WorkflowActor(u.Id, u.Email!,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToHashSet(), u.StatePartyId));
    }

    private async Task<T> StepAsync<T>(Func<CafDbContext, WorkflowEngine, IReadOnlyDictionary<string, WorkflowActor>, Task<T>> step)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var actors = await ActorsAsync(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await step(db, engine, actors);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }
}
