using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>What a proposal needs before it is submitted, what a clarification lets the applicant change, and how versions compare.</summary>
public sealed class ProposalRulesTests
{
    [Fact]
    public void An_empty_draft_lists_every_missing_part_at_once_each_with_its_field()
    {
        var application = new GrantApplicationBuilder().Draft();
        var problems = application.SubmissionProblems();
        Assert.Equal(
            ["Summary", "ActivityStart", "ActivityEnd", "ThematicAreas", "Partners", "Objectives", "Results", "Activities", "Participants",
             "BudgetLines", "GenderAnalysis", "DoNoHarm", "FollowUpPlan", "EndorsementLetter"],
            problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void Row_rules_name_the_row_an_indicator_missing_an_activity_without_place_or_outside_the_period_a_participant_without_function()
    {
        var builder = new GrantApplicationBuilder();
        var application = builder.Draft();
        application.UpdateDraft("Exchange", "Summary", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 8));
        application.ReplaceResults([("Teams trained", "", "4", true, true)]);
        application.ReplaceActivities([("Visit", new DateOnly(2026, 7, 10), new DateOnly(2026, 7, 12), "", null)]);
        application.ReplaceParticipants([("Ana", "", "", Sex.Female)]);
        var problems = application.SubmissionProblems().ToDictionary(p => p.Field, p => p.Message);
        Assert.Equal("Result 1 needs an indicator that shows whether it was achieved.", problems["Results[0].Indicator"]);
        Assert.Equal("Activity 1 ('Visit') needs the place where it happens.", problems["Activities[0].Place"]);
        Assert.Equal("Activity 1 ('Visit') falls outside the activity period 1 Jul 2026 – 8 Jul 2026.", problems["Activities[0].Start"]);
        Assert.Equal("Give the function and organisation of Ana.", problems["Participants[0].Function"]);
    }

    [Fact]
    public void Attachments_refuse_empty_and_oversized_files_and_a_new_endorsement_letter_replaces_the_old()
    {
        var application = new GrantApplicationBuilder().Draft();
        Assert.Contains("is empty", Assert.Throws<DomainException>(() =>
            application.Attach(AttachmentKind.Supporting, "a.pdf", "application/pdf", [], "u", GrantApplicationBuilder.Now)).Message);
        Assert.Contains("larger than 10 MB", Assert.Throws<DomainException>(() =>
            application.Attach(AttachmentKind.Supporting, "a.pdf", "application/pdf", new byte[ApplicationAttachment.MaxBytes + 1], "u",
                GrantApplicationBuilder.Now)).Message);
        application.Attach(AttachmentKind.EndorsementLetter, "old.pdf", "application/pdf", [1], "u", GrantApplicationBuilder.Now);
        application.Attach(AttachmentKind.EndorsementLetter, "new.pdf", "application/pdf", [1], "u", GrantApplicationBuilder.Now);
        Assert.Equal("new.pdf", Assert.Single(application.Attachments).FileName);
    }

    [Fact]
    public void A_national_contribution_is_not_negative_and_has_at_most_two_decimals()
    {
        var application = new GrantApplicationBuilder().Draft();
        Assert.Throws<DomainException>(() => application.SetNationalContribution(-1m, null));
        Assert.Throws<DomainException>(() => application.SetNationalContribution(10.005m, null));
        application.SetNationalContribution(1_500.50m, "Staff time");
        Assert.Equal(1_500.50m, application.NationalContributionCash);
    }

    [Fact]
    public void During_a_clarification_only_the_reopened_sections_change_and_the_answer_locks_them_again()
    {
        var builder = new GrantApplicationBuilder();
        var application = builder.Draft();
        GrantApplicationBuilder.Submit(application);
        application.Workflow!.RecordTransition("start-screening", "EligibilityScreening", "isu", "ISU", null, GrantApplicationBuilder.Now);
        application.RecordScreening(ScreeningOutcome.Clarification, [new ScreeningAnswer(1, "Item", true, null)], "One question.", "isu",
            GrantApplicationBuilder.Now);
        application.RequestClarification("Add interpretation.", [ProposalSection.Budget], "isu", GrantApplicationBuilder.Now);
        application.Workflow!.RecordTransition("request-clarification", GrantStages.ClarificationRequested, "isu", "ISU", null, GrantApplicationBuilder.Now);

        application.ReplaceBudget([(BudgetCategory.Interpretation, "Interpretation", 3m, new Money(650m, "CHF"))]);
        var refused = Assert.Throws<DomainException>(() => application.UpdateDraft("New title", null, null, null));
        Assert.Contains("has not reopened", refused.Message);
        Assert.Throws<DomainException>(() => application.RequestClarification("Again?", [], "isu", GrantApplicationBuilder.Now));

        application.AnswerClarification("Added.", "applicant", GrantApplicationBuilder.Now);
        Assert.False(application.IsSectionEditable(ProposalSection.Budget));
        Assert.Throws<DomainException>(() => application.AnswerClarification("Again.", "applicant", GrantApplicationBuilder.Now));
    }

    [Fact]
    public void An_incomplete_proposal_is_not_marked_submitted()
    {
        var application = new GrantApplicationBuilder().Draft();
        GrantApplicationBuilder.Submit(application);

        var ex = Assert.Throws<DomainException>(() => application.MarkSubmitted("CAF-2026-001", GrantApplicationBuilder.Now));

        Assert.Equal("Summarise the exchange: who learns what from whom. (and 13 more things to complete)", ex.Message);
        Assert.Equal("Summary", ex.Field);
        Assert.Null(application.Reference);
        Assert.Null(application.SubmittedAtUtc);
    }

    [Fact]
    public void A_complete_proposal_gets_its_reference_and_keeps_it_when_sent_again_after_a_clarification()
    {
        var builder = new GrantApplicationBuilder();
        var application = builder.Complete();
        GrantApplicationBuilder.Submit(application);
        application.MarkSubmitted("CAF-2026-001", GrantApplicationBuilder.Now);
        Assert.Equal("CAF-2026-001", application.Reference);

        var later = GrantApplicationBuilder.Now.AddDays(3);
        application.MarkSubmitted("CAF-2026-001", later);
        Assert.Equal(later, application.SubmittedAtUtc);

        var ex = Assert.Throws<DomainException>(() => application.MarkSubmitted("CAF-2026-002", later.AddDays(1)));
        Assert.Equal("This application was already submitted as CAF-2026-001; it keeps that reference, not CAF-2026-002.", ex.Message);
        Assert.Equal("CAF-2026-001", application.Reference);
        Assert.Equal(later, application.SubmittedAtUtc);
    }

    [Fact]
    public void Comparing_versions_lists_each_changed_added_and_removed_field_in_form_order()
    {
        SnapshotField F(string section, string field, string value) => new(section, field, value);
        var before = new[] { F("General", "Title", "Exchange"), F("Budget", "Budget line 1", "Flights"), F("Delegation", "Participant 2", "Dara") };
        var after = new[] { F("General", "Title", "Exchange"), F("Budget", "Budget line 1", "Flights, 4"), F("Budget", "Budget line 2", "Hotel") };
        var changes = ProposalSnapshot.Diff(before, after);
        Assert.Equal(
            [new FieldChange("Budget", "Budget line 1", "Flights", "Flights, 4"), new FieldChange("Budget", "Budget line 2", null, "Hotel"),
             new FieldChange("Delegation", "Participant 2", "Dara", null)],
            changes);
        Assert.Empty(ProposalSnapshot.Diff(before, before));
        Assert.Equal(before, ProposalSnapshot.FromJson(ProposalSnapshot.ToJson(before)));
    }
}
