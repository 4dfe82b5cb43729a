using Caf.Data.Entities;
using Caf.Workflows.Engine;

namespace Caf.Workflows.Grants;

/// <summary>The last day of the activities, at the end of that day in Geneva.</summary>
internal sealed class ActivityEndDateField : IWorkflowDateField
{
    public string Name => "activity-end";
    public string Description => "The day the activities end.";

    public DateTime? ValueFor(object subject) =>
        subject is GrantApplication { ActivityEnd: { } end } ? Caf.Data.FundTime.EndOfDay(end) : null;
}

/// <summary>
/// The final narrative and financial reports are due the round's days (60 by DESIGN.md §5) after the activities end, or on the date of an
/// extension the ISU agreed; at the end of that day in Geneva (23:59 there), so that a reminder "14 days before" and the
/// notice "the day after" fall on the days they say, and every page shows the due date as the same day.
/// </summary>
internal sealed class FinalReportDueDateField : IWorkflowDateField
{
    /// <summary>The name workflow files and the timer action use for this date.</summary>
    public const string FieldName = "final-report-due";

    public string Name => FieldName;
    public string Description => "The round's days (60 by default) after the activities end, or an agreed extension's date.";

    public DateTime? ValueFor(object subject) =>
        subject is GrantApplication { FinalReportDueOn: { } due } ? Caf.Data.FundTime.EndOfDay(due) : null;
}

/// <summary>
/// The day the next interim report not yet sent is due (the first of the grant's interim reports with none awaiting
/// review or accepted), at the end of that day in Geneva; none once all are sent. Sending one moves the reminders on to
/// the next (the use case reschedules the stage's timers).
/// </summary>
internal sealed class InterimReportDueDateField : IWorkflowDateField
{
    public const string FieldName = "interim-report-due";

    public string Name => FieldName;
    public string Description => "The due date of the next interim report not yet sent.";

    public DateTime? ValueFor(object subject) =>
        subject is GrantApplication { NextInterimReport: { } next } ? Caf.Data.FundTime.EndOfDay(next.DueOn) : null;
}
