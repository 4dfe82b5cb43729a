using Caf.Data;
using Caf.Data.Committee;

namespace Caf.UnitTests;

public sealed class CommitteeDecisionRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static CommitteeDecision Decision(string? choice = GrantTriggers.Approve, decimal? amount = 10_000m, DateOnly? meeting = null,
        string? rationale = "Strong South-South value.", string? conditions = null, params string[] present) =>
        new(choice, amount, meeting ?? Today, present.Length > 0 ? present : ["Thailand's member"], rationale, conditions);

    private static List<string> FieldsOf(CommitteeDecision decision) => decision.Problems(Today).Select(p => p.Field).ToList();

    [Theory]
    [InlineData(GrantTriggers.Approve)]
    [InlineData(GrantTriggers.Reject)]
    [InlineData(GrantTriggers.Defer)]
    public void A_complete_decision_of_each_kind_breaks_no_rule(string choice) => Assert.Empty(FieldsOf(Decision(choice)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("submit")]
    [InlineData("APPROVE")]
    public void Anything_but_approve_reject_or_defer_is_refused(string? choice) =>
        Assert.Equal([nameof(CommitteeDecision.Decision)], FieldsOf(Decision(choice)));

    [Fact]
    public void Approving_needs_an_amount_rejecting_does_not()
    {
        Assert.Equal([nameof(CommitteeDecision.ApprovedAmount)], FieldsOf(Decision(amount: null)));
        Assert.Empty(FieldsOf(Decision(GrantTriggers.Reject, amount: null)));
    }

    [Fact]
    public void A_meeting_today_is_allowed_tomorrow_is_in_the_future()
    {
        Assert.Empty(FieldsOf(Decision(meeting: Today)));
        var problem = Assert.Single(Decision(meeting: Today.AddDays(1)).Problems(Today));
        Assert.Equal((nameof(CommitteeDecision.MeetingDate), "The meeting cannot be in the future."), problem);
    }

    [Fact]
    public void A_meeting_before_2000_is_refused_and_1_January_2000_is_allowed()
    {
        Assert.Empty(FieldsOf(Decision(meeting: new DateOnly(2000, 1, 1))));
        Assert.Equal([nameof(CommitteeDecision.MeetingDate)], FieldsOf(Decision(meeting: new DateOnly(1999, 12, 31))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Every_decision_needs_a_rationale(string? rationale) =>
        Assert.Equal([nameof(CommitteeDecision.DecisionRationale)], FieldsOf(Decision(GrantTriggers.Defer, rationale: rationale)));

    [Fact]
    public void A_rationale_or_conditions_over_4000_characters_are_refused_and_4000_is_allowed()
    {
        Assert.Empty(FieldsOf(Decision(rationale: new string('r', 4000), conditions: new string('c', 4000))));
        Assert.Equal([nameof(CommitteeDecision.DecisionRationale), nameof(CommitteeDecision.Conditions)],
            FieldsOf(Decision(rationale: new string('r', 4001), conditions: new string('c', 4001))));
    }

    [Fact]
    public void A_blank_name_among_the_members_present_is_refused() =>
        Assert.Equal([nameof(CommitteeDecision.Present)], FieldsOf(Decision(present: ["Thailand's member", " "])));

    [Fact]
    public void Every_broken_rule_is_listed_at_once() =>
        Assert.Equal(
            [nameof(CommitteeDecision.ApprovedAmount), nameof(CommitteeDecision.MeetingDate), nameof(CommitteeDecision.DecisionRationale)],
            FieldsOf(Decision(amount: null, meeting: Today.AddDays(3), rationale: "")));
}
