namespace Caf.Data.Reporting;

/// <summary>
/// What a grant approved in a round must report, and when (the round's reporting template, set by the ISU; ADR 0031):
/// the final narrative and financial reports <see cref="FinalReportDays"/> days after the activities end and, for grants
/// whose activities run longer than <see cref="InterimReportMonths"/> months, an interim report on each such period,
/// due <see cref="InterimDueDays"/> days after it ends.
/// </summary>
public sealed record ReportingTemplate(int FinalReportDays = ReportingTemplate.DefaultFinalReportDays,
    int? InterimReportMonths = ReportingTemplate.DefaultInterimReportMonths)
{
    /// <summary>DESIGN.md §5: the final reports within 60 days of the activity end date.</summary>
    public const int DefaultFinalReportDays = 60;
    public const int DefaultInterimReportMonths = 6;
    /// <summary>An interim report is due this many days after the end of the period it covers.</summary>
    public const int InterimDueDays = 30;
    public const int MaxFinalReportDays = 365;
    public const int MaxInterimReportMonths = 24;

    /// <summary>Every rule the template breaks, with the field it is about.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (FinalReportDays is < 1 or > MaxFinalReportDays)
            yield return (nameof(FinalReportDays), DomainText.Get("Round.FinalReportDaysRange", MaxFinalReportDays));
        if (InterimReportMonths is < 1 or > MaxInterimReportMonths)
            yield return (nameof(InterimReportMonths), DomainText.Get("Round.InterimMonthsRange", MaxInterimReportMonths));
    }

    /// <summary>
    /// The interim reports a grant whose activities run from <paramref name="start"/> to <paramref name="end"/> must send:
    /// one for each whole period of <see cref="InterimReportMonths"/> months from the start, as long as it falls due
    /// before the activities end (a later one would come with the final report, which covers the whole grant).
    /// </summary>
    public IReadOnlyList<InterimPeriod> InterimPeriods(DateOnly start, DateOnly end)
    {
        var periods = new List<InterimPeriod>();
        if (InterimReportMonths is not { } months || months < 1) return periods;
        for (var number = 1; ; number++)
        {
            var from = start.AddMonths((number - 1) * months);
            var to = start.AddMonths(number * months).AddDays(-1);
            var due = to.AddDays(InterimDueDays);
            if (to >= end || due >= end) break;
            periods.Add(new InterimPeriod(number, from, to, due));
        }
        return periods;
    }
}

/// <summary>Interim report <paramref name="Number"/>: on the activities from <paramref name="From"/> to <paramref name="To"/>, due on <paramref name="DueOn"/>.</summary>
public sealed record InterimPeriod(int Number, DateOnly From, DateOnly To, DateOnly DueOn);
