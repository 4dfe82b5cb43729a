using Caf.Data.Entities;
using Caf.Workflows.Engine;

namespace Caf.Workflows.Grants;

/// <summary>The last day of the activities, at the end of that day (UTC).</summary>
internal sealed class ActivityEndDateField : IWorkflowDateField
{
    public string Name => "activity-end";
    public string Description => "The day the activities end.";

    public DateTime? ValueFor(object subject) =>
        subject is GrantApplication { ActivityEnd: { } end } ? end.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc) : null;
}

/// <summary>
/// The final narrative and financial reports are due 60 days after the activities end (DESIGN.md §5), or on the date of an
/// extension the ISU agreed; at the end of that day in Geneva (23:59 there), so that a reminder "14 days before" and the
/// notice "the day after" fall on the days they say, and every page shows the due date as the same day.
/// </summary>
internal sealed class FinalReportDueDateField : IWorkflowDateField
{
    /// <summary>The name workflow files and the timer action use for this date.</summary>
    public const string FieldName = "final-report-due";

    public string Name => FieldName;
    public string Description => $"{GrantApplication.FinalReportDaysAfterActivities} days after the activities end, or an agreed extension's date.";

    public DateTime? ValueFor(object subject) =>
        subject is GrantApplication { FinalReportDueOn: { } due } ? Caf.Data.FundTime.EndOfDay(due) : null;
}
