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

    /// <summary>A version 2 that puts the tagged items elsewhere: objective first, do-no-harm second, analysis last.</summary>
    private static readonly GenderChecklist Reordered = new(2,
    [
        ("Gender equality is an explicit objective.", ChecklistItemTag.GenderObjective),
        ("Safeguarding is planned.", ChecklistItemTag.DoNoHarm),
        ("Women's organisations are consulted.", ChecklistItemTag.None),
        ("The delegation is balanced.", ChecklistItemTag.None),
        ("A gender analysis is attached.", ChecklistItemTag.Analysis),
    ], "isu@caf.demo", Now);

    private static List<(ChecklistItemTag, ChecklistAnswer)> Tagged(params ChecklistAnswer[] answers) =>
        Reordered.Items.Select((item, i) => (item.Tag, answers[i])).ToList();

    [Fact]
    public void The_marker_rule_reads_tags_not_positions()
    {
        // Positions 1 and 4 are Yes, as version 1 would need for 2, but they are not the analysis and objective here.
        Assert.Equal(0, GenderReview.SuggestMarker(Tagged(Yes, No, No, Yes, No)));
        Assert.Equal(2, GenderReview.SuggestMarker(Tagged(Yes, No, No, No, Yes)));
        Assert.Equal(1, GenderReview.SuggestMarker(Tagged(Yes, Yes, Partial, NotApplicable, No)));
        Assert.Equal(0, GenderReview.SuggestMarker(Tagged(NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable)));
    }

    [Theory]
    [MemberData(nameof(Suggestions))]
    public void Version_1_by_tags_suggests_what_it_suggested_by_positions(ChecklistAnswer[] answers, int expected)
    {
        Assert.Equal(expected, GenderReview.SuggestMarker(answers.Select((a, i) => (GenderChecklist.DefaultItems[i].Tag, a)).ToList()));
    }

    [Fact]
    public void A_review_keeps_the_version_and_each_items_text_and_tag()
    {
        var answers = new[] { Yes, No, Yes, Yes, No }.Select(a => (a, (string?)null)).ToList();

        var review = new GenderReview(Guid.NewGuid(), Reordered, answers, 1, "Rationale", "gfp-1", Now);

        Assert.Equal(2, review.ChecklistVersion);
        Assert.Equal(Reordered.Items.Select(i => i.Text), review.Answers.Select(a => a.ItemText));
        Assert.Equal(Reordered.Items.Select(i => i.Tag), review.Answers.Select(a => a.Tag));
        var ex = Assert.Throws<DomainException>(() => new GenderReview(Guid.NewGuid(), Reordered, EightAnswers(), 1, "Rationale", "gfp-1", Now));
        Assert.Equal("Answer all 5 items of the checklist.", ex.Message);
    }

    [Fact]
    public void A_version_1_review_keeps_the_default_texts()
    {
        var review = new GenderReview(Guid.NewGuid(), EightAnswers(), 1, "Rationale", "gfp-1", Now);

        Assert.Equal(1, review.ChecklistVersion);
        Assert.Equal(GenderReview.DefaultItems, review.Answers.Select(a => a.ItemText));
    }

    [Fact]
    public void A_No_on_the_analysis_or_do_no_harm_item_is_flagged_to_the_committee()
    {
        var noHarm = new GenderReview(Guid.NewGuid(), Reordered,
            new[] { Yes, No, No, No, Partial }.Select(a => (a, (string?)null)).ToList(), 0, "Rationale", "gfp-1", Now);
        var both = new GenderReview(Guid.NewGuid(), Reordered,
            new[] { Yes, No, Yes, Yes, No }.Select(a => (a, (string?)null)).ToList(), 0, "Rationale", "gfp-1", Now);
        var none = new GenderReview(Guid.NewGuid(), Reordered,
            new[] { No, Partial, No, No, NotApplicable }.Select(a => (a, (string?)null)).ToList(), 0, "Rationale", "gfp-1", Now);

        Assert.Equal([GenderReview.FlagsFor([(ChecklistItemTag.DoNoHarm, No)]).Single()], noHarm.Flags);
        Assert.Contains("do-no-harm", noHarm.Flags.Single());
        Assert.Equal(2, both.Flags.Count);
        Assert.Contains("gender analysis", both.Flags[0]);
        Assert.Empty(none.Flags);
    }

    [Fact]
    public void Version_1_has_the_eight_items_with_the_analysis_objective_and_do_no_harm_tags()
    {
        var v1 = GenderChecklist.Default(Now);

        Assert.Equal(1, v1.Version);
        Assert.Equal(Enumerable.Range(1, 8), v1.Items.Select(i => i.Position));
        Assert.Equal(ChecklistItemTag.Analysis, v1.Items[0].Tag);
        Assert.Equal(ChecklistItemTag.GenderObjective, v1.Items[3].Tag);
        Assert.Equal(ChecklistItemTag.DoNoHarm, v1.Items[5].Tag);
    }

    [Fact]
    public void A_checklist_that_breaks_the_rules_says_what_is_wrong_with_each_item()
    {
        var problems = GenderChecklist.Problems(
        [
            ("Analysis", ChecklistItemTag.Analysis),
            ("   ", ChecklistItemTag.None),
            (new string('x', 501), ChecklistItemTag.None),
            ("Second analysis", ChecklistItemTag.Analysis),
        ]).ToList();

        Assert.Contains(("Items[1]", "Item 2 is empty: write it or remove it."), problems);
        Assert.Contains(("Items[2]", "Item 3 is 501 characters long: keep it to 500."), problems);
        Assert.Contains(("Items[3]", "Item 4: only one item may be tagged “gender analysis”."), problems);
        Assert.Contains(problems, p => p.Field == "Items" && p.Message.Contains("do-no-harm"));
        Assert.Contains(problems, p => p.Field == "Items" && p.Message.Contains("gender-equality objective"));
        Assert.Equal([("Items", "Write at least one item.")], GenderChecklist.Problems([]).ToList());
        Assert.Throws<DomainException>(() => new GenderChecklist(3, [("Only one", ChecklistItemTag.Analysis)], "isu", Now));
    }

    private static GenderReviewAnswers Given(ChecklistAnswer?[]? answers = null, string?[]? evidence = null, int? marker = 1,
        string? rationale = "Delegation is balanced.") =>
        new(answers ?? [Yes, Partial, No, NotApplicable], evidence ?? [], marker, rationale);

    [Fact]
    public void Answers_to_every_item_with_a_marker_and_a_rationale_break_no_rule() => Assert.Empty(Given().Problems(4));

    [Fact]
    public void Each_unanswered_item_is_named_and_a_missing_marker_and_rationale_are_said_at_once()
    {
        var problems = Given([Yes, null, No, null], marker: null, rationale: " ").Problems(4).ToList();

        Assert.Equal(["Answers[1]", "Answers[3]", "Marker", "Rationale"], problems.Select(p => p.Field));
        Assert.Equal("Answer item 2: Yes, Partial, No or Not applicable.", problems[0].Message);
        Assert.Equal("Choose the gender marker: 0, 1 or 2.", problems[2].Message);
    }

    [Fact]
    public void Evidence_and_rationale_are_bounded_to_what_the_review_keeps()
    {
        Assert.Empty(Given(evidence: [new string('e', 2000)], rationale: new string('r', 4000)).Problems(4));
        Assert.Equal(["Evidence[1]", "Rationale"],
            Given(evidence: [null, new string('e', 2001)], rationale: new string('r', 4001)).Problems(4).Select(p => p.Field));
    }

    [Fact]
    public void The_checklist_is_completed_only_in_gender_review_and_only_for_its_own_application()
    {
        var given = new GrantApplicationBuilder();
        var screening = given.InEligibilityScreening();
        var early = Assert.Throws<DomainException>(() =>
            screening.CompleteGenderReview(new GenderReview(screening.Id, EightAnswers(), 1, "Rationale", "gfp-1", Now)));
        Assert.Equal("The gender-lens checklist is completed while the application is in gender review.", early.Message);
        Assert.Null(screening.GenderReview);

        var application = given.InGenderReview();
        Assert.Throws<DomainException>(() =>
            application.CompleteGenderReview(new GenderReview(Guid.NewGuid(), EightAnswers(), 1, "Rationale", "gfp-1", Now)));
        application.CompleteGenderReview(new GenderReview(application.Id, EightAnswers(), 2, "Principal.", "gfp-1", Now));
        Assert.Equal(2, application.GenderReview!.Marker);
    }

    [Fact]
    public void The_checklist_is_completed_once()
    {
        var application = new GrantApplicationBuilder().InGenderReview();
        application.CompleteGenderReview(new GenderReview(application.Id, EightAnswers(), 2, "Principal.", "gfp-1", Now));

        var ex = Assert.Throws<DomainException>(() =>
            application.CompleteGenderReview(new GenderReview(application.Id, EightAnswers(), 0, "Changed my mind.", "gfp-2", Now)));

        Assert.Equal("The gender-lens checklist for this application was already completed on 10 March 2026; it is completed once.", ex.Message);
        Assert.Equal(2, application.GenderReview!.Marker);
    }

    private static List<(ChecklistAnswer, string?)> EightAnswers() => Enumerable.Repeat((Yes, (string?)null), 8).ToList();
}
