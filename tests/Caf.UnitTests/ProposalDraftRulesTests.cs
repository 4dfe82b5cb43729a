using Caf.Data;
using Caf.Data.Applications;
using Caf.Data.Entities;

namespace Caf.UnitTests;

public sealed class ProposalDraftRulesTests
{
    private readonly GrantApplicationBuilder _given = new();

    private static ProposalDraft Draft(string? title = "South-South exchange") => new() { Title = title };

    private static List<string> FieldsOf(ProposalDraft draft) => draft.Problems().Select(p => p.Field).ToList();

    [Fact]
    public void A_draft_with_only_a_title_and_blank_rows_breaks_no_rule()
    {
        var draft = Draft() with
        {
            Results = [new(null, " ", null, false, false)],
            Activities = [new(null, null, null, null, null)],
            Budget = [new(BudgetCategory.Travel, null, null, null)],
            Delegation = [new(null, null, null, Sex.NotStated, AgeBand.NotStated, Disability.NotStated)],
            Partners = [new(null, PartnerRole.Host)],
        };

        Assert.Empty(draft.Problems());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_draft_needs_a_title(string? title) =>
        Assert.Equal([("Title", "Give the application a title.")], Draft(title).Problems());

    [Fact]
    public void Narrative_texts_longer_than_their_limit_are_named_by_the_applications_field_with_the_forms_words()
    {
        var draft = Draft(new string('t', 201)) with
        {
            Summary = new string('s', 4001),
            Objectives = new string('o', 4000),
            DoNoHarm = new string('d', 4001),
            ContributionInKind = new string('k', 2001),
        };

        Assert.Equal(
        [
            ("Title", "Keep the title under 200 characters."),
            ("Summary", "Keep the summary under 4,000 characters."),
            ("DoNoHarm", "Keep the do-no-harm and safeguarding text under 4,000 characters."),
            ("NationalContributionInKind", "Keep the in-kind contribution under 2,000 characters."),
        ], draft.Problems());
    }

    [Fact]
    public void Row_problems_name_the_row_as_typed_blank_rows_counted()
    {
        var blankResult = new ProposalDraft.ResultRow(null, null, null, false, false);
        var draft = Draft() with
        {
            Results = [blankResult, new(null, "Indicator only", null, false, false)],
            Activities = [new("Workshop", new DateOnly(2026, 9, 3), new DateOnly(2026, 9, 1), "Bogotá", null), new(null, null, null, "Cali", null)],
            Delegation = [new(null, "Deputy director", "CMAA", Sex.Female, AgeBand.NotStated, Disability.NotStated)],
        };

        Assert.Equal(
        [
            ("Results[1].Result", "Result 2 needs a description of the expected result."),
            ("Activities[0].End", "Activity 1 must end on or after the day it starts."),
            ("Activities[1].Description", "Activity 2 needs a description."),
            ("Participants[0].Name", "Participant 1 needs a name."),
        ], draft.Problems());
    }

    [Fact]
    public void A_row_text_too_long_names_its_column()
    {
        var draft = Draft() with { Activities = [new("Workshop", null, null, new string('p', 201), null)] };

        Assert.Equal([("Activities[0].Place", "Keep the place of activity 1 under 200 characters.")], draft.Problems());
    }

    [Fact]
    public void The_period_the_budget_and_the_contribution_are_checked_by_the_applications_own_rules()
    {
        var draft = Draft() with
        {
            ActivityStart = new DateOnly(2026, 9, 10),
            ActivityEnd = new DateOnly(2026, 9, 1),
            Budget = [new(BudgetCategory.Travel, null, null, null), new(BudgetCategory.Travel, "Flights", -1m, 100m)],
            ContributionCash = -5m,
        };

        var fields = FieldsOf(draft);
        Assert.Contains("ActivityEnd", fields);
        Assert.Contains("NationalContributionCash", fields);
        Assert.Contains(fields, f => f.StartsWith("BudgetLines[1].", StringComparison.Ordinal));
    }

    [Fact]
    public void More_partners_than_any_proposal_has_are_refused_as_a_whole()
    {
        var draft = Draft() with { Partners = Enumerable.Range(0, 1000).Select(_ => new ProposalDraft.PartnerRow(Guid.NewGuid(), PartnerRole.Host)).ToList() };

        Assert.Equal(["Partners"], FieldsOf(draft));
    }

    [Fact]
    public void Partners_places_and_actions_must_come_from_their_lists()
    {
        var nonParty = new StateParty("USA", "United States of America", isStateParty: false);
        var known = Guid.NewGuid();
        var draft = Draft() with
        {
            Partners = [new(_given.Partner.Id, PartnerRole.Host), new(nonParty.Id, PartnerRole.Host)],
            Activities = [new("Workshop", null, null, "Dakar", Guid.NewGuid()), new("Visit", null, null, "Washington", nonParty.Id)],
            Actions = [known, Guid.NewGuid()],
        };

        Assert.Equal(
        [
            ("Partners[1].StatePartyId", "Partner 2: United States of America is not a State Party to the Convention."),
            ("Activities[0].StatePartyId", "Activity 1: choose the country from the list."),
            ("ActionLinks", "Choose the action-plan actions from the list."),
        ], draft.ReferenceProblems([_given.Partner, nonParty], [known], _given.Applicant.Id));
    }

    [Fact]
    public void A_partner_is_another_state_party_than_the_applicant_listed_once_and_an_unknown_one_is_named_by_its_row()
    {
        var draft = Draft() with
        {
            Partners =
            [
                new(_given.Partner.Id, PartnerRole.Host), new(_given.Applicant.Id, PartnerRole.Host),
                new(Guid.NewGuid(), PartnerRole.Visiting), new(_given.Partner.Id, PartnerRole.Visiting), new(null, PartnerRole.Host),
            ],
        };

        Assert.Equal(
        [
            ("Partners[1].StatePartyId", "A partner must be a State Party other than the applicant."),
            ("Partners[2].StatePartyId", "Partner 3: choose a State Party from the list."),
            ("Partners[3].StatePartyId", "Each partner State Party can be listed only once."),
        ], draft.ReferenceProblems([_given.Applicant, _given.Partner], [], _given.Applicant.Id));
    }

    [Fact]
    public void A_new_draft_goes_into_an_open_round_in_the_rounds_currency()
    {
        var open = GrantApplicationBuilder.Round();
        var closed = GrantApplicationBuilder.Round();
        closed.Close(GrantApplicationBuilder.Now);

        Assert.Empty((Draft() with { RoundId = open.Id, Currency = " chf " }).RoundProblems(open, GrantApplicationBuilder.Now));
        Assert.Equal([("RoundId", "Choose the round you are applying to.")], Draft().RoundProblems(null, GrantApplicationBuilder.Now));
        Assert.Equal([("RoundId", "There is no round with this id. Choose an open round.")],
            (Draft() with { RoundId = Guid.NewGuid() }).RoundProblems(null, GrantApplicationBuilder.Now));
        Assert.Equal(
        [
            ("RoundId", $"The round '{closed.Title}' is not open for applications. Choose an open round."),
            ("Currency", "'JPY' is not accepted: budgets for this round are in CHF."),
        ], (Draft() with { RoundId = closed.Id, Currency = "JPY" }).RoundProblems(closed, GrantApplicationBuilder.Now));
        Assert.Single((Draft() with { RoundId = open.Id }).RoundProblems(open, open.ClosesAtUtc));
    }

    [Fact]
    public void Applying_writes_every_section_of_a_draft_skipping_blank_rows()
    {
        var application = _given.Draft();
        var draft = Draft("New title") with
        {
            Summary = "Who learns what",
            Themes = ThematicArea.VictimAssistance,
            Partners = [new(null, PartnerRole.Host), new(_given.Partner.Id, PartnerRole.Host)],
            Budget = [new(BudgetCategory.Travel, "Flights", 2m, 800m), new(BudgetCategory.Travel, null, null, null)],
            FollowUpPlan = "Report back",
        };

        draft.ApplyTo(application);

        Assert.Equal("New title", application.Title);
        Assert.Equal(_given.Partner.Id, Assert.Single(application.Partners).StatePartyId);
        Assert.Equal(new Money(1600m, "CHF"), application.RequestedAmount);
        Assert.Equal("Report back", application.FollowUpPlan);
    }

    [Fact]
    public void Applying_to_a_submitted_application_is_refused_naming_its_stage()
    {
        var application = _given.Draft();
        GrantApplicationBuilder.Submit(application);

        var ex = Assert.Throws<DomainException>(() => Draft("New title").ApplyTo(application));
        Assert.Equal("This application is in the stage 'Submitted' and can no longer be edited.", ex.Message);
    }

    [Fact]
    public void During_a_clarification_applying_changes_only_the_reopened_sections()
    {
        var application = _given.InClarification(ProposalSection.Budget);

        (Draft("New title") with { Budget = [new(BudgetCategory.Interpretation, "Interpretation", 3m, 650m)] }).ApplyTo(application);

        Assert.Equal("South-South exchange on land release", application.Title);
        Assert.Equal(new Money(1950m, "CHF"), application.RequestedAmount);
    }
}
