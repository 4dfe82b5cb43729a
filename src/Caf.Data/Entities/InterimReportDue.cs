using Caf.Data.Reporting;

namespace Caf.Data.Entities;

/// <summary>
/// An interim report a grant must send (planned on approval from its round's reporting template, ADR 0031): its number,
/// the period of activities it covers and the day it is due.
/// </summary>
public sealed class InterimReportDue : IAudited
{
    private InterimReportDue() { }

    internal InterimReportDue(Guid applicationId, InterimPeriod period)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Number = period.Number;
        PeriodFrom = period.From;
        PeriodTo = period.To;
        DueOn = period.DueOn;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Number { get; private set; }
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public DateOnly DueOn { get; private set; }
}
