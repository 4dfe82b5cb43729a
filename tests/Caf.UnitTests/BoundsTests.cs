using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>The bounds on typed numbers and dates (ADR 0016): listed by field for forms, refused by the entities.</summary>
public sealed class BoundsTests
{
    private readonly GrantApplicationBuilder _given = new();

    [Fact]
    public void A_budget_lists_every_line_out_of_bounds_the_count_and_the_total_each_by_field_and_label()
    {
        var problems = GrantApplication.BudgetProblems(
        [
            ("Flights", 1e15m, 1e15m),
            null,
            ("Hotel", decimal.MaxValue, 0.001m),
            ("Venue", 100m, 9_999_999m),
        ]).ToList();

        Assert.Equal(
        [
            ("BudgetLines[0].Quantity", "The quantity of 'Flights' must be at most 100,000."),
            ("BudgetLines[0].UnitCost", "The unit cost of 'Flights' must be between 0 and 10,000,000."),
            ("BudgetLines[2].Quantity", "The quantity of 'Hotel' must be at most 100,000."),
            ("BudgetLines[2].UnitCost", "The unit cost of 'Hotel' has at most two decimals."),
            ("BudgetLines", "The budget total must be at most 100,000,000: check the quantities and unit costs."),
        ], problems);
        Assert.Equal("List at most 200 budget lines.", Assert.Single(GrantApplication.BudgetProblems(
            Enumerable.Range(1, 201).Select(i => ((string?, decimal?, decimal?)?)($"Line {i}", 1m, 1m)).ToList())).Message);
    }

    [Fact]
    public void The_entity_refuses_what_the_form_would_list_so_nothing_out_of_bounds_is_stored()
    {
        var application = _given.Draft();
        var ex = Assert.Throws<DomainException>(() => application.ReplaceBudget(
            [(BudgetCategory.Travel, "Flights", 79228162514264337593543950335m, new Money(900m, "CHF"))]));
        Assert.Equal("BudgetLines[0].Quantity", ex.Field);
        Assert.Throws<DomainException>(() => application.SetNationalContribution(1e20m, null));
        Assert.Throws<DomainException>(() => application.UpdateDraft("Exchange", null, new DateOnly(1, 1, 1), null));
        Assert.Throws<DomainException>(() => application.ReplaceParticipants(
            Enumerable.Range(0, 201).Select(i => ($"P{i}", "f", "o", Sex.Female))));
        Assert.Empty(application.BudgetLines);
    }

    [Fact]
    public void Totals_computed_on_read_saturate_rather_than_throw()
    {
        Assert.Equal(decimal.MaxValue, Bounds.Product(1e15m, 1e15m));
        Assert.Equal(decimal.MinValue, Bounds.Product(-1e15m, 1e15m));
        Assert.Equal(decimal.MaxValue, Bounds.Sum([decimal.MaxValue, 1m, 2m]));
        Assert.Equal(6m, Bounds.Product(2m, 3m));
    }

    [Theory]
    [InlineData("0.001", "The actual expenditure has at most two decimals.")]
    [InlineData("79000000000000000000000000000", "The actual expenditure must be between 0 and 100,000,000.")]
    [InlineData("-1", "The actual expenditure must be between 0 and 100,000,000.")]
    public void A_final_reports_expenditure_is_in_cents_and_within_bounds(string spent, string message) =>
        Assert.Equal(message, GrantReport.ExpenditureProblem(decimal.Parse(spent, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Round_dates_lie_between_2000_and_2100()
    {
        var terms = new RoundTerms("Round", "Call.", new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new Money(100m, "CHF"), new Money(10m, "CHF"), 30, new DateOnly(2027, 1, 1), new DateOnly(9999, 12, 31), ["CHF"]);
        var problems = terms.Problems().ToDictionary(p => p.Field, p => p.Message);
        Assert.Equal("The opening date must be between 2000 and 2100.", problems[nameof(RoundTerms.OpensAtUtc)]);
        Assert.Equal("The end of the implementation window must be between 2000 and 2100.", problems[nameof(RoundTerms.ImplementationEnd)]);
    }

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../x.pdf", "x.pdf")]
    [InlineData("..\\..\\x.pdf", "x.pdf")]
    [InlineData("C:\\Users\\focal\\lettre d’appui.pdf", "lettre d’appui.pdf")]
    public void An_uploaded_file_keeps_its_name_without_any_folder(string sent, string kept) =>
        Assert.Equal(kept, Bounds.FileName(sent, "File"));
}
