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

    [Fact]
    public void A_file_and_what_was_spent_make_a_complete_report() =>
        Assert.Empty(new FinalReportSubmission("report.pdf", "application/pdf", [1], 0m).Problems());

    [Fact]
    public void A_report_without_its_file_or_its_expenditure_is_told_both_at_once() =>
        Assert.Equal(
        [
            ("File", "Choose the report file to upload."),
            ("ActualExpenditure", "Give the total actually spent."),
        ], new FinalReportSubmission(null, null, null, null).Problems().ToList());

    public static TheoryData<decimal> ExpendituresRefused => [-0.01m, 100_000_000.01m, 1.001m];

    [Theory]
    [MemberData(nameof(ExpendituresRefused))]
    public void An_expenditure_below_zero_above_the_maximum_or_in_fractions_of_a_cent_is_refused(decimal spent) =>
        Assert.Equal(["ActualExpenditure"], new FinalReportSubmission("r.pdf", null, [1], spent).Problems().Select(p => p.Field).ToList());

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
