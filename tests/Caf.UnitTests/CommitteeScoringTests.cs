using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>A member's scores as given on the form: read criterion by criterion, every problem at once.</summary>
public sealed class CommitteeScoringTests
{
    private static readonly IReadOnlyList<RubricItem> Rubric = ScoringRubric.Default(GrantApplicationBuilder.Now).Items;

    private static Dictionary<string, string?> Every(string? value) => Rubric.ToDictionary(c => c.Code, _ => value);

    private static ScoreSheet Sheet(Dictionary<string, string?>? scores = null, Dictionary<string, string?>? comments = null, string? comment = null) =>
        new(scores ?? Every("4"), comments ?? [], comment);

    [Fact]
    public void A_level_from_1_to_5_or_not_applicable_on_every_criterion_breaks_no_rule()
    {
        var scores = Every("5");
        scores["gender"] = ScoreSheet.NotApplicable;
        var sheet = Sheet(scores, new() { ["cost"] = "Flights are dear." });

        Assert.Empty(sheet.Problems(Rubric));
        var criteria = sheet.Criteria(Rubric);
        Assert.Equal(Rubric.Select(c => c.Code), criteria.Select(c => c.Code));
        Assert.Null(criteria.Single(c => c.Code == "gender").Score);
        Assert.Equal("Flights are dear.", criteria.Single(c => c.Code == "cost").Comment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("4.5")]
    [InlineData("four")]
    public void A_criterion_without_a_level_from_1_to_5_is_named_with_its_field(string? value)
    {
        var scores = Every("3");
        scores["relevance"] = value;

        var problem = Assert.Single(Sheet(scores).Problems(Rubric));
        Assert.Equal(("Scores[relevance]", "Score 'Relevance to the Convention and its action plan' from 1 to 5, or mark it not applicable."), problem);
        Assert.DoesNotContain(Sheet(scores).Criteria(Rubric), c => c.Code == "relevance");
    }

    [Fact]
    public void Comments_are_bounded_per_criterion_and_overall()
    {
        Assert.Empty(Sheet(comments: new() { ["cost"] = new string('c', 2000) }, comment: new string('c', 4000)).Problems(Rubric));
        Assert.Equal(["Comments[cost]", "Comment"],
            Sheet(comments: new() { ["cost"] = new string('c', 2001) }, comment: new string('c', 4001)).Problems(Rubric).Select(p => p.Field));
    }

    [Fact]
    public void A_score_the_application_refuses_for_a_missing_criterion_names_the_same_field()
    {
        var application = new GrantApplicationBuilder().InCommitteeReview();
        var rubric = ScoringRubric.Default(GrantApplicationBuilder.Now);

        var ex = Assert.Throws<DomainException>(() => application.SubmitScores(rubric, "member-1", "Member One", null,
            Sheet(new() { ["relevance"] = "4" }).Criteria(Rubric), null, GrantApplicationBuilder.Now));
        Assert.StartsWith("Scores[", ex.Field);
    }
}
