using Caf.Workflows.Engine;

namespace Caf.UnitTests;

/// <summary>The one function that names a stage for a person (pages reach it through StageLabels).</summary>
public sealed class StageLabelTests
{
    private static readonly WorkflowDefinition Workflow = new()
    {
        Id = "labels",
        Stages =
        [
            new StageDefinition { Id = "screening", Label = new LocalizedText { En = "Eligibility screening" }, ApplicantLabel = new LocalizedText { En = "Under review" } },
            new StageDefinition { Id = "approved", Label = new LocalizedText { En = "Approved" } },
        ],
    };

    [Theory]
    [InlineData("screening", false, "Eligibility screening")]
    [InlineData("screening", true, "Under review")]
    [InlineData("approved", true, "Approved")]
    [InlineData("retired-stage", false, "retired-stage")]
    public void Staff_read_the_stage_label_and_applicants_its_applicant_label_where_it_has_one(string stage, bool applicant, string expected) =>
        Assert.Equal(expected, Workflow.StageLabel(stage, forApplicant: applicant));
}
