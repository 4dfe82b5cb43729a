using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>Which applications the register of conflicts looks at: those that reached the committee, whatever became of them since.</summary>
public sealed class CommitteeRegisterTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private readonly GrantApplicationBuilder _given = new();

    private static GrantApplication WithChecklist(GrantApplication inGenderReview)
    {
        inGenderReview.CompleteGenderReview(new GenderReview(inGenderReview.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)null), 8).ToList(), 1, "Balanced delegation.", "gfp-1", Now));
        GrantApplicationBuilder.Move(inGenderReview, GrantTriggers.CompleteChecklist, GrantStages.CommitteeReview);
        return inGenderReview;
    }

    [Fact]
    public void An_application_reached_the_committee_once_its_gender_checklist_was_completed_even_if_withdrawn_since()
    {
        var screened = _given.InGenderReview();
        var reviewed = WithChecklist(_given.InGenderReview());
        var withdrawn = WithChecklist(_given.InGenderReview());
        GrantApplicationBuilder.Move(withdrawn, GrantTriggers.Withdraw, GrantStages.Withdrawn);

        var reached = new[] { screened, reviewed, withdrawn }.AsQueryable().ReachedCommittee().ToList();

        Assert.Equal([reviewed, withdrawn], reached);
    }

    [Fact]
    public void A_member_is_recused_from_the_register_by_the_state_that_applies_or_is_a_partner_and_never_without_a_state()
    {
        var applicant = Guid.NewGuid();
        var partner = Guid.NewGuid();
        Assert.True(GrantApplication.IsRecusedByState(applicant, applicant, [partner]));
        Assert.True(GrantApplication.IsRecusedByState(partner, applicant, [partner]));
        Assert.False(GrantApplication.IsRecusedByState(Guid.NewGuid(), applicant, [partner]));
        Assert.False(GrantApplication.IsRecusedByState(null, applicant, [partner]));
    }
}
