using Caf.Data.Entities;
using Caf.Web.Features.Applications;

namespace Caf.UnitTests;

/// <summary>The delegation's make-up as the proposal summary states it for gender reporting.</summary>
public sealed class DelegationCountTests
{
    private static IReadOnlyList<Participant> Delegation(params (Sex Sex, AgeBand Age, Disability Disability)[] members)
    {
        var application = new GrantApplicationBuilder().Draft();
        application.ReplaceParticipants(members.Select((m, i) => ($"Person {i + 1}", "Officer", "CMAA", m.Sex, m.Age, m.Disability)));
        return application.Participants;
    }

    [Fact]
    public void Sex_counts_women_and_men_and_those_who_did_not_say()
    {
        var delegation = Delegation(
            (Sex.Female, AgeBand.Under25, Disability.No), (Sex.Female, AgeBand.From40To59, Disability.Yes),
            (Sex.Male, AgeBand.From25To39, Disability.NotStated), (Sex.Male, AgeBand.NotStated, Disability.No),
            (Sex.NotStated, AgeBand.From40To59, Disability.NotStated));

        Assert.Equal("2 women, 2 men; 1 not stated", ProposalView.CountBySex(delegation));
        Assert.Equal("1 under 25, 1 aged 25–39, 2 aged 40–59; 1 not stated", ProposalView.CountByAge(delegation));
        Assert.Equal("1 with a disability; 2 not stated", ProposalView.CountWithDisability(delegation));
    }

    [Fact]
    public void One_person_is_counted_in_the_singular_and_nothing_unstated_is_mentioned()
    {
        var delegation = Delegation((Sex.Female, AgeBand.SixtyAndOver, Disability.No), (Sex.Male, AgeBand.SixtyAndOver, Disability.No));

        Assert.Equal("1 woman, 1 man", ProposalView.CountBySex(delegation));
        Assert.Equal("2 aged 60 and over", ProposalView.CountByAge(delegation));
        Assert.Equal("0 with a disability", ProposalView.CountWithDisability(delegation));
    }

    [Fact]
    public void A_delegation_with_no_age_stated_says_so()
    {
        Assert.Equal("no age stated", ProposalView.CountByAge(Delegation((Sex.Male, AgeBand.NotStated, Disability.NotStated))));
    }
}
