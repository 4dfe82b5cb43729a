using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;
using Caf.Workflows.Engine;

namespace Caf.UnitTests;

/// <summary>The round's reporting template, the narrative's rules and due dates counted on Geneva's calendar (issue 14, ADR 0031).</summary>
public sealed class ReportingPlanTests
{
    [Fact]
    public void A_grant_longer_than_the_interim_period_has_an_interim_report_for_each_whole_period_due_before_its_activities_end()
    {
        var template = new ReportingTemplate(60, 6);
        var start = new DateOnly(2027, 3, 1);
        Assert.Equal([new InterimPeriod(1, start, new DateOnly(2027, 8, 31), new DateOnly(2027, 9, 30)),
                      new InterimPeriod(2, new DateOnly(2027, 9, 1), new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 30))],
            template.InterimPeriods(start, new DateOnly(2028, 8, 31)));
        // A year: one interim report (the second period ends with the activities; the final report covers it).
        Assert.Single(template.InterimPeriods(start, new DateOnly(2028, 2, 29)));
        // Seven months: the first period's report would fall due after the activities end, so none.
        Assert.Empty(template.InterimPeriods(start, new DateOnly(2027, 9, 30)));
        Assert.Empty(template.InterimPeriods(start, start.AddDays(7)));
        // No interim period in the template: none, however long the grant.
        Assert.Empty(new ReportingTemplate(60, null).InterimPeriods(start, start.AddYears(3)));
    }

    [Theory]
    [InlineData(0, 6, "FinalReportDays")]
    [InlineData(366, 6, "FinalReportDays")]
    [InlineData(60, 0, "InterimReportMonths")]
    [InlineData(60, 25, "InterimReportMonths")]
    public void A_template_out_of_range_is_refused_at_its_field(int days, int months, string field) =>
        Assert.Equal(field, Assert.Single(new ReportingTemplate(days, months).Problems()).Field);

    [Fact]
    public void Reminders_a_number_of_days_from_a_due_time_fall_at_the_same_time_of_day_in_Geneva_across_a_clock_change()
    {
        // Due on 8 April 2027 at 23:59 in Geneva (summer time, 21:59 UTC); 14 days before is 25 March, still winter time.
        var due = FundTime.EndOfDay(new DateOnly(2027, 4, 8));
        var reminder = ScheduleDefinition.Shift(due, TimeSpan.FromDays(-14));
        Assert.Equal(new DateTime(2027, 3, 25, 23, 59, 0), FundTime.FromUtc(reminder));
        Assert.Equal(new DateOnly(2027, 3, 25), FundTime.DateOf(reminder));
        // Finer offsets are elapsed time.
        Assert.Equal(due.AddHours(-12), ScheduleDefinition.Shift(due, TimeSpan.FromHours(-12)));
    }

    [Fact]
    public void A_narrative_answers_every_indicator_and_counts_who_took_part_before_it_is_sent_but_a_draft_may_be_incomplete()
    {
        var application = new GrantApplicationBuilder().Draft();
        GrantApplicationBuilder.CompleteNarrative(application);
        var indicator = application.Results[0];
        var empty = new ReportNarrative("", [], [], "", "");
        Assert.Empty(empty.DraftProblems());
        Assert.Equal(["Activities", "Results[0]", "Participants", "Lessons", "FollowUp"], empty.Problems([indicator]).Select(p => p.Field));

        var women = new ParticipantRow(Sex.Female, 1, 2, 0, 0, 0, 4);
        var told = new ReportNarrative("Visits.", [new IndicatorResult(indicator.Id, indicator.Indicator, indicator.Target, "8 trained")], [women], "Lessons.", "More.");
        Assert.Equal("Participants[0]", Assert.Single(told.Problems([indicator])).Field);
        Assert.Contains("more people with a disability (4) than took part (3)", Assert.Single(told.DraftProblems()).Message);

        // Counts far out of range are refused by their rule, not by an overflow of the total.
        var huge = told with { Participants = [new ParticipantRow(Sex.Female, int.MaxValue, int.MaxValue, 0, 0, 0, null), new ParticipantRow(Sex.Male, int.MaxValue, 0, 0, 0, 0, null)] };
        Assert.Equal(["Participants[0]", "Participants[1]"], huge.Problems([indicator]).Select(p => p.Field));

        var fixedCount = told with { Participants = [women with { WithDisability = 1 }] };
        Assert.Empty(fixedCount.Problems([indicator]));
        var stored = ReportNarrative.FromJson(fixedCount.ToJson());
        Assert.Equal((fixedCount.Activities, fixedCount.Lessons, fixedCount.FollowUp), (stored.Activities, stored.Lessons, stored.FollowUp));
        Assert.Equal(fixedCount.Results, stored.Results);
        Assert.Equal(fixedCount.Participants, stored.Participants);
        var revised = fixedCount with { Results = [fixedCount.Results[0] with { Achieved = "9 trained" }] };
        Assert.Equal([($"Achieved: {indicator.Indicator}", "8 trained", "9 trained")], revised.ChangesSince(fixedCount));
    }
}
