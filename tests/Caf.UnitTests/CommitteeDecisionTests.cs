using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

public sealed class CommitteeDecisionTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly ScoringRubric Rubric = ScoringRubric.Default(Now);
    private readonly GrantApplicationBuilder _given = new();

    [Fact]
    public void A_decision_within_the_request_and_the_ceiling_is_recorded()
    {
        var application = _given.InCommitteeReview(12_000m, ceiling: 50_000m);

        application.RecordDecision(new Money(10_000m, "CHF"), "  Strong South-South value.  ", "  Report by June.  ", Now);

        Assert.Equal(new Money(10_000m, "CHF"), application.ApprovedAmount);
        Assert.Equal("Strong South-South value.", application.DecisionRationale);
        Assert.Equal("Report by June.", application.Conditions);
        Assert.Equal(Now, application.DecidedAtUtc);
    }

    [Fact]
    public void A_decision_already_recorded_is_not_recorded_again()
    {
        var application = _given.InCommitteeReview(12_000m);
        application.RecordDecision(new Money(10_000m, "CHF"), "Strong South-South value.", null, Now);

        var ex = Assert.Throws<DomainException>(() =>
            application.RecordDecision(new Money(12_000m, "CHF"), "Second thoughts.", null, Now.AddDays(1)));

        Assert.Equal("The committee already decided on this application on 10 March 2026; its decision cannot be recorded again.", ex.Message);
        Assert.Equal(new Money(10_000m, "CHF"), application.ApprovedAmount);
        Assert.Equal("Strong South-South value.", application.DecisionRationale);
    }

    [Fact]
    public void Approving_exactly_the_requested_amount_is_allowed()
    {
        var application = _given.InCommitteeReview(12_000m);

        application.RecordDecision(new Money(12_000m, "CHF"), "Full amount.", null, Now);

        Assert.Equal(new Money(12_000m, "CHF"), application.ApprovedAmount);
        Assert.Null(application.Conditions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    public void Approving_zero_or_a_negative_amount_is_refused(int amount)
    {
        var application = _given.InCommitteeReview(12_000m);

        var ex = Assert.Throws<DomainException>(() => application.RecordDecision(new Money(amount, "CHF"), "Rationale", null, Now));
        Assert.Equal("The approved amount must be more than zero.", ex.Message);
        Assert.Equal(nameof(GrantApplication.ApprovedAmount), ex.Field);
        Assert.Null(application.ApprovedAmount);
    }

    [Fact]
    public void Approving_more_than_was_requested_is_refused()
    {
        var application = _given.InCommitteeReview(12_000m, ceiling: 50_000m);

        var ex = Assert.Throws<DomainException>(() =>
            application.RecordDecision(new Money(12_000.01m, "CHF"), "Rationale", null, Now));
        Assert.Equal("The approved amount cannot exceed the requested CHF 12,000.00.", ex.Message);
        Assert.Null(application.ApprovedAmount);
    }

    [Fact]
    public void Approving_more_than_the_rounds_ceiling_is_refused()
    {
        var application = _given.InCommitteeReview(12_000m, ceiling: 10_000m);

        var ex = Assert.Throws<DomainException>(() =>
            application.RecordDecision(new Money(11_000m, "CHF"), "Rationale", null, Now));
        Assert.Equal("The approved amount cannot exceed the round's ceiling of CHF 10,000.00.", ex.Message);
        Assert.Null(application.ApprovedAmount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_decision_without_a_rationale_is_refused(string rationale)
    {
        var application = _given.InCommitteeReview(12_000m);

        var ex = Assert.Throws<DomainException>(() => application.RecordDecision(new Money(1_000m, "CHF"), rationale, null, Now));
        Assert.Equal(nameof(GrantApplication.DecisionRationale), ex.Field);
        Assert.Null(application.ApprovedAmount);
    }

    [Fact]
    public void Approving_an_amount_in_another_currency_above_the_request_is_refused()
    {
        var application = _given.InCommitteeReview(12_000m);

        Assert.Throws<DomainException>(() => application.RecordDecision(new Money(20_000m, "USD"), "Rationale", null, Now));
        Assert.Null(application.ApprovedAmount);
    }

    // Same Money comparison bug: USD 5,000 > CHF 12,000 is answered false without checking the currency, so the
    // decision is stored as CHF 5,000.
    [Fact]
    public void Approving_an_amount_in_another_currency_below_the_request_is_refused()
    {
        var application = _given.InCommitteeReview(12_000m);

        Assert.Throws<DomainException>(() => application.RecordDecision(new Money(5_000m, "USD"), "Rationale", null, Now));
        Assert.Null(application.ApprovedAmount);
    }

    [Fact]
    public void A_decision_is_recorded_only_while_the_committee_reviews_the_application()
    {
        foreach (var application in new[] { _given.DraftRequesting(12_000m), _given.InGenderReview(12_000m) })
        {
            var ex = Assert.Throws<DomainException>(() => application.RecordDecision(new Money(10_000m, "CHF"), "Rationale", null, Now));
            Assert.Equal("The committee's decision is recorded while the committee reviews the application.", ex.Message);
            Assert.Null(application.ApprovedAmount);
        }
    }

    [Fact]
    public void Scores_are_given_only_while_the_committee_reviews_the_application()
    {
        var application = _given.InGenderReview(12_000m);

        var ex = Assert.Throws<DomainException>(() => application.AddScore(Rubric, "member-1", "Member One", null, 4, null, Now));
        Assert.Equal("Scores are given while the committee reviews the application.", ex.Message);
        Assert.Empty(application.Scores);
    }

    [Fact]
    public void A_conflict_is_declared_only_while_the_committee_reviews_the_application()
    {
        var application = _given.InGenderReview(12_000m);

        Assert.Equal("Conflicts are declared while the committee reviews the application.", Assert.Throws<DomainException>(() =>
            application.DeclareConflict("member-1", "Member One", null, "Advises the host.", Now)).Message);
        Assert.Empty(application.Conflicts);
    }

    [Fact]
    public void A_member_of_the_applicant_or_a_partner_state_is_recused_and_cannot_score()
    {
        var application = _given.DraftRequesting(12_000m);
        application.ReplacePartners([(_given.Partner.Id, PartnerRole.Host)]);
        GrantApplicationBuilder.ToCommitteeReview(application);

        Assert.True(application.IsRecused(_given.Applicant.Id));
        Assert.True(application.IsRecused(_given.Partner.Id));
        Assert.False(application.IsRecused(_given.OtherPartner.Id));
        Assert.False(application.IsRecused(null));
        var ex = Assert.Throws<DomainException>(() => application.AddScore(Rubric, "member-1", "Member", _given.Partner.Id, 4, null, Now));
        Assert.Contains("recused", ex.Message);
        Assert.Empty(application.Scores);
        application.AddScore(Rubric, "member-2", "Member Two", _given.OtherPartner.Id, 4, null, Now);
        Assert.Single(application.Scores);
    }

    [Fact]
    public void A_declared_conflict_recuses_the_member_and_leaves_an_earlier_score_out_of_the_count()
    {
        var application = _given.InCommitteeReview(12_000m);
        application.AddScore(Rubric, "member-1", "Member One", null, 5, null, Now);
        application.AddScore(Rubric, "member-2", "Member Two", null, 3, null, Now);

        Assert.Contains("Say what the conflict is", Assert.Throws<DomainException>(() =>
            application.DeclareConflict("member-1", "Member One", null, " ", Now)).Message);
        application.DeclareConflict("member-1", "Member One", null, "Advises the host's authority.", Now);

        Assert.True(application.IsRecused("member-1", null));
        Assert.False(application.IsRecused("member-2", null));
        Assert.Equal(["member-2"], application.CountingScores.Select(s => s.MemberUserId));
        Assert.Equal(2, application.Scores.Count);
        Assert.Throws<DomainException>(() => application.DeclareConflict("member-1", "Member One", null, "Again.", Now));
        Assert.Throws<DomainException>(() => application.AddScore(Rubric, "member-1", "Member One", null, 4, null, Now));
    }

    [Fact]
    public void A_member_who_scores_again_revises_their_scores()
    {
        var application = _given.InCommitteeReview(12_000m);
        application.AddScore(Rubric, "member-1", "Member One", null, 4, "Good", Now);

        application.AddScore(Rubric, "member-1", "Member One", null, 5, "Better on reflection", Now.AddHours(1));

        var score = Assert.Single(application.Scores);
        Assert.Equal(5, score.Score);
        Assert.Equal("Better on reflection", score.Comment);
    }

    [Fact]
    public void Scores_from_different_members_are_all_kept()
    {
        var application = _given.InCommitteeReview(12_000m);

        application.AddScore(Rubric, "member-1", "Member One", null, 1, null, Now);
        application.AddScore(Rubric, "member-2", "Member Two", null, 5, "  Excellent  ", Now);

        Assert.Equal([("member-1", 1, (string?)null), ("member-2", 5, "Excellent")],
            application.Scores.Select(s => (s.MemberUserId, s.Score, s.Comment)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_score_outside_one_to_five_is_refused(int score)
    {
        var application = _given.InCommitteeReview(12_000m);

        var ex = Assert.Throws<DomainException>(() => application.AddScore(Rubric, "member-1", "Member One", null, score, null, Now));
        Assert.Equal("'Relevance to the Convention and its action plan': a score is a whole number from 1 (weak) to 5 (excellent).", ex.Message);
        Assert.Empty(application.Scores);
    }

    [Fact]
    public void Scores_are_given_per_criterion_not_applicable_is_left_out_and_a_revision_is_counted_until_the_decision()
    {
        var application = _given.InCommitteeReview(12_000m);
        var criteria = Caf.Data.Committee.ScoringRubrics.Version1
            .Select(c => new CriterionScore(c.Code, c.Code == "gender" ? null : 4, c.Code == "cost" ? "Flights are dear." : null)).ToList();
        var score = application.SubmitScores(Rubric, "member-1", "Member One", null, criteria, null, Now);
        Assert.Equal(4m, score.WeightedScore);
        Assert.Null(score.Criteria.Single(c => c.Code == "gender").Score);
        Assert.Equal("Flights are dear.", score.Criteria.Single(c => c.Code == "cost").Comment);

        var missing = criteria.Where(c => c.Code != "learning").ToList();
        Assert.Contains("Score 'South-South learning value'", Assert.Throws<DomainException>(() =>
            application.SubmitScores(Rubric, "member-2", "Member Two", null, missing, null, Now)).Message);
        Assert.Contains("not everything can be 'not applicable'", Assert.Throws<DomainException>(() =>
            application.SubmitScores(Rubric, "member-2", "Member Two", null, criteria.Select(c => c with { Score = null }).ToList(), null, Now)).Message);

        application.SubmitScores(Rubric, "member-1", "Member One", null, criteria.Select(c => c with { Score = c.Score is null ? null : 2 }).ToList(), "Revised.", Now);
        var revised = Assert.Single(application.Scores);
        Assert.Equal(2, revised.Revision);
        Assert.Equal(2m, revised.WeightedScore);

        application.RecordDecision(new Money(10_000m, "CHF"), "Approved.", null, Now);
        Assert.Contains("can no longer change", Assert.Throws<DomainException>(() =>
            application.SubmitScores(Rubric, "member-1", "Member One", null, criteria, null, Now)).Message);
    }
}

/// <summary>Who records the committee's decision on an application: the chair, unless recused; then the acting chair only.</summary>
public sealed class ActingChairTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private readonly GrantApplicationBuilder _given = new();

    private GrantApplication InCommitteeReview() =>
        new(GrantApplicationBuilder.Round(), _given.Applicant, "Exchange", new WorkflowInstance("caf-grant", 1, GrantStages.CommitteeReview, Now), "user-1", Now);

    [Fact]
    public void A_chair_whose_state_applies_does_not_decide_and_a_chair_who_is_not_recused_does()
    {
        var application = InCommitteeReview();

        Assert.False(application.MayDecide("chair", _given.Applicant.Id, holdsChair: true));
        Assert.True(application.MayDecide("chair", _given.OtherPartner.Id, holdsChair: true));
        Assert.False(application.MayDecide("member", _given.OtherPartner.Id, holdsChair: false));
    }

    [Fact]
    public void The_designated_acting_chair_decides_that_application_and_no_other_member_does()
    {
        var application = InCommitteeReview();

        application.DesignateActingChair("member", "Member (Peru)", _given.OtherPartner.Id, chairRecused: true, Now);

        Assert.True(application.MayDecide("member", _given.OtherPartner.Id, holdsChair: false));
        Assert.False(application.MayDecide("another", _given.OtherPartner.Id, holdsChair: false));
        Assert.False(application.MayDecide("chair", _given.Applicant.Id, holdsChair: true));
        Assert.False(InCommitteeReview().MayDecide("member", _given.OtherPartner.Id, holdsChair: false));
        Assert.Equal("Member (Peru)", application.ActingChairName);
    }

    [Fact]
    public void A_recused_member_cannot_be_designated_nor_anyone_while_the_chair_is_not_recused()
    {
        var application = InCommitteeReview();

        var recused = Assert.Throws<DomainException>(() =>
            application.DesignateActingChair("member", "Member (Cambodia)", _given.Applicant.Id, chairRecused: true, Now));
        Assert.StartsWith("Member (Cambodia) is recused from this application", recused.Message);
        var chairFree = Assert.Throws<DomainException>(() =>
            application.DesignateActingChair("member", "Member (Peru)", _given.OtherPartner.Id, chairRecused: false, Now));
        Assert.Equal("The chair is not recused from this application, so the chair records its decision.", chairFree.Message);
        Assert.Null(application.ActingChairUserId);
    }
}
