using Caf.Data;
using Caf.Data.Entities;
using static Caf.Data.Entities.ChecklistAnswer;

namespace Caf.UnitTests;

public sealed class GenderReviewTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;

    public static TheoryData<ChecklistAnswer[], int> Suggestions => new()
    {
        // 2: item 1 (analysis) and item 4 (gender equality objective) are Yes, whatever the rest.
        { [Yes, No, No, Yes, No, No, No, No], 2 },
        { [Yes, NotApplicable, NotApplicable, Yes, NotApplicable, NotApplicable, NotApplicable, NotApplicable], 2 },
        // 1: at least half the applicable items are Yes.
        { [Yes, Yes, Yes, Partial, No, No, No, Yes], 1 },
        { [No, Yes, Yes, Yes, Yes, No, No, No], 1 },
        // Not-applicable items do not count: 3 Yes out of 5 applicable.
        { [No, Yes, Yes, No, Yes, NotApplicable, NotApplicable, NotApplicable], 1 },
        // 0: fewer than half the applicable items are Yes.
        { [No, Yes, Yes, Yes, No, No, No, No], 0 },
        { [Yes, Yes, Yes, No, No, No, No, No], 0 },
        // Partial is not Yes.
        { [Partial, Partial, Partial, Partial, Partial, Partial, Partial, Partial], 0 },
        // Item 4 alone does not make 2 when the analysis (item 1) is not applicable.
        { [NotApplicable, No, No, Yes, No, No, No, No], 0 },
        // Nothing applicable: nothing to suggest.
        { [NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable], 0 },
    };

    [Theory]
    [MemberData(nameof(Suggestions))]
    public void The_suggested_marker_follows_the_checklist(ChecklistAnswer[] answers, int expected)
    {
        Assert.Equal(expected, GenderReview.SuggestMarker(answers));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    public void A_checklist_with_the_wrong_number_of_answers_suggests_no_marker(int count)
    {
        Assert.Equal(0, GenderReview.SuggestMarker(Enumerable.Repeat(Yes, count).ToArray()));
    }

    [Fact]
    public void A_completed_review_numbers_the_answers_and_keeps_the_marker_and_rationale()
    {
        var answers = Enumerable.Range(1, 8)
            .Select(i => (i % 2 == 0 ? Yes : No, i == 3 ? "  Indicators split by sex  " : (string?)null))
            .ToList();
        var applicationId = Guid.NewGuid();

        var review = new GenderReview(applicationId, answers, 1, "  Delegation is balanced.  ", "gfp-1", Now);

        Assert.Equal(applicationId, review.ApplicationId);
        Assert.Equal(Enumerable.Range(1, 8), review.Answers.Select(a => a.ItemNumber));
        Assert.Equal(answers.Select(a => a.Item1), review.Answers.Select(a => a.Answer));
        Assert.Equal("Indicators split by sex", review.Answers[2].Evidence);
        Assert.Null(review.Answers[0].Evidence);
        Assert.Equal(1, review.Marker);
        Assert.Equal("Delegation is balanced.", review.Rationale);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    public void A_review_that_does_not_answer_every_item_is_refused(int count)
    {
        var answers = Enumerable.Repeat((Yes, (string?)null), count).ToList();

        var ex = Assert.Throws<DomainException>(() => new GenderReview(Guid.NewGuid(), answers, 1, "Rationale", "gfp-1", Now));
        Assert.Equal("Answer all 8 items of the checklist.", ex.Message);
        Assert.Equal(nameof(GenderReview.Answers), ex.Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_marker_outside_the_OECD_DAC_scale_is_refused(int marker)
    {
        var ex = Assert.Throws<DomainException>(() => new GenderReview(Guid.NewGuid(), EightAnswers(), marker, "Rationale", "gfp-1", Now));
        Assert.Equal(nameof(GenderReview.Marker), ex.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void The_ends_of_the_OECD_DAC_scale_are_accepted(int marker)
    {
        Assert.Equal(marker, new GenderReview(Guid.NewGuid(), EightAnswers(), marker, "Rationale", "gfp-1", Now).Marker);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_review_without_a_rationale_is_refused(string rationale)
    {
        var ex = Assert.Throws<DomainException>(() => new GenderReview(Guid.NewGuid(), EightAnswers(), 1, rationale, "gfp-1", Now));
        Assert.Equal(nameof(GenderReview.Rationale), ex.Field);
    }

    private static List<(ChecklistAnswer, string?)> EightAnswers() => Enumerable.Repeat((Yes, (string?)null), 8).ToList();
}
