using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;

namespace Caf.UnitTests;

public sealed class ScoringRubricTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly IReadOnlyList<string?> FiveLevels = ["weak", "limited", "adequate", "good", "excellent"];

    private static List<(string Field, string Message)> ProblemsOf(params RubricDraft[] criteria) => ScoringRubric.Problems(criteria).ToList();

    [Fact]
    public void A_typed_row_keeps_an_unreadable_weight_to_show_it_back_and_a_spare_row_is_blank()
    {
        var twenty = RubricDraft.Typed("Cost", " twenty ", FiveLevels);
        var fraction = RubricDraft.Typed("Cost", "12.5", FiveLevels);

        Assert.Equal((null, "twenty"), (twenty.Weight, twenty.UnreadableWeight));
        Assert.Equal([("Criteria[0].Weight", "Criterion 1 (Cost): the weight is a whole number from 1 to 100, not “12.5”.")],
            ProblemsOf(fraction).Where(p => p.Field != "Criteria").ToList());
        Assert.Equal((40, null), (RubricDraft.Typed("Cost", "40", FiveLevels).Weight, RubricDraft.Typed("Cost", "40", FiveLevels).UnreadableWeight));
        Assert.Equal(5, RubricDraft.Typed("Cost", "40", [.. FiveLevels, "sixth"]).Levels.Count);

        Assert.True(RubricDraft.Typed(" ", "", ScoringRubrics.DefaultLevels).IsBlank);
        Assert.True(RubricDraft.Typed(null, null, [null, null]).IsBlank);
        Assert.False(RubricDraft.Typed(null, "x", ScoringRubrics.DefaultLevels).IsBlank);
        Assert.False(RubricDraft.Typed(null, null, ["my own words"]).IsBlank);
    }

    [Fact]
    public void A_checklist_row_with_neither_text_nor_tag_is_a_spare_row()
    {
        Assert.True(GenderChecklist.IsSpareRow("  ", ChecklistItemTag.None));
        Assert.False(GenderChecklist.IsSpareRow("", ChecklistItemTag.DoNoHarm));
        Assert.False(GenderChecklist.IsSpareRow("An item", ChecklistItemTag.None));
    }

    [Fact]
    public void The_default_rubric_is_publishable_and_its_weights_add_up_to_100()
    {
        var rubric = ScoringRubric.Default(Now);

        Assert.Equal(1, rubric.Version);
        Assert.Equal(100, rubric.Items.Sum(i => i.Weight));
        Assert.Equal(ScoringRubrics.Version1.Select(i => i.Code), rubric.Items.Select(i => i.Code));
        Assert.Empty(ScoringRubric.Problems(ScoringRubrics.Version1.Select(i => new RubricDraft(i.Name, i.Weight, i.Levels)).ToList()));
    }

    [Fact]
    public void Weights_that_do_not_add_up_to_100_are_refused_with_their_sum()
    {
        var problems = ProblemsOf(new RubricDraft("Relevance", 60, FiveLevels), new RubricDraft("Cost", 30, FiveLevels));

        Assert.Equal([("Criteria", "The weights add up to 90; they must add up to 100.")], problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void A_weight_outside_1_to_100_is_refused_on_its_row(int weight)
    {
        var problems = ProblemsOf(new RubricDraft("Relevance", 100, FiveLevels), new RubricDraft("Cost", weight, FiveLevels));

        var problem = Assert.Single(problems);
        Assert.Equal("Criteria[1].Weight", problem.Field);
        Assert.Equal($"Criterion 2 (Cost): the weight is a whole number from 1 to 100, not {weight}.", problem.Message);
    }

    [Fact]
    public void Every_row_says_what_is_wrong_with_it()
    {
        var problems = ProblemsOf(
            new RubricDraft("", 50, FiveLevels),
            new RubricDraft("Relevance", null, ["weak", " ", "adequate", "good", new string('x', 301)]),
            new RubricDraft(" relevance ", 50, FiveLevels));

        Assert.Contains(("Criteria[0].Name", "Criterion 1 has no name: name it or empty the whole row."), problems);
        Assert.Contains(("Criteria[1].Weight", "Criterion 2 (Relevance): give a weight, a whole number from 1 to 100."), problems);
        Assert.Contains(("Criteria[1].Levels[1]", "Criterion 2 (Relevance): say what level 2 means."), problems);
        Assert.Contains(("Criteria[1].Levels[4]", "Criterion 2 (Relevance): the text of level 5 is 301 characters long: keep it to 300."), problems);
        Assert.Contains(("Criteria[2].Name", "Criterion 3 (relevance) has the same name as an earlier criterion."), problems);
        Assert.DoesNotContain(problems, p => p.Field == "Criteria");
    }

    [Fact]
    public void An_empty_rubric_is_refused()
    {
        Assert.Equal([("Criteria", "Write at least one criterion.")], ProblemsOf());
    }

    [Fact]
    public void A_criterion_keeps_its_code_when_its_name_is_unchanged_and_new_ones_get_a_code_from_their_name()
    {
        var previous = ScoringRubrics.Version1;

        var codes = ScoringRubric.CodesFor(
            ["Gender", " gender and diversity ", "Égalité de genre et diversité", "Value for money!", "Value for money?", "¿¡!?", new string('a', 200)],
            previous);

        // "Gender" comes first but is a new criterion: the unchanged "Gender and diversity" keeps "gender" wherever it is.
        Assert.Equal("gender-2", codes[0]);
        Assert.Equal("gender", codes[1]);
        Assert.Equal("egalite-de-genre-et-diversite", codes[2]);
        Assert.Equal("value-for-money", codes[3]);
        Assert.Equal("value-for-money-2", codes[4]);
        Assert.Equal("criterion", codes[5]);
        Assert.True(codes[6].Length <= ScoringRubric.CodeMaxLength);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void A_new_criterion_never_takes_a_code_the_previous_version_gave_another_criterion()
    {
        var codes = ScoringRubric.CodesFor(["Cost", "Relevance to the Convention and its action plan"], ScoringRubrics.Version1);

        Assert.Equal(["cost-2", "relevance"], codes);
    }

    [Fact]
    public void A_member_scores_under_the_rounds_rubric_version_and_its_weights()
    {
        var application = new GrantApplicationBuilder().InCommitteeReview(12_000m);
        RubricItem Item(string code, int weight) => new(code, code, weight, ScoringRubrics.DefaultLevels);
        var version2 = new ScoringRubric(2, [Item("relevance", 80), Item("cost", 20)], "isu", Now);

        Assert.Contains("scored under rubric version 1, not version 2", Assert.Throws<DomainException>(() =>
            application.SubmitScores(version2, "member-1", "Member One", null,
                [new CriterionScore("relevance", 5, null), new CriterionScore("cost", 1, null)], null, Now)).Message);

        var score = application.SubmitScores(ScoringRubric.Default(Now), "member-1", "Member One", null,
            ScoringRubrics.Version1.Select(c => new CriterionScore(c.Code, c.Code == "relevance" ? 5 : 1, null)).ToList(), null, Now);
        // Relevance weighs 25 of 100 in version 1: 5 × 0.25 + 1 × 0.75 = 2.
        Assert.Equal(2m, score.WeightedScore);

        // A revision stays on the version the scores were first given under.
        Assert.Contains("given under rubric version 1; they are revised under that version only", Assert.Throws<DomainException>(() =>
            application.SubmitScores(version2, "member-1", "Member One", null,
                [new CriterionScore("relevance", 4, null), new CriterionScore("cost", 4, null)], null, Now)).Message);
    }

    [Fact]
    public void Published_codes_are_unique_and_made_of_plain_characters()
    {
        RubricItem Item(string code, string name, int weight) => new(code, name, weight, ScoringRubrics.DefaultLevels);
        const string codeMessage = "Each criterion needs its own code of lower-case letters, digits and hyphens.";

        Assert.Equal(codeMessage, Assert.Throws<DomainException>(() =>
            new ScoringRubric(2, [Item("same", "Relevance", 50), Item("same", "Cost", 50)], "isu", Now)).Message);
        Assert.Equal(codeMessage, Assert.Throws<DomainException>(() => new ScoringRubric(2, [Item("Not Plain", "Relevance", 100)], "isu", Now)).Message);
        Assert.Equal("A rubric version is 1 or more.", Assert.Throws<DomainException>(() =>
            new ScoringRubric(0, [Item("ok", "Relevance", 100)], "isu", Now)).Message);
    }
}
