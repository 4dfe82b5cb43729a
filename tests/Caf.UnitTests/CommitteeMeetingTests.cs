using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>What goes into a meeting's minutes: decisions on applications of its round, while the committee reviews them.</summary>
public sealed class CommitteeMeetingTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private readonly GrantApplicationBuilder _given = new();

    private static CommitteeMeeting MeetingOf(GrantApplication application, int daysLater = 0) =>
        new(application.RoundId, Today.AddDays(daysLater), ["Chair"], "chair-1", Now.AddDays(daysLater));

    [Fact]
    public void A_deferral_at_one_meeting_then_a_decision_at_a_later_one_are_both_minuted()
    {
        var application = _given.InCommitteeReview();
        var first = MeetingOf(application);
        first.Record(application, GrantTriggers.Defer, "Wait for the host.", Now);
        var second = MeetingOf(application, daysLater: 30);

        second.Record(application, GrantTriggers.Reject, "Out of scope.", Now.AddDays(30));

        Assert.Equal(GrantTriggers.Defer, Assert.Single(first.Decisions).Decision);
        Assert.Equal(GrantTriggers.Reject, Assert.Single(second.Decisions).Decision);
    }

    [Fact]
    public void A_deferral_then_an_approval_the_same_day_are_both_minuted()
    {
        var application = _given.InCommitteeReview();
        var meeting = MeetingOf(application);
        meeting.Record(application, GrantTriggers.Defer, "Wait for the host.", Now);
        application.RecordDecision(new Money(10_000m, "CHF"), "Host confirmed.", null, Now);

        meeting.Record(application, GrantTriggers.Approve, "Host confirmed.", Now);

        Assert.Equal([GrantTriggers.Defer, GrantTriggers.Approve], meeting.Decisions.Select(d => d.Decision));
        Assert.Equal(10_000m, meeting.Decisions[1].Amount);
    }

    [Fact]
    public void The_same_decision_is_not_minuted_twice_in_one_meeting()
    {
        var application = _given.InCommitteeReview();
        var meeting = MeetingOf(application);
        meeting.Record(application, GrantTriggers.Defer, "Wait for the host.", Now);

        var ex = Assert.Throws<DomainException>(() => meeting.Record(application, GrantTriggers.Defer, "Again.", Now));

        Assert.Equal("This meeting's minutes already record the deferral of South-South exchange on land release.", ex.Message);
        Assert.Single(meeting.Decisions);
    }

    [Fact]
    public void Only_an_approval_a_rejection_or_a_deferral_is_minuted()
    {
        var application = _given.InCommitteeReview();
        var meeting = MeetingOf(application);

        var ex = Assert.Throws<DomainException>(() => meeting.Record(application, GrantTriggers.Submit, "Rationale", Now));

        Assert.Equal("The committee approves, rejects or defers an application.", ex.Message);
        Assert.Empty(meeting.Decisions);
    }

    [Fact]
    public void A_decision_is_minuted_only_while_the_committee_reviews_the_application()
    {
        var application = _given.InGenderReview();
        var meeting = MeetingOf(application);

        var ex = Assert.Throws<DomainException>(() => meeting.Record(application, GrantTriggers.Defer, "Rationale", Now));

        Assert.Contains("while the committee reviews the application", ex.Message, StringComparison.Ordinal);
        Assert.Empty(meeting.Decisions);
    }

    [Fact]
    public void A_meeting_minutes_decisions_only_on_applications_of_its_round()
    {
        var application = _given.InCommitteeReview();
        var otherRound = new CommitteeMeeting(Guid.NewGuid(), Today, ["Chair"], "chair-1", Now);

        var ex = Assert.Throws<DomainException>(() => otherRound.Record(application, GrantTriggers.Defer, "Rationale", Now));

        Assert.Equal("South-South exchange on land release belongs to another round than this meeting's.", ex.Message);
    }
}
