using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Drives an application through the engine directly, as each role, one unit of work per step.</summary>
/// <summary>The grantee's bank details the tests record: a Cambodian account without IBAN.</summary>
internal static class TestBankDetails
{
    public static readonly Caf.Data.Finance.BankDetails Value = new("Cambodian Mine Action Centre", "000 123 456 789", "ACLEDA Bank", "ACLBKHPP");

    public static string Masked() => Value.Masked();
}

internal sealed class GrantScenario(CafAppFactory factory)
{
    /// <summary>Each committee member scores 4 on every criterion.</summary>
    private static Dictionary<string, int> EveryMemberScores4 => new() { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 4, ["member3@caf.demo"] = 4 };

    /// <summary>An approved, signed grant in "Active", whose activities end on <paramref name="activityEnd"/>.</summary>
    /// <param name="budget">The budget lines' descriptions, CHF 2,000 shared between them; one line, "Flights", unless given.</param>
    public async Task<Guid> ActiveGrantAsync(DateOnly activityEnd, string partnerIso = "COL", IReadOnlyList<string>? budget = null,
        Guid? roundId = null, int activityDays = 7)
    {
        var id = await AtCommitteeReviewAsync(activityEnd, EveryMemberScores4, partnerIso, roundId, budget: budget, activityDays: activityDays);
        await FireAsync(id, "approve", "chair@caf.demo", (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved in full.", null, now));
        await FireAsync(id, "sign-agreement", "finance@caf.demo", (a, actors, now) =>
            PayFirstTranche(a, new Money(1_600m, "CHF").InFund(FundTime.DateOf(now)), "T1", actors, now));
        return id;
    }

    /// <summary>
    /// The agreement recorded 80/20 and its first tranche paid under four eyes (requested by finance, approved by the
    /// second finance officer): the one place tests pay a first tranche, so that a change to how it is paid is made once.
    /// </summary>
    public static LedgerEntry PayFirstTranche(GrantApplication a, Caf.Data.Finance.Conversion paid, string bankReference,
        IReadOnlyDictionary<string, WorkflowActor> actors, DateTime now)
    {
        // The business date is Geneva's: from 23:00 UTC in winter it is already tomorrow there.
        var today = FundTime.DateOf(now);
        var approved = a.ApprovedAmount!.Value;
        a.RecordAgreement(today, [new(paid.Amount.Amount, TrancheCondition.OnSignature), new((approved - paid.Amount).Amount, TrancheCondition.AfterFinalReports)], today);
        a.SetBankDetails("CfDJ8-protected-test-details", TestBankDetails.Masked(), actors[GrantJourney.Finance].UserId, now);
        return PayTranche(a, 1, paid, today, bankReference, actors, now);
    }

    /// <summary>
    /// Tranche <paramref name="number"/> requested by finance, approved by the second finance officer and paid on
    /// <paramref name="valueDate"/>: the one place tests pay a tranche under four eyes without the pages.
    /// </summary>
    public static LedgerEntry PayTranche(GrantApplication a, int number, Caf.Data.Finance.Conversion paid, DateOnly valueDate, string bankReference,
        IReadOnlyDictionary<string, WorkflowActor> actors, DateTime now)
    {
        var request = a.RequestDisbursement(number, paid.Amount, actors[GrantJourney.Finance].UserId, now);
        a.ApproveDisbursement(request.Id, actors[GrantJourney.SecondFinance].UserId, now);
        return a.PayDisbursement(request.Id, paid, valueDate, bankReference, actors[GrantJourney.Finance].UserId, now);
    }

    /// <summary>
    /// An application through the gender-lens checklist (marker 2) and scored by the committee: each member given scores
    /// the same level on every criterion of the round's rubric, so that member's weighted score is that level.
    /// </summary>
    public async Task<Guid> AtCommitteeReviewAsync(DateOnly activityEnd, IReadOnlyDictionary<string, int> levelByMember,
        string partnerIso = "COL", Guid? roundId = null, decimal amount = 2_000m, string title = "Timers exchange", IReadOnlyList<string>? budget = null,
        int activityDays = 7)
    {
        var id = await AtGenderReviewAsync(activityEnd, partnerIso, roundId, amount, title, budget, activityDays);
        await FireAsync(id, "complete-checklist", "gender@caf.demo", (a, actors, now) => a.CompleteGenderReview(new GenderReview(a.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)null), GenderReview.DefaultItems.Count).ToList(), 2, "Principal.",
            actors["gender@caf.demo"].UserId, now)));
        await StepAsync(async (db, _, actors) =>
        {
            var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id);
            var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var rubricVersion = await db.Rounds.Where(r => r.Id == application.RoundId).Select(r => r.RubricVersion).SingleAsync();
            var rubric = await db.ScoringRubrics.GetAsync(rubricVersion, CancellationToken.None);
            // The one place tests give scores, so that a change to how a score is given is made once.
            foreach (var (email, level) in levelByMember)
                application.AddScore(rubric, actors[email].UserId, names[actors[email].UserId], actors[email].StatePartyId, level, null, now);
            return 0;
        });
        return id;
    }

    /// <summary>A round in USD like the seeded one, and an application in it scored by the committee, asking USD 2,000.</summary>
    public async Task<Guid> UsdApplicationAtCommitteeAsync(DateOnly activityEnd)
    {
        var round = await StepAsync(async (db, _, _) =>
        {
            var seeded = await db.Rounds.OrderBy(r => r.OpensAtUtc).FirstAsync();
            var usd = FundingRound.CreateOpen(seeded.Terms with
            {
                Title = "USD call", Envelope = new Money(100_000m, "USD"), Ceiling = new Money(20_000m, "USD"), AllowedCurrencies = ["USD"],
            }, factory.Clock.GetUtcNow().UtcDateTime);
            db.Rounds.Add(usd);
            return usd.Id;
        });
        return await AtCommitteeReviewAsync(activityEnd, EveryMemberScores4, roundId: round);
    }

    /// <summary>A second open round like the seeded one, with its own title, envelope and ceiling per application (CHF).</summary>
    public Task<Guid> OpenRoundAsync(string title, decimal envelope, decimal ceiling) =>
        StepAsync(async (db, _, _) =>
        {
            var seeded = await db.Rounds.OrderBy(r => r.OpensAtUtc).FirstAsync();
            var round = FundingRound.CreateOpen(seeded.Terms with
            {
                Title = title, Envelope = new Money(envelope, "CHF"), Ceiling = new Money(ceiling, "CHF"),
            }, factory.Clock.GetUtcNow().UtcDateTime);
            db.Rounds.Add(round);
            return round.Id;
        });

    /// <summary>
    /// A submitted application declared eligible, waiting for the gender-lens checklist; in the first round unless one is
    /// named; requesting <paramref name="amount"/> in the round's currency.
    /// </summary>
    public async Task<Guid> AtGenderReviewAsync(DateOnly activityEnd, string partnerIso = "COL", Guid? roundId = null,
        decimal amount = 2_000m, string title = "Timers exchange", IReadOnlyList<string>? budget = null, int activityDays = 7)
    {
        var id = await CompleteDraftAsync(activityEnd, partnerIso, roundId, amount, title, budget, activityDays);
        await FireAsync(id, "submit", "applicant@caf.demo");
        await FireAsync(id, "start-screening", "isu@caf.demo");
        await FireAsync(id, "declare-eligible", "isu@caf.demo", (a, actors, now) => a.RecordScreening(ScreeningOutcome.Eligible,
            [new ScreeningAnswer(1, "Checked", true, null)], "All checks met.", actors["isu@caf.demo"].UserId, now));
        return id;
    }

    /// <summary>A Cambodian draft complete enough to submit, not yet submitted; in the first round unless one is named.</summary>
    public async Task<Guid> CompleteDraftAsync(DateOnly activityEnd, string partnerIso = "COL", Guid? roundId = null,
        decimal amount = 2_000m, string title = "Timers exchange", IReadOnlyList<string>? budget = null, int activityDays = 7)
    {
        return await StepAsync(async (db, engine, actors) =>
        {
            var round = roundId is { } chosen ? await db.Rounds.SingleAsync(r => r.Id == chosen) : await db.Rounds.FirstAsync();
            var states = await db.StateParties.ToDictionaryAsync(s => s.IsoCode);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var application = new GrantApplication(round, states["KHM"], title, engine.Start(WorkflowServices.GrantWorkflowId),
                actors["applicant@caf.demo"].UserId, now);
            CompleteDraft(db, application, states[partnerIso], amount, activityEnd, actors["applicant@caf.demo"].UserId, now, budget, activityDays);
            db.Applications.Add(application);
            await engine.EnterInitialStageAsync(application.Workflow!, application);
            return application.Id;
        });
    }

    /// <summary>
    /// Makes a new draft complete enough to submit: one partner, one budget line of <paramref name="amount"/> (or the lines
    /// of <paramref name="budget"/> sharing it, to the cent), everything else filled in.
    /// </summary>
    public static void CompleteDraft(CafDbContext db, GrantApplication application, StateParty partner, decimal amount, DateOnly activityEnd,
        string userId, DateTime nowUtc, IReadOnlyList<string>? budget = null, int activityDays = 7)
    {
        application.UpdateDraft(application.Title, "A Cambodian delegation learns survey methods from its partner.", activityEnd.AddDays(-activityDays), activityEnd);
        application.ReplacePartners([(partner.Id, PartnerRole.Host)]);
        var share = budget is null ? 0m : Math.Round(amount / budget.Count, 2);
        application.ReplaceBudget(budget is null
            ? [(BudgetCategory.Travel, "Flights", 2m, new Money(amount / 2, application.Currency))]
            : budget.Select((line, i) => (BudgetCategory.Travel, line, 1m,
                new Money(i < budget.Count - 1 ? share : amount - share * (budget.Count - 1), application.Currency))));
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
