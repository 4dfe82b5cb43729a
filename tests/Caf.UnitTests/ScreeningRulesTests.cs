using Caf.Data;
using Caf.Data.Eligibility;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>The ISU's screening: its checklist, its decision and what the applicant is told, as one rule list and as the application's guard.</summary>
public sealed class ScreeningRulesTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private readonly GrantApplicationBuilder _given = new();

    private static Screening Screening(ScreeningOutcome? decision = ScreeningOutcome.Eligible, bool?[]? met = null, string? rationale = "All checks met.",
        string? questions = null, string?[]? notes = null) =>
        new(decision, met ?? [true, true, true], notes ?? [null, null, null], rationale, questions, []);

    private static List<string> FieldsOf(Screening screening) => screening.Problems(3).Select(p => p.Field).ToList();

    [Theory]
    [InlineData(ScreeningOutcome.Eligible, null)]
    [InlineData(ScreeningOutcome.Ineligible, null)]
    [InlineData(ScreeningOutcome.Clarification, "Please add the interpretation costs.")]
    public void A_complete_screening_of_each_kind_breaks_no_rule(ScreeningOutcome decision, string? questions) =>
        Assert.Empty(FieldsOf(Screening(decision, questions: questions)));

    [Fact]
    public void A_no_on_the_checklist_cannot_lead_to_eligible_but_can_to_ineligible_or_a_question()
    {
        var problem = Assert.Single(Screening(met: [true, false, true]).Problems(3));
        Assert.Equal(("Decision", "An item answered 'no' cannot lead to 'eligible': declare it ineligible or ask the applicant."), problem);
        Assert.Empty(FieldsOf(Screening(ScreeningOutcome.Ineligible, met: [true, false, true])));
        Assert.Empty(FieldsOf(Screening(ScreeningOutcome.Clarification, met: [false, false, false], questions: "Which costs?")));
    }

    [Fact]
    public void Every_item_is_answered_and_each_unanswered_one_is_named()
    {
        Assert.Equal(["Met[1]", "Met[2]"], FieldsOf(Screening(met: [true, null])));
        Assert.Equal("Answer item 2: yes or no.", Screening(met: [true, null, true]).Problems(3).Single().Message);
    }

    [Fact]
    public void A_decision_and_a_rationale_are_needed_and_the_rationale_is_bounded()
    {
        Assert.Equal(["Decision"], FieldsOf(Screening(decision: null)));
        Assert.Equal(("Rationale", "Give the rationale the applicant will be told."), Screening(rationale: "  ").Problems(3).Single());
        Assert.Empty(FieldsOf(Screening(rationale: new string('x', 4000))));
        Assert.Equal(("Rationale", "Keep the rationale under 4,000 characters."), Screening(rationale: new string('x', 4001)).Problems(3).Single());
    }

    [Fact]
    public void Asking_the_applicant_needs_the_questions_and_questions_are_bounded_whatever_the_decision()
    {
        Assert.Equal(("Questions", "Write the questions the applicant should answer."),
            Screening(ScreeningOutcome.Clarification, questions: " ").Problems(3).Single());
        Assert.Equal(["Questions"], FieldsOf(Screening(ScreeningOutcome.Ineligible, questions: new string('q', 4001))));
    }

    [Fact]
    public void A_note_over_1000_characters_is_refused()
    {
        Assert.Empty(FieldsOf(Screening(notes: [new string('n', 1000), null, null])));
        Assert.Equal(("Notes", "Keep each note under 1,000 characters."), Screening(notes: [null, new string('n', 1001), null]).Problems(3).Single());
    }

    [Fact]
    public void The_application_refuses_eligible_after_a_no_and_records_nothing()
    {
        var application = _given.InEligibilityScreening();
        ScreeningAnswer[] answers = [new(1, "Between States Parties", true, null), new(2, "No other funding", false, "Co-funded by UNDP.")];

        var ex = Assert.Throws<DomainException>(() => application.RecordScreening(ScreeningOutcome.Eligible, answers, "Fine.", "isu", Now));
        Assert.Equal("Decision", ex.Field);
        Assert.Empty(application.Screenings);
        application.RecordScreening(ScreeningOutcome.Ineligible, answers, "Co-funded.", "isu", Now);
        Assert.Equal(ScreeningOutcome.Ineligible, Assert.Single(application.Screenings).Outcome);
    }

    [Fact]
    public void A_screening_is_recorded_and_questions_are_sent_only_during_the_eligibility_screening()
    {
        var application = _given.InGenderReview();

        Assert.Equal("Screening decisions are recorded during the eligibility screening.", Assert.Throws<DomainException>(() =>
            application.RecordScreening(ScreeningOutcome.Ineligible, [new(1, "Item", true, null)], "Late.", "isu", Now)).Message);
        Assert.Equal("Questions are sent to the applicant during the eligibility screening.", Assert.Throws<DomainException>(() =>
            application.RequestClarification("Which costs?", [ProposalSection.Budget], "isu", Now)).Message);
        Assert.Empty(application.Clarifications);
    }

    [Fact]
    public void The_automatic_checks_are_recorded_only_during_the_eligibility_screening()
    {
        (string, string, bool, string)[] outcomes = [("amount", "Requested amount within the ceiling", true, "Within.")];
        var submitted = _given.DraftRequesting(12_000m);
        GrantApplicationBuilder.Submit(submitted);

        Assert.Equal("The automatic checks are run during the eligibility screening.", Assert.Throws<DomainException>(() =>
            submitted.RecordEligibilityChecks(outcomes, DateOnly.FromDateTime(Now), Now)).Message);
        Assert.Empty(submitted.EligibilityChecks);
        var screened = _given.InEligibilityScreening();
        screened.RecordEligibilityChecks(outcomes, DateOnly.FromDateTime(Now), Now);
        Assert.Single(screened.LatestChecks);
    }

    [Fact]
    public void The_application_refuses_questions_it_would_not_be_able_to_show()
    {
        var application = _given.InEligibilityScreening();

        Assert.Equal("Questions", Assert.Throws<DomainException>(() =>
            application.RequestClarification(new string('q', 4001), [ProposalSection.Budget], "isu", Now)).Field);
        Assert.Empty(application.Clarifications);
    }
}
