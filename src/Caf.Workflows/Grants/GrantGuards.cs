using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.Extensions.Options;

namespace Caf.Workflows.Grants;

/// <summary>Base for guards over a grant application: each says, in words for the user, what is missing.</summary>
internal abstract class GrantGuard : IWorkflowGuard
{
    public abstract string Name { get; }
    public abstract string Description { get; }

    public ValueTask<GuardResult> EvaluateAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Evaluate(context.SubjectAs<GrantApplication>(), context));

    protected abstract GuardResult Evaluate(GrantApplication application, WorkflowContext context);
}

internal sealed class HasBudgetLinesGuard : GrantGuard
{
    public override string Name => "has-budget-lines";
    public override string Description => "The application has at least one budget line.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.BudgetLines.Count > 0
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.BudgetLines"), "BudgetLines");
}

internal sealed class HasPartnerGuard : GrantGuard
{
    public override string Name => "has-partner";
    public override string Description => "At least one partner State Party other than the applicant takes part.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.Partners.Any(p => p.StatePartyId != a.ApplicantStateId)
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.Partner"), "Partners");
}

internal sealed class RoundOpenGuard : GrantGuard
{
    public override string Name => "round-open";
    public override string Description => "The round is open for applications.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c)
    {
        var round = a.Round ?? throw new InvalidOperationException("Load the round with the application.");
        return round.IsOpenAt(c.UtcNow)
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.RoundClosed", round.Title, FundTime.DescribeWithUtc(round.OpensAtUtc), FundTime.DescribeWithUtc(round.ClosesAtUtc)));
    }
}

internal sealed class WithinCeilingGuard : GrantGuard
{
    public override string Name => "within-ceiling";
    public override string Description => "The amount requested is no more than the round's ceiling.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c)
    {
        var round = a.Round ?? throw new InvalidOperationException("Load the round with the application.");
        return a.RequestedAmount <= round.Ceiling
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.AboveCeiling", a.RequestedAmount, round.Ceiling), "BudgetLines");
    }
}

internal sealed class GenderChecklistCompleteGuard : GrantGuard
{
    public override string Name => "gender-checklist-complete";
    public override string Description => "The gender-lens checklist is complete and a gender marker chosen.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.GenderReview is not null
            ? GuardResult.Ok
            // "Answers": the checklist's own form supplies what is missing, so the application page names it only there.
            : GuardResult.Unmet(DomainText.Get("Guard.Checklist"), "Answers");
}

internal sealed class CommitteeQuorumGuard(IOptions<GrantRulesOptions> options) : GrantGuard
{
    public override string Name => "committee-quorum";
    public override string Description => $"At least {options.Value.CommitteeQuorum} committee members who are not recused have scored the application.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c)
    {
        var quorum = options.Value.CommitteeQuorum;
        var counting = a.CountingScores.Count;
        return counting >= quorum
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.Quorum", quorum, counting));
    }
}

internal sealed class DecisionRecordedGuard : GrantGuard
{
    public override string Name => "decision-recorded";
    public override string Description => "The approved amount and the committee's rationale are recorded.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.ApprovedAmount is not null && !string.IsNullOrWhiteSpace(a.DecisionRationale)
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.Decision"), "ApprovedAmount");
}

internal sealed class FirstTrancheDisbursedGuard : GrantGuard
{
    public override string Name => "first-tranche-disbursed";
    public override string Description => "The agreement is signed and the first tranche is recorded as paid.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.AgreementSignedOn is not null && a.Disbursed.Amount > 0
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.FirstTranche"), "SignedOn");
}

internal sealed class FinalReportSubmittedGuard : GrantGuard
{
    public override string Name => "final-report-submitted";
    public override string Description => "The grantee has submitted the final report.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.Reports.Any(r => r.IsFinal && r.Status == ReportStatus.Submitted)
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.NoFinalReport"));
}

internal sealed class GrantBalancedGuard : GrantGuard
{
    public override string Name => "grant-balanced";
    public override string Description => "What was paid, less refunds and any refund waived, equals the expenditure accepted (up to the approved amount).";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.SettlementProblem() is { } problem ? GuardResult.Unmet(problem) : GuardResult.Ok;
}

internal sealed class ProposalCompleteGuard : GrantGuard
{
    public override string Name => "proposal-complete";
    public override string Description =>
        "Every required part of the proposal is filled in (DESIGN.md §5) and the endorsement letter is attached.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c)
    {
        var problems = a.SubmissionProblems();
        return problems.Count == 0
            ? GuardResult.Ok
            : GuardResult.Unmet(problems.Count == 1 ? problems[0].Message
                : DomainText.Get(problems.Count == 2 ? "Proposal.AndOneMore" : "Proposal.AndMore", problems[0].Message, problems.Count - 1), problems[0].Field);
    }
}

internal sealed class ScreeningDecidedGuard : GrantGuard
{
    public override string Name => "screening-decided";
    public override string Description => "The ISU has answered its screening checklist and recorded this decision with a rationale.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c)
    {
        var expected = c.Transition.Trigger switch
        {
            GrantTriggers.DeclareEligible => ScreeningOutcome.Eligible,
            GrantTriggers.DeclareIneligible => ScreeningOutcome.Ineligible,
            _ => ScreeningOutcome.Clarification,
        };
        return a.LatestScreening?.Outcome == expected
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.Screening"), "Screening");
    }
}

internal sealed class EligibilityChecksPassedGuard : GrantGuard
{
    public override string Name => "eligibility-checks-passed";
    public override string Description => "Every automatic eligibility check of the latest run passed.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c)
    {
        var checks = a.LatestChecks;
        if (checks.Count == 0) return GuardResult.Unmet(DomainText.Get("Guard.ChecksNotRun"));
        var failed = checks.Where(x => !x.Passed).ToList();
        return failed.Count == 0
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.ChecksFailed", string.Join("; ", failed.Select(f => DomainText.CheckTitle(f.Code, f.Title)))));
    }
}

internal sealed class ClarificationAnsweredGuard : GrantGuard
{
    public override string Name => "clarification-answered";
    public override string Description => "The applicant has answered the ISU's questions.";

    protected override GuardResult Evaluate(GrantApplication a, WorkflowContext c) =>
        a.Clarifications.Count > 0 && a.OpenClarification is null
            ? GuardResult.Ok
            : GuardResult.Unmet(DomainText.Get("Guard.Answer"), "Answer");
}
