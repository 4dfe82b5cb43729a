using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;

namespace Caf.UnitTests;

public sealed class FinalReportRulesTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private readonly GrantApplicationBuilder _given = new();

    private static GrantReport Submit(GrantApplication application) =>
        application.SubmitFinalReport("report.pdf", "application/pdf", [1, 2, 3], 9_000m, "applicant-1", Now);

    /// <summary>A reporting grant's budget: the builder's lines, in order.</summary>
    private static IReadOnlyList<BudgetLine> Budget(GrantApplication application) => [.. application.BudgetLines.OrderBy(l => l.Position)];

    private static Dictionary<Guid, decimal?> Spent(GrantApplication application, params decimal?[] amounts) =>
        Budget(application).Select((l, i) => (l.Id, Amount: i < amounts.Length ? amounts[i] : null)).ToDictionary(p => p.Id, p => p.Amount);

    [Fact]
    public void A_file_and_what_was_spent_on_every_budget_line_make_a_complete_report()
    {
        var application = _given.Signed(stage: GrantStages.Reporting);
        var zeroes = Budget(application).Select(_ => (decimal?)0m).ToArray();
        Assert.NotEmpty(zeroes);
        Assert.Empty(new FinalReportSubmission("report.pdf", "application/pdf", [1], Spent(application, zeroes), Narrative: Told(application)).Problems(application.BudgetLines, application.Results));
    }

    [Fact]
    public void A_report_without_its_file_or_a_lines_spending_is_told_both_at_once()
    {
        var application = _given.Signed(stage: GrantStages.Reporting);
        var first = Budget(application)[0];
        var problems = new FinalReportSubmission(null, null, null, Spent(application), Narrative: Told(application)).Problems(application.BudgetLines, application.Results).ToList();
        Assert.Equal(("File", "Choose the report file to upload."), problems[0]);
        Assert.Equal(("Lines[0]", $"Give what was spent on \"{first.Description}\" (0 if nothing)."), problems[1]);
    }

    [Fact]
    public void Spending_on_a_line_of_another_grants_budget_is_refused_not_ignored()
    {
        var application = _given.Signed(stage: GrantStages.Reporting);
        var other = new GrantApplicationBuilder().Signed(stage: GrantStages.Reporting);
        var spending = Spent(application, Budget(application).Select(_ => (decimal?)0m).ToArray());
        spending[Budget(other)[0].Id] = 100m;

        Assert.Contains(("Lines", "Report only on the lines of this grant's budget."),
            new FinalReportSubmission("r.pdf", null, [1], spending, Narrative: Told(application)).Problems(application.BudgetLines, application.Results));
        var refused = Assert.Throws<DomainException>(() => application.SubmitFinalReport("r.pdf", "application/pdf", [1],
            spending.ToDictionary(p => p.Key, p => p.Value!.Value), "applicant-1", Now));
        Assert.Equal("Lines", refused.Field);
        Assert.Empty(application.Reports);
    }

    /// <summary>A narrative that answers every indicator of the application and counts one participant.</summary>
    private static Caf.Data.Reporting.ReportNarrative Told(GrantApplication application) =>
        new("Visits.", [.. application.Results.Select(r => new Caf.Data.Reporting.IndicatorResult(r.Id, r.Indicator, r.Target, "Done"))],
            [new(Sex.Female, 0, 1, 0, 0, 0, null)], "Lessons.", "Follow-up.");

    [Fact]
    public void A_final_report_without_its_narrative_is_told_what_the_narrative_lacks()
    {
        var application = _given.Signed(stage: GrantStages.Reporting);
        var zeroes = Budget(application).Select(_ => (decimal?)0m).ToArray();
        var fields = new FinalReportSubmission("report.pdf", "application/pdf", [1], Spent(application, zeroes)).Problems(application.BudgetLines, application.Results)
            .Select(p => p.Field).ToList();
        Assert.Equal(["Activities", .. application.Results.Select((_, i) => $"Results[{i}]"), "Participants", "Lessons", "FollowUp"], fields);
    }

    public static TheoryData<decimal> ExpendituresRefused => [-0.01m, 100_000_000.01m, 1.001m];

    [Theory]
    [MemberData(nameof(ExpendituresRefused))]
    public void A_lines_spending_below_zero_above_the_maximum_or_in_fractions_of_a_cent_is_refused(decimal spent)
    {
        var application = _given.Signed(stage: GrantStages.Reporting);
        var amounts = Budget(application).Select(_ => (decimal?)0m).ToArray();
        amounts[0] = spent;
        Assert.Equal(["Lines[0]"], new FinalReportSubmission("r.pdf", null, [1], Spent(application, amounts), Narrative: Told(application)).Problems(application.BudgetLines, application.Results)
            .Select(p => p.Field).ToList());
    }

    [Fact]
    public void The_reports_total_is_the_sum_of_its_lines_and_each_line_is_compared_with_its_budget()
    {
        var application = _given.Signed(stage: GrantStages.Reporting);
        var budget = Budget(application);
        var spending = budget.Select((l, i) => (l.Id, Actual: i == 0 ? decimal.Round(l.Total.Amount * 1.2m, 2) : l.Total.Amount))
            .ToDictionary(p => p.Id, p => p.Actual);

        var report = application.SubmitFinalReport("report.pdf", "application/pdf", [1], spending, "applicant-1", Now);

        Assert.Equal(spending.Values.Sum(), report.ActualExpenditure);
        report.Accept();
        Assert.Equal(new Money(spending.Values.Sum(), "CHF"), application.ReportedExpenditure);
        var variances = report.Variances("CHF", 10m);
        Assert.Equal(budget.Count, variances.Count);
        Assert.Equal((budget[0].Description, 20.0m, true), (variances[0].Description, variances[0].Variance.Percent!.Value, variances[0].Variance.Flagged));
        Assert.All(variances.Skip(1), v => Assert.Equal((0m, false), (v.Variance.Variance.Amount, v.Variance.Flagged)));
    }

    [Fact]
    public void The_final_report_is_sent_in_the_reporting_stage()
    {
        var application = _given.Signed(stage: GrantStages.Reporting);

        var report = Submit(application);

        Assert.Equal(ReportStatus.Submitted, report.Status);
    }

    [Theory]
    [InlineData(GrantStages.Active)]
    [InlineData(GrantStages.FinalReconciliation)]
    public void A_final_report_is_refused_before_or_after_reporting(string stage)
    {
        var application = _given.Signed(stage: stage);

        var ex = Assert.Throws<DomainException>(() => Submit(application));

        Assert.Equal($"The final report is sent once the activities are over and reports are due; this grant is at the stage '{stage}'.", ex.Message);
        Assert.Empty(application.Reports);
    }

    [Fact]
    public void A_draft_cannot_send_a_final_report() =>
        Assert.Throws<DomainException>(() => Submit(_given.Draft()));
}
