using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;

namespace Caf.UnitTests;

/// <summary>Where an application stands, as its page lists the steps (issue 15): only steps gone through are done.</summary>
public sealed class StagePathTests
{
    private static readonly HashSet<string> Terminal = [GrantStages.Ineligible, GrantStages.Rejected, GrantStages.Withdrawn, GrantStages.Closed];

    private static WorkflowInstance Through(params string[] stages)
    {
        var instance = new WorkflowInstance("caf-grant", 4, GrantStages.Draft, GrantApplicationBuilder.Now);
        foreach (var stage in stages) instance.RecordTransition("test", stage, "user-1", "Test", null, GrantApplicationBuilder.Now);
        return instance;
    }

    private static string Drawn(WorkflowInstance instance, Func<string, string>? label = null) =>
        string.Join(" ", StagePath.Of(instance, label ?? (s => s), Terminal.Contains).Select(s => s.State switch
        {
            StepState.Done => $"[{s.Label}]",
            StepState.Current => $"*{s.Label}*",
            _ => s.Label,
        }));

    [Fact]
    public void A_grant_terminated_before_its_reports_shows_no_report_step_as_done()
    {
        var terminated = Through("Submitted", GrantStages.EligibilityScreening, GrantStages.GenderReview, GrantStages.CommitteeReview,
            GrantStages.Approved, GrantStages.FinalReconciliation);
        Assert.Equal("[Draft] [Submitted] [EligibilityScreening] [GenderReview] [CommitteeReview] [Approved] *FinalReconciliation* Closed", Drawn(terminated));
    }

    [Fact]
    public void A_clarification_stands_where_the_screening_is_and_the_screening_is_not_said_done()
    {
        var asked = Through("Submitted", GrantStages.EligibilityScreening, GrantStages.ClarificationRequested);
        Assert.Equal("[Draft] [Submitted] *ClarificationRequested* GenderReview CommitteeReview Approved Active Reporting FinalReconciliation Closed", Drawn(asked));
    }

    [Fact]
    public void A_rejection_ends_the_road_and_an_applicant_reads_the_review_stages_as_one()
    {
        var rejected = Through("Submitted", GrantStages.EligibilityScreening, GrantStages.GenderReview, GrantStages.CommitteeReview, GrantStages.Rejected);
        Assert.Equal("[Draft] [Submitted] [EligibilityScreening] [GenderReview] [CommitteeReview] *Rejected*", Drawn(rejected));
        string Applicant(string stage) => stage is GrantStages.EligibilityScreening or GrantStages.GenderReview or GrantStages.CommitteeReview ? "Under review" : stage;
        var reviewed = Through("Submitted", GrantStages.EligibilityScreening, GrantStages.GenderReview);
        Assert.Equal("[Draft] [Submitted] *Under review* Approved Active Reporting FinalReconciliation Closed", Drawn(reviewed, Applicant));
    }
}
