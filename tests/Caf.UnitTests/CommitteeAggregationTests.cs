using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>How members' scores add up: weights, "not applicable" left out, recusals left out, strong disagreement flagged.</summary>
public sealed class CommitteeAggregationTests
{
    private static readonly RubricCriterion[] Rubric =
    [
        new("relevance", "Relevance", 25), new("learning", "South-South learning", 20), new("feasibility", "Feasibility", 15),
        new("gender", "Gender and diversity", 15), new("cost", "Cost-effectiveness", 15), new("follow-up", "Follow-up", 10),
    ];

    private static MemberScores Member(string name, params int?[] scores) => MemberScores(name, false, scores);

    private static MemberScores MemberScores(string name, bool recused, int?[] scores) =>
        new(name, name, recused, Rubric.Select((c, i) => (c.Code, scores[i])).ToDictionary(x => x.Code, x => x.Item2));

    [Fact]
    public void The_weighted_mean_uses_the_rubric_weights()
    {
        var result = CommitteeAggregation.Aggregate(Rubric, [Member("A", 5, 4, 3, 2, 1, 5)]);
        // (25×5 + 20×4 + 15×3 + 15×2 + 15×1 + 10×5) / 100 = 345 / 100
        Assert.Equal(3.45m, result.WeightedMean);
    }

    [Fact]
    public void Not_applicable_is_left_out_and_the_other_weights_count_in_full_rather_than_as_a_zero()
    {
        var result = CommitteeAggregation.Aggregate(Rubric, [Member("A", 4, 4, 4, null, 4, 4)]);
        Assert.Equal(4m, result.WeightedMean);
        var gender = result.Criteria.Single(c => c.Code == "gender");
        Assert.Null(gender.Mean);
        Assert.Equal(0, gender.Scored);

        // One member's N/A on a criterion: that criterion's mean is the others' mean.
        var mixed = CommitteeAggregation.Aggregate(Rubric, [Member("A", 4, 4, 4, null, 4, 4), Member("B", 2, 2, 2, 2, 2, 2)]);
        Assert.Equal(2m, mixed.Criteria.Single(c => c.Code == "gender").Mean);
        Assert.Equal(1, mixed.Criteria.Single(c => c.Code == "gender").Scored);
        Assert.Equal(3m, mixed.Criteria.Single(c => c.Code == "relevance").Mean);
        // (25×3 + 20×3 + 15×3 + 15×2 + 15×3 + 10×3) / 100
        Assert.Equal(2.85m, mixed.WeightedMean);
    }

    [Fact]
    public void A_recused_members_scores_do_not_count_at_all()
    {
        var result = CommitteeAggregation.Aggregate(Rubric,
            [Member("A", 3, 3, 3, 3, 3, 3), MemberScores("Recused", true, [5, 5, 5, 5, 5, 5])]);
        Assert.Equal(3m, result.WeightedMean);
        Assert.Equal(1, result.CountingMembers);
        Assert.Equal(1, result.RecusedMembers);
        Assert.DoesNotContain(result.Members, m => m.MemberName == "Recused");
    }

    [Fact]
    public void Members_who_differ_by_more_than_the_threshold_are_flagged_by_criterion_and_overall()
    {
        var close = CommitteeAggregation.Aggregate(Rubric, [Member("A", 4, 4, 4, 4, 4, 4), Member("B", 2, 3, 3, 3, 3, 3)]);
        Assert.False(close.Spread);
        var apart = CommitteeAggregation.Aggregate(Rubric, [Member("A", 5, 4, 4, 4, 4, 4), Member("B", 2, 4, 4, 4, 4, 4)]);
        Assert.True(apart.Spread);
        Assert.True(apart.Criteria.Single(c => c.Code == "relevance").Spread);
        Assert.False(apart.Criteria.Single(c => c.Code == "learning").Spread);
        Assert.True(CommitteeAggregation.Aggregate(Rubric, [Member("A", 5, 4, 4, 4, 4, 4), Member("B", 4, 4, 4, 4, 4, 4)], spreadThreshold: 0.5m).Spread);
    }

    [Fact]
    public void Nobody_scored_gives_no_mean_rather_than_zero()
    {
        var result = CommitteeAggregation.Aggregate(Rubric, []);
        Assert.Null(result.WeightedMean);
        Assert.All(result.Criteria, c => Assert.Null(c.Mean));
    }

    [Fact]
    public void A_rubric_whose_weights_do_not_sum_to_100_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CommitteeAggregation.Aggregate([new("a", "A", 60), new("b", "B", 30)], []));
    }

    [Fact]
    public void The_ranking_puts_the_best_first_and_draws_the_funding_line_at_the_envelope()
    {
        var ranked = RoundRanking.Rank(
        [
            (Guid.NewGuid(), "CAF-2026-003", "C", 3.1m, 20_000m, 1, true),
            (Guid.NewGuid(), "CAF-2026-001", "A", 4.2m, 30_000m, 2, true),
            (Guid.NewGuid(), "CAF-2026-004", "D", null, 5_000m, null, true),
            (Guid.NewGuid(), "CAF-2026-002", "B", 3.8m, 25_000m, 0, true),
        ], envelope: 60_000m);
        Assert.Equal(["CAF-2026-001", "CAF-2026-002", "CAF-2026-003", "CAF-2026-004"], ranked.Select(r => r.Reference));
        Assert.Equal([30_000m, 55_000m, 75_000m, 80_000m], ranked.Select(r => r.Cumulative));
        Assert.Equal([true, true, false, false], ranked.Select(r => r.WithinEnvelope));
    }

    [Fact]
    public void Rejected_withdrawn_and_ineligible_applications_do_not_eat_the_envelope()
    {
        // Before: the rejected 4.5 took 40,000 of the 60,000 and pushed B (approved at 20,000) and C below the line.
        var ranked = RoundRanking.Rank(
        [
            (Guid.NewGuid(), "CAF-2026-001", "Rejected", 4.5m, 40_000m, 2, RoundRanking.ClaimsEnvelope("Rejected")),
            (Guid.NewGuid(), "CAF-2026-002", "Approved, reduced", 4.0m, 20_000m, 1, RoundRanking.ClaimsEnvelope("Approved")),
            (Guid.NewGuid(), "CAF-2026-003", "Awaiting decision", 3.5m, 35_000m, 1, RoundRanking.ClaimsEnvelope("CommitteeReview")),
            (Guid.NewGuid(), "CAF-2026-004", "Withdrawn", 3.9m, 10_000m, 1, RoundRanking.ClaimsEnvelope("Withdrawn")),
            (Guid.NewGuid(), "CAF-2026-005", "Ineligible", null, 10_000m, 1, RoundRanking.ClaimsEnvelope("Ineligible")),
            (Guid.NewGuid(), "CAF-2026-006", "Beyond", 3.0m, 6_000m, 1, RoundRanking.ClaimsEnvelope("CommitteeReview")),
        ], envelope: 60_000m);

        Assert.Equal(["CAF-2026-002", "CAF-2026-003", "CAF-2026-006", "CAF-2026-001", "CAF-2026-004", "CAF-2026-005"],
            ranked.Select(r => r.Reference));
        Assert.Equal([true, true, true, false, false, false], ranked.Select(r => r.Counts));
        Assert.Equal([20_000m, 55_000m, 61_000m, 61_000m, 61_000m, 61_000m], ranked.Select(r => r.Cumulative));
        Assert.Equal([true, true, false, false, false, false], ranked.Select(r => r.WithinEnvelope));
    }

    [Fact]
    public void The_ranking_lists_the_applications_with_the_committee_or_decided_by_it_in_every_round_once_opened()
    {
        string[] listed = [GrantStages.CommitteeReview, GrantStages.Approved, GrantStages.Rejected, GrantStages.Active, GrantStages.Reporting,
            GrantStages.FinalReconciliation, GrantStages.Closed];
        Assert.Equal(listed.Order(StringComparer.Ordinal),
            GrantWorkflowNames.Stages.Select(s => s.Name).Where(RoundRanking.Lists).Order(StringComparer.Ordinal));

        var draft = new FundingRound(GrantApplicationBuilder.Round().Terms);
        var open = GrantApplicationBuilder.Round();
        var closed = GrantApplicationBuilder.Round();
        closed.Close(GrantApplicationBuilder.Now);
        var ranked = RoundRanking.IsRanked.Compile();
        Assert.Equal([false, true, true], new[] { draft, open, closed }.Select(ranked));
    }

    [Fact]
    public void An_application_claims_its_approved_amount_once_approved_and_its_request_before()
    {
        BudgetLine[] lines = [.. new GrantApplicationBuilder().DraftRequesting(12_000m).BudgetLines];
        Assert.Equal(12_000m, RoundRanking.Claim(null, lines, "CHF"));
        Assert.Equal(9_500m, RoundRanking.Claim(9_500m, lines, "CHF"));
        Assert.Equal(0m, RoundRanking.Claim(null, [], "CHF"));
    }

    [Theory]
    [InlineData(3.445, 2, 3.45)]
    [InlineData(0.485, 2, 0.49)]
    [InlineData(-0.485, 2, -0.49)]
    [InlineData(3.5, 0, 4)]
    [InlineData(2.5, 0, 3)]
    public void Committee_figures_round_half_away_from_zero(double value, int decimals, double expected)
    {
        Assert.Equal((decimal)expected, CommitteeAggregation.RoundScore((decimal)value, decimals));
    }
}
