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

/// <summary>A stage named in a refusal of the domain: its label for the reader, in the page's language, never its id (issue 15).</summary>
public sealed class StageNamedInMessagesTests
{
    private static readonly WorkflowRegistry Workflows = new([
        new WorkflowDefinition
        {
            Id = Caf.Workflows.WorkflowServices.GrantWorkflowId,
            Version = 1,
            Stages =
            [
                new StageDefinition
                {
                    Id = "EligibilityScreening",
                    Label = new LocalizedText { En = "Eligibility screening", Fr = "Examen de l'éligibilité", Es = "Examen de elegibilidad" },
                    ApplicantLabel = new LocalizedText { En = "Under review", Fr = "En cours d'examen", Es = "En examen" },
                },
            ],
        },
    ]);

    [Theory]
    [InlineData("fr", null, "Examen de l'éligibilité")]
    [InlineData("es", "Applicant", "En examen")]
    [InlineData("en", "IsuOfficer", "Eligibility screening")]
    public void A_stage_is_named_by_its_label_for_the_reader_in_the_pages_language(string language, string? role, string expected)
    {
        InLanguage.Read(language, () =>
        {
            System.Security.Claims.ClaimsPrincipal? reader = role is null ? null
                : new(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Role, role)], "test"));
            Assert.Equal(expected, Caf.Web.Features.Shared.StageLabels.Named(Workflows, "EligibilityScreening", reader));
            Assert.Equal("Retired", Caf.Web.Features.Shared.StageLabels.Named(Workflows, "Retired", reader));
            Assert.Equal("Draft", Caf.Web.Features.Shared.StageLabels.Named(new WorkflowRegistry(), "Draft", reader));
            return 0;
        });
    }
}
