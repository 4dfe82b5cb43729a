using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>Builds an application in memory, as a draft or in a later stage, with the states and round it needs.</summary>
internal sealed class GrantApplicationBuilder
{
    public static readonly DateTime Now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    public StateParty Applicant { get; } = new("KHM", "Cambodia", isStateParty: true);
    public StateParty Partner { get; } = new("COL", "Colombia", isStateParty: true);
    public StateParty OtherPartner { get; } = new("SEN", "Senegal", isStateParty: true);

    public static FundingRound Round(decimal ceiling = 50_000m, string currency = "CHF") =>
        FundingRound.CreateOpen(new RoundTerms("2026 round", "South-South exchanges.", Now.AddDays(-10), Now.AddDays(20),
            new Money(ceiling, currency), new Money(ceiling, currency), 90, new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 31),
            [currency]), Now);

    public static WorkflowInstance DraftWorkflow() => new("caf-grant", 1, GrantStages.Draft, Now);

    public GrantApplication Draft(decimal ceiling = 50_000m, string currency = "CHF") =>
        new(Round(ceiling, currency), Applicant, "South-South exchange on land release", DraftWorkflow(), "user-1", Now);

    /// <summary>A draft whose budget totals <paramref name="requested"/> in CHF, in one line.</summary>
    public GrantApplication DraftRequesting(decimal requested, decimal ceiling = 50_000m)
    {
        var application = Draft(ceiling);
        application.ReplaceBudget([(BudgetCategory.Travel, "Flights", 1m, new Money(requested, "CHF"))]);
        return application;
    }

    /// <summary>Approved by the committee for <paramref name="approved"/> CHF (all it asked), waiting for its agreement.</summary>
    /// <remarks>With <paramref name="committed"/>, the approved amount is also committed, as the commit-funds action does.</remarks>
    public GrantApplication Approved(decimal approved = 10_000m, bool committed = false)
    {
        var application = InCommitteeReview(approved);
        application.RecordDecision(new Money(approved, "CHF"), "Strong South-South value.", null, Now);
        MoveTo(application, GrantStages.Approved);
        if (committed)
            application.AddLedgerEntry(LedgerEntryKind.Commitment, Conversion.Same(new Money(approved, "CHF"), DateOnly.FromDateTime(Now)), DateOnly.FromDateTime(Now), "Commitment", null,
                "finance-1", Now);
        return application;
    }

    /// <summary>Signed, with <paramref name="firstTranche"/> CHF paid on signature, and moved on to <paramref name="stage"/>.</summary>
    public GrantApplication Signed(decimal approved = 10_000m, decimal firstTranche = 8_000m, string stage = GrantStages.Active,
        bool committed = false)
    {
        var application = Approved(approved, committed);
        SignAndPay(application, Conversion.Same(new Money(firstTranche, "CHF"), DateOnly.FromDateTime(Now)));
        MoveTo(application, stage);
        return application;
    }

    /// <summary>
    /// The agreement recorded with <paramref name="paid"/> on signature and the rest after the final reports, and the first
    /// tranche paid under four eyes (requested by finance-1, approved by finance-2).
    /// </summary>
    public static LedgerEntry SignAndPay(GrantApplication application, Conversion paid, string bankReference = "T1")
    {
        var today = DateOnly.FromDateTime(Now);
        var rest = application.ApprovedAmount!.Value - paid.Amount;
        Agree(application, rest.Amount > 0
            ? [new(paid.Amount.Amount, TrancheCondition.OnSignature), new(rest.Amount, TrancheCondition.AfterFinalReports)]
            : [new(paid.Amount.Amount, TrancheCondition.OnSignature)]);
        return PayTranche(application, 1, paid, bankReference);
    }

    /// <summary>The agreement recorded today with <paramref name="plan"/>, and the grantee's bank details (as the use case encrypts them).</summary>
    public static void Agree(GrantApplication application, IReadOnlyList<TranchePlan> plan)
    {
        var today = DateOnly.FromDateTime(Now);
        application.RecordAgreement(today, plan, today);
        application.SetBankDetails("CfDJ8-protected-test-details", "Ministry of Defence, KH12 •••• 345, ACLEDA Bank (ACLBKHPP)", "finance-1", Now);
    }

    /// <summary>Tranche <paramref name="number"/> requested by finance-1, approved by finance-2 and paid on <paramref name="valueDate"/> (today).</summary>
    public static LedgerEntry PayTranche(GrantApplication application, int number, Conversion paid, string bankReference, DateOnly? valueDate = null)
    {
        var request = application.RequestDisbursement(number, paid.Amount, "finance-1", Now);
        application.ApproveDisbursement(request.Id, "finance-2", Now);
        return application.PayDisbursement(request.Id, paid, valueDate ?? DateOnly.FromDateTime(Now), bankReference, "finance-1", Now);
    }

    /// <summary>
    /// A draft with every part of the proposal submission asks for (<see cref="GrantApplication.SubmissionProblems"/> is empty).
    /// </summary>
    public GrantApplication Complete()
    {
        var application = Draft();
        application.UpdateDraft("Exchange", "Summary.", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 8));
        application.ReplacePartners([(Partner.Id, PartnerRole.Host)]);
        application.ReplaceBudget([(BudgetCategory.Travel, "Flights", 2m, new Money(1_000m, "CHF"))]);
        application.ReplaceActivities([("Visit", new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 6), "Bogotá", Partner.Id)]);
        application.Attach(AttachmentKind.EndorsementLetter, "letter.pdf", "application/pdf", "%PDF-1"u8.ToArray(), "u", Now);
        CompleteNarrative(application);
        return application;
    }

    /// <summary>The narrative, results and delegation a complete proposal needs.</summary>
    public static void CompleteNarrative(GrantApplication application)
    {
        application.DescribeProposal(ThematicArea.VictimAssistance, "Objectives.", "Gender analysis.", "Do no harm.", "Follow-up plan.");
        application.ReplaceResults([("Teams trained", "Number of teams", "4", true, false)]);
        application.ReplaceParticipants([("Ana", "Director", "CMAA", Sex.Female, AgeBand.NotStated, Disability.NotStated)]);
    }

    /// <summary>The workflow engine's doing, in one step: the application is now at <paramref name="stage"/>.</summary>
    public static void MoveTo(GrantApplication application, string stage) =>
        application.Workflow!.RecordTransition("test", stage, "user-1", "Test", null, Now);

    public static void Submit(GrantApplication application) =>
        application.Workflow!.RecordTransition(GrantTriggers.Submit, "Submitted", "user-1", "Applicant One", null, Now);

    /// <summary>A submitted application the ISU screened and asked questions about, reopening <paramref name="reopened"/>.</summary>
    public GrantApplication InClarification(params ProposalSection[] reopened)
    {
        var application = Draft();
        Submit(application);
        application.Workflow!.RecordTransition(GrantTriggers.StartScreening, GrantStages.EligibilityScreening, "isu", "ISU", null, Now);
        application.RecordScreening(ScreeningOutcome.Clarification, [new ScreeningAnswer(1, "Item", true, null)], "One question.", "isu", Now);
        application.RequestClarification("Add interpretation.", reopened, "isu", Now);
        application.Workflow!.RecordTransition(GrantTriggers.RequestClarification, GrantStages.ClarificationRequested, "isu", "ISU", null, Now);
        return application;
    }

    /// <summary>A submitted application whose budget totals <paramref name="requested"/> in CHF, being screened by the ISU.</summary>
    public GrantApplication InEligibilityScreening(decimal requested = 12_000m, decimal ceiling = 50_000m) =>
        ToEligibilityScreening(DraftRequesting(requested, ceiling));

    /// <summary>An application declared eligible, waiting for the gender focal point's checklist.</summary>
    public GrantApplication InGenderReview(decimal requested = 12_000m, decimal ceiling = 50_000m) =>
        ToGenderReview(DraftRequesting(requested, ceiling));

    /// <summary>An application through the gender checklist, with the committee: scored, then decided.</summary>
    public GrantApplication InCommitteeReview(decimal requested = 12_000m, decimal ceiling = 50_000m) =>
        ToCommitteeReview(DraftRequesting(requested, ceiling));

    /// <summary>Submits a draft (completed as the test needs) and starts its screening.</summary>
    public static GrantApplication ToEligibilityScreening(GrantApplication draft)
    {
        Submit(draft);
        Move(draft, GrantTriggers.StartScreening, GrantStages.EligibilityScreening);
        return draft;
    }

    public static GrantApplication ToGenderReview(GrantApplication draft)
    {
        Move(ToEligibilityScreening(draft), GrantTriggers.DeclareEligible, GrantStages.GenderReview);
        return draft;
    }

    public static GrantApplication ToCommitteeReview(GrantApplication draft)
    {
        Move(ToGenderReview(draft), GrantTriggers.CompleteChecklist, GrantStages.CommitteeReview);
        return draft;
    }

    /// <summary>Records a transition as the engine would after its checks: these tests are about the application, not the workflow.</summary>
    public static void Move(GrantApplication application, string trigger, string toStage) =>
        application.Workflow!.RecordTransition(trigger, toStage, "isu", "ISU", null, Now);
}
