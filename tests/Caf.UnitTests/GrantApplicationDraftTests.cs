using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

public sealed class GrantApplicationDraftTests
{
    private readonly GrantApplicationBuilder _given = new();

    [Fact]
    public void A_new_application_is_a_draft_in_the_rounds_currency_and_can_be_edited()
    {
        var application = _given.Draft(currency: "USD");

        Assert.Equal("Draft", application.Stage);
        Assert.True(application.IsEditable);
        Assert.Equal("USD", application.Currency);
        Assert.Equal(new Money(0m, "USD"), application.RequestedAmount);
    }

    [Fact]
    public void A_state_that_is_not_party_to_the_Convention_cannot_apply()
    {
        var nonParty = new StateParty("USA", "United States of America", isStateParty: false);

        var ex = Assert.Throws<DomainException>(() => new GrantApplication(
            GrantApplicationBuilder.Round(), nonParty, "Title", GrantApplicationBuilder.DraftWorkflow(), "user-1", GrantApplicationBuilder.Now));
        Assert.Equal("United States of America is not a State Party to the Convention and cannot apply.", ex.Message);
    }

    [Fact]
    public void A_budget_line_total_is_quantity_times_unit_cost()
    {
        var application = _given.Draft();

        application.ReplaceBudget([(BudgetCategory.DailyAllowance, "Per diem, 4 people × 5 days", 20m, new Money(187.25m, "CHF"))]);

        var line = Assert.Single(application.BudgetLines);
        Assert.Equal(new Money(3745m, "CHF"), line.Total);
    }

    [Fact]
    public void A_budget_line_total_is_rounded_to_the_cent_with_midpoints_away_from_zero()
    {
        var application = _given.Draft();

        application.ReplaceBudget(
        [
            (BudgetCategory.Materials, "Leaflets", 0.5m, new Money(0.69m, "CHF")),     // 0.345 → 0.35 (banker's rounding said 0.34)
            (BudgetCategory.Materials, "Posters", 1.5m, new Money(3.33m, "CHF")),      // 4.995 → 5.00
            (BudgetCategory.Interpretation, "Hours", 1.25m, new Money(20.25m, "CHF")), // 25.3125 → 25.31
        ]);

        Assert.Equal([0.35m, 5.00m, 25.31m], application.BudgetLines.Select(l => l.Total.Amount));
    }

    [Fact]
    public void The_requested_amount_is_the_sum_of_the_line_totals()
    {
        var application = _given.Draft();

        application.ReplaceBudget(
        [
            (BudgetCategory.Travel, "Flights", 4m, new Money(1250m, "CHF")),
            (BudgetCategory.Accommodation, "Hotel nights", 16m, new Money(95.5m, "CHF")),
            (BudgetCategory.Materials, "Leaflets", 0.5m, new Money(0.69m, "CHF")),
        ]);

        Assert.Equal(new Money(5000m + 1528m + 0.35m, "CHF"), application.RequestedAmount);
    }

    [Fact]
    public void Budget_lines_are_numbered_in_the_order_given()
    {
        var application = _given.Draft();

        application.ReplaceBudget(
        [
            (BudgetCategory.Travel, "Flights", 1m, new Money(100m, "CHF")),
            (BudgetCategory.Venue, "Meeting room", 1m, new Money(200m, "CHF")),
        ]);

        Assert.Equal([(1, "Flights"), (2, "Meeting room")], application.BudgetLines.Select(l => (l.Position, l.Description)));
    }

    [Fact]
    public void A_budget_line_in_another_currency_than_the_applications_is_refused()
    {
        var application = _given.Draft(currency: "CHF");

        var ex = Assert.Throws<DomainException>(() => application.ReplaceBudget(
            [(BudgetCategory.Travel, "Flights", 1m, new Money(100m, "USD"))]));
        Assert.Equal("Budget lines must be in the application's currency, CHF.", ex.Message);
        Assert.Equal(nameof(GrantApplication.BudgetLines), ex.Field);
    }

    [Fact]
    public void A_refused_budget_leaves_the_previous_budget_in_place()
    {
        var application = _given.DraftRequesting(1000m);

        Assert.Throws<DomainException>(() => application.ReplaceBudget(
        [
            (BudgetCategory.Travel, "Flights", 1m, new Money(100m, "CHF")),
            (BudgetCategory.Travel, "Flights", 1m, new Money(100m, "EUR")),
        ]));

        Assert.Equal(new Money(1000m, "CHF"), application.RequestedAmount);
        Assert.Equal("Flights", Assert.Single(application.BudgetLines).Description);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_budget_line_with_no_positive_quantity_is_refused(int quantity)
    {
        var application = _given.Draft();

        var ex = Assert.Throws<DomainException>(() => application.ReplaceBudget(
            [(BudgetCategory.Travel, "Flights", quantity, new Money(100m, "CHF"))]));
        Assert.Equal("BudgetLines[0].Quantity", ex.Field);
    }

    [Fact]
    public void A_budget_line_with_a_negative_unit_cost_is_refused()
    {
        var application = _given.Draft();

        var ex = Assert.Throws<DomainException>(() => application.ReplaceBudget(
            [(BudgetCategory.Travel, "Flights", 1m, new Money(-100m, "CHF"))]));
        Assert.Equal("BudgetLines[0].UnitCost", ex.Field);
    }

    [Fact]
    public void A_budget_line_without_a_description_is_refused()
    {
        var application = _given.Draft();

        var ex = Assert.Throws<DomainException>(() => application.ReplaceBudget(
            [(BudgetCategory.Travel, "  ", 1m, new Money(100m, "CHF"))]));
        Assert.Equal("BudgetLines[0].Description", ex.Field);
    }

    [Fact]
    public void Editing_the_budget_is_refused_once_the_application_is_submitted()
    {
        var application = _given.DraftRequesting(1000m);
        GrantApplicationBuilder.Submit(application);

        var ex = Assert.Throws<DomainException>(() => application.ReplaceBudget(
            [(BudgetCategory.Travel, "Flights", 1m, new Money(5m, "CHF"))]));
        Assert.Equal("This application is in the stage 'Submitted' and can no longer be edited.", ex.Message);
        Assert.False(application.IsEditable);
        Assert.Equal(new Money(1000m, "CHF"), application.RequestedAmount);
    }

    [Fact]
    public void Editing_the_title_and_dates_is_refused_once_the_application_is_submitted()
    {
        var application = _given.Draft();
        GrantApplicationBuilder.Submit(application);

        Assert.Throws<DomainException>(() => application.UpdateDraft("New title", null, null, null));
        Assert.Equal("South-South exchange on land release", application.Title);
    }

    [Fact]
    public void Editing_partners_and_participants_is_refused_once_the_application_is_submitted()
    {
        var application = _given.Draft();
        GrantApplicationBuilder.Submit(application);

        Assert.Throws<DomainException>(() => application.ReplacePartners([(_given.Partner.Id, PartnerRole.Host)]));
        Assert.Throws<DomainException>(() => application.ReplaceParticipants([("Ana", "Deputy director", "CMAA", Sex.Female)]));
        Assert.Empty(application.Partners);
        Assert.Empty(application.Participants);
    }

    [Fact]
    public void Activities_that_end_before_they_start_are_refused()
    {
        var application = _given.Draft();

        var ex = Assert.Throws<DomainException>(() =>
            application.UpdateDraft("Title", null, new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 1)));
        Assert.Equal(nameof(GrantApplication.ActivityEnd), ex.Field);
    }

    [Fact]
    public void Partners_other_than_the_applicant_are_recorded_with_their_roles()
    {
        var application = _given.Draft();

        application.ReplacePartners([(_given.Partner.Id, PartnerRole.Host), (_given.OtherPartner.Id, PartnerRole.Visiting)]);

        Assert.Equal(
            [(_given.Partner.Id, PartnerRole.Host), (_given.OtherPartner.Id, PartnerRole.Visiting)],
            application.Partners.Select(p => (p.StatePartyId, p.Role)));
    }

    [Fact]
    public void A_partner_equal_to_the_applicant_is_refused()
    {
        var application = _given.Draft();

        var ex = Assert.Throws<DomainException>(() => application.ReplacePartners(
            [(_given.Partner.Id, PartnerRole.Host), (_given.Applicant.Id, PartnerRole.Visiting)]));
        Assert.Equal("A partner must be a State Party other than the applicant.", ex.Message);
        Assert.Empty(application.Partners);
    }

    [Fact]
    public void The_same_partner_listed_twice_is_refused()
    {
        var application = _given.Draft();

        var ex = Assert.Throws<DomainException>(() => application.ReplacePartners(
            [(_given.Partner.Id, PartnerRole.Host), (_given.Partner.Id, PartnerRole.Visiting)]));
        Assert.Equal("Each partner State Party can be listed only once.", ex.Message);
        Assert.Empty(application.Partners);
    }
}
