using Caf.Data;
using Caf.Data.Applications;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>Every method that changes a draft checks first that the application may still be edited, and says why not.</summary>
public sealed class DraftGuardsTests
{
    private readonly GrantApplicationBuilder _given = new();

    public static TheoryData<string> DraftChanges() =>
    [
        nameof(GrantApplication.UpdateDraft), nameof(GrantApplication.SetThemes), nameof(GrantApplication.SetObjectives),
        nameof(GrantApplication.SetGenderAndSafeguarding), nameof(GrantApplication.SetFollowUpPlan), nameof(GrantApplication.SetNationalContribution),
        nameof(GrantApplication.ReplacePartners), nameof(GrantApplication.ReplaceBudget), nameof(GrantApplication.ReplaceParticipants),
        nameof(GrantApplication.ReplaceResults), nameof(GrantApplication.ReplaceActivities), nameof(GrantApplication.ReplaceActionPlanActions),
        nameof(GrantApplication.DescribeProposal), nameof(GrantApplication.Attach), nameof(GrantApplication.RemoveAttachment),
        nameof(GrantApplication.EnsureEditable),
    ];

    private void Change(GrantApplication application, string method)
    {
        switch (method)
        {
            case nameof(GrantApplication.UpdateDraft): application.UpdateDraft("New title", "Summary", null, null); break;
            case nameof(GrantApplication.SetThemes): application.SetThemes(ThematicArea.VictimAssistance); break;
            case nameof(GrantApplication.SetObjectives): application.SetObjectives("Objectives"); break;
            case nameof(GrantApplication.SetGenderAndSafeguarding): application.SetGenderAndSafeguarding("Analysis", "Measures"); break;
            case nameof(GrantApplication.SetFollowUpPlan): application.SetFollowUpPlan("Plan"); break;
            case nameof(GrantApplication.SetNationalContribution): application.SetNationalContribution(100m, "Staff time"); break;
            case nameof(GrantApplication.ReplacePartners): application.ReplacePartners([(_given.Partner.Id, PartnerRole.Host)]); break;
            case nameof(GrantApplication.ReplaceBudget): application.ReplaceBudget([(BudgetCategory.Travel, "Flights", 1m, new Money(5m, "CHF"))]); break;
            case nameof(GrantApplication.ReplaceParticipants): application.ReplaceParticipants([("Ana", "Director", "CMAA", Sex.Female)]); break;
            case nameof(GrantApplication.ReplaceResults): application.ReplaceResults([("Result", "Indicator", "Target", false, false)]); break;
            case nameof(GrantApplication.ReplaceActivities): application.ReplaceActivities([("Workshop", null, null, "Bogotá", null)]); break;
            case nameof(GrantApplication.ReplaceActionPlanActions): application.ReplaceActionPlanActions([Guid.NewGuid()]); break;
            case nameof(GrantApplication.DescribeProposal): application.DescribeProposal(ThematicArea.VictimAssistance, "O", "G", "D", "F"); break;
            case nameof(GrantApplication.Attach):
                application.Attach(AttachmentKind.Supporting, "notes.pdf", "application/pdf", [1, 2, 3], "user-1", GrantApplicationBuilder.Now); break;
            case nameof(GrantApplication.RemoveAttachment): application.RemoveAttachment(application.Attachments[0].Id); break;
            case nameof(GrantApplication.EnsureEditable): application.EnsureEditable(); break;
            default: throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }
    }

    private GrantApplication DraftWithALetter()
    {
        var application = _given.Draft();
        application.Attach(AttachmentKind.EndorsementLetter, "letter.pdf", "application/pdf", [1], "user-1", GrantApplicationBuilder.Now);
        return application;
    }

    [Theory]
    [MemberData(nameof(DraftChanges))]
    public void A_draft_accepts_each_change(string method) => Change(DraftWithALetter(), method);

    [Theory]
    [MemberData(nameof(DraftChanges))]
    public void Each_change_is_refused_once_the_application_is_submitted_naming_the_stage(string method)
    {
        var application = DraftWithALetter();
        GrantApplicationBuilder.Submit(application);

        var ex = Assert.Throws<DomainException>(() => Change(application, method));
        Assert.Equal("This application is in the stage 'Submitted' and can no longer be edited.", ex.Message);
    }

    [Theory]
    [InlineData(nameof(GrantApplication.Summary), 4001, "Keep the summary under 4,000 characters.")]
    [InlineData(nameof(GrantApplication.Objectives), 4001, "Keep the objectives under 4,000 characters.")]
    [InlineData(nameof(GrantApplication.GenderAnalysis), 4001, "Keep the gender and diversity analysis under 4,000 characters.")]
    [InlineData(nameof(GrantApplication.DoNoHarm), 4001, "Keep the do-no-harm and safeguarding text under 4,000 characters.")]
    [InlineData(nameof(GrantApplication.FollowUpPlan), 4001, "Keep the follow-up plan under 4,000 characters.")]
    [InlineData(nameof(GrantApplication.NationalContributionInKind), 2001, "Keep the in-kind contribution under 2,000 characters.")]
    public void A_narrative_text_longer_than_its_limit_is_refused_with_its_field(string field, int length, string message)
    {
        var application = _given.Draft();
        var text = new string('x', length);
        Action change = field switch
        {
            nameof(GrantApplication.Summary) => () => application.UpdateDraft("Title", text, null, null),
            nameof(GrantApplication.Objectives) => () => application.SetObjectives(text),
            nameof(GrantApplication.GenderAnalysis) => () => application.SetGenderAndSafeguarding(text, null),
            nameof(GrantApplication.DoNoHarm) => () => application.SetGenderAndSafeguarding(null, text),
            nameof(GrantApplication.FollowUpPlan) => () => application.SetFollowUpPlan(text),
            _ => () => application.SetNationalContribution(null, text),
        };

        var ex = Assert.Throws<DomainException>(change);
        Assert.Equal((field, message), (ex.Field, ex.Message));
        Assert.Null(GrantApplication.TextProblem(field, new string('x', length - 1)));
    }

    [Fact]
    public void An_answer_is_refused_when_the_ISU_is_not_waiting_for_one_naming_the_stage()
    {
        var application = _given.Draft();
        GrantApplicationBuilder.Submit(application);

        var ex = Assert.Throws<DomainException>(() => application.AnswerClarification("Here it is.", "applicant", GrantApplicationBuilder.Now));
        Assert.Equal("This application is in the stage 'Submitted': the ISU is not waiting for an answer to its questions.", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_answer_is_refused_with_its_field(string answer)
    {
        var application = _given.InClarification(ProposalSection.Budget);

        var ex = Assert.Throws<DomainException>(() => application.AnswerClarification(answer, "applicant", GrantApplicationBuilder.Now));
        Assert.Equal(("Answer", "Write your answer to the ISU's questions."), (ex.Field, ex.Message));
    }

    [Fact]
    public void A_comment_on_an_action_may_have_2000_characters_not_more()
    {
        Assert.Empty(TransitionComment.Problems(new string('c', 2000)));
        Assert.Empty(TransitionComment.Problems(null));
        Assert.Equal([("Comment", "Keep the comment under 2,000 characters.")], TransitionComment.Problems(new string('c', 2001)));
    }
}
