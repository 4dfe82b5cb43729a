using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Web.Features.Applications;
using Caf.Web.Features.Shared;

namespace Caf.UnitTests;

/// <summary>
/// Whether an application allows an action now, asked by its page to offer the action and checked by the action itself:
/// one rule, so that the page never offers what the action refuses, nor hides what it allows.
/// </summary>
public sealed class ApplicationActionRulesTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly ScoringRubric Rubric = ScoringRubric.Default(Now);
    private readonly GrantApplicationBuilder _given = new();

    [Fact]
    public void A_member_may_score_while_the_committee_reviews_and_then_revise_until_it_decides()
    {
        var application = _given.InCommitteeReview();
        Assert.True(application.MayScore("member-1", null));
        Assert.False(application.HasScored("member-1"));

        application.AddScore(Rubric, "member-1", "Member One", null, 4, null, Now);

        Assert.True(application.HasScored("member-1"));
        Assert.False(application.HasScored("member-2"));
        Assert.True(application.MayScore("member-1", null));
        application.RecordDecision(new Money(10_000m, "CHF"), "Strong value.", null, Now);
        Assert.Equal("The committee has decided; scores can no longer change.", application.ScoringProblem("member-1", null));
        Assert.False(application.MayScore("member-1", null));
    }

    [Fact]
    public void A_member_recused_by_state_or_by_a_declared_conflict_may_not_score_and_the_score_is_refused_with_the_same_reason()
    {
        var application = _given.InCommitteeReview();
        application.DeclareConflict("member-2", "Member Two", null, "Advises the applicant.", Now);

        foreach (var (member, state, reason) in new[]
                 {
                     ("member-1", (Guid?)_given.Applicant.Id, "You are recused from this application: your state is its applicant or a partner."),
                     ("member-2", null, "You declared a conflict of interest on this application, so you do not score it."),
                 })
        {
            Assert.False(application.MayScore(member, state));
            Assert.Equal(reason, application.ScoringProblem(member, state));
            Assert.Equal(reason, Assert.Throws<DomainException>(() => application.AddScore(Rubric, member, member, state, 4, null, Now)).Message);
        }
    }

    [Fact]
    public void Nobody_may_score_an_application_that_is_not_before_the_committee()
    {
        var application = _given.InGenderReview();
        Assert.False(application.MayScore("member-1", null));
        Assert.Equal("Scores are given while the committee reviews the application.", application.ScoringProblem("member-1", null));
    }

    [Fact]
    public void A_member_may_declare_a_conflict_once_while_the_committee_reviews_and_not_when_recused_by_state()
    {
        Assert.Equal("Conflicts are declared while the committee reviews the application.",
            _given.InGenderReview().ConflictProblem("member-1", null));
        var application = _given.InCommitteeReview();
        Assert.True(application.MayDeclareConflict("member-1", null));
        Assert.False(application.MayDeclareConflict("member-1", _given.Applicant.Id));

        application.DeclareConflict("member-1", "Member One", null, "Advises the applicant.", Now);

        Assert.False(application.MayDeclareConflict("member-1", null));
        Assert.Equal("You are already recused from this application.", application.ConflictProblem("member-1", null));
        Assert.Equal("You are already recused from this application.",
            Assert.Throws<DomainException>(() => application.DeclareConflict("member-1", "Member One", null, "Again.", Now)).Message);
    }

    [Fact]
    public void An_acting_chair_is_designated_only_while_the_committee_reviews()
    {
        Assert.True(_given.InCommitteeReview().MayDesignateActingChair);
        var approved = _given.Approved();
        Assert.False(approved.MayDesignateActingChair);
        Assert.Equal("An acting chair is designated while the committee reviews the application.", Assert.Throws<DomainException>(() =>
            approved.DesignateActingChair("member-1", "Member One", null, chairRecused: true, Now)).Message);
    }

    [Fact]
    public void The_final_report_may_be_sent_while_reports_are_due_and_none_is_waiting_for_review()
    {
        Assert.False(_given.Signed(stage: GrantStages.Active).MaySubmitFinalReport);
        var application = _given.Signed(stage: GrantStages.Reporting);
        Assert.True(application.MaySubmitFinalReport);

        application.SubmitFinalReport("report.pdf", "application/pdf", [1, 2, 3], 9_000m, "applicant-1", Now);

        Assert.False(application.MaySubmitFinalReport);
        Assert.Equal(application.FinalReportProblem(), Assert.Throws<DomainException>(() =>
            application.SubmitFinalReport("again.pdf", "application/pdf", [1], 9_000m, "applicant-1", Now)).Message);
        Assert.StartsWith("Your final report sent on 10 March 2026 is waiting for the ISU's review", application.FinalReportProblem());
    }

    [Fact]
    public void The_last_tranche_and_a_refund_are_recorded_only_at_final_reconciliation()
    {
        Assert.True(_given.Signed(stage: GrantStages.FinalReconciliation).MaySettle);
        var reporting = _given.Signed(stage: GrantStages.Reporting);
        Assert.False(reporting.MaySettle);
        Assert.Equal("Tranche 2 is paid once the final reports are accepted.", reporting.DisbursementRequestProblem(2, 1m));
        Assert.Equal("A refund from the grantee is recorded at final reconciliation; this grant is at the stage 'Reporting'.",
            Assert.Throws<DomainException>(() =>
                reporting.RecordRefund(Conversion.Same(new Money(1m, "CHF"), DateOnly.FromDateTime(Now)), DateOnly.FromDateTime(Now), null, "finance-1", Now)).Message);
    }

    private static ClaimsPrincipal Person(string userId, Guid? state, params string[] roles) =>
        new(new ClaimsIdentity(
            new[] { new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userId) }
                .Concat(state is { } s ? [new Claim(CafClaims.StateParty, s.ToString())] : [])
                .Concat(roles.Select(r => new Claim(ClaimTypes.Role, r))),
            "test"));

    private static string[] Labels(GrantApplication application, ClaimsPrincipal user) =>
        ApplicationTasks.For(application, user).Select(t => t.Label).ToArray();

    [Fact]
    public void The_page_offers_a_member_to_score_or_revise_and_to_declare_a_conflict_unless_recused()
    {
        var application = _given.InCommitteeReview();
        var member = Person("member-1", null, CafRoles.CommitteeMember);
        Assert.Equal(["Score this application", "Declare a conflict of interest"], Labels(application, member));

        application.AddScore(Rubric, "member-1", "Member One", null, 4, null, Now);
        Assert.Equal(["Revise my scores", "Declare a conflict of interest"], Labels(application, member));
        Assert.Equal($"/Committee/Score/{application.Id}", ApplicationTasks.For(application, member)[0].Href);

        Assert.Empty(Labels(application, Person("member-2", _given.Applicant.Id, CafRoles.CommitteeMember)));
        Assert.Equal(["Designate an acting chair (when the chair is recused)"], Labels(application, Person("isu-1", null, CafRoles.IsuOfficer)));
    }

    [Fact]
    public void The_page_offers_the_applicant_its_final_report_and_finance_the_settlement_when_the_application_allows_them()
    {
        var applicant = Person("applicant-1", _given.Applicant.Id, CafRoles.Applicant);
        var finance = Person("finance-1", null, CafRoles.Finance);
        var reporting = _given.Signed(stage: GrantStages.Reporting);
        Assert.Equal(["Submit the final report"], Labels(reporting, applicant));
        Assert.Equal(["Tranches and payments"], Labels(reporting, finance));
        Assert.Empty(Labels(reporting, Person("applicant-2", _given.Partner.Id, CafRoles.Applicant)));

        var reconciling = _given.Signed(stage: GrantStages.FinalReconciliation);
        Assert.Equal(["Tranches and payments", "Reconcile the grant", "Record a refund from the grantee"], Labels(reconciling, finance));
        Assert.Empty(Labels(_given.Approved(), finance));
        Assert.Empty(Labels(reconciling, applicant));
        Assert.Equal(["Edit the draft"], Labels(_given.Draft(), applicant));
    }
}
