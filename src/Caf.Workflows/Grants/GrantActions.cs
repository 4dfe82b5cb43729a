using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Workflows.Grants;

/// <summary>Gives the application its CAF-YYYY-NNN reference and stamps the submission time.</summary>
internal sealed class AssignReferenceAction : IWorkflowAction
{
    public string Name => "assign-reference";
    public string Description => "Gives the application its reference CAF-YYYY-NNN.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        if (application.Reference is not null)
        {
            application.MarkSubmitted(application.Reference, context.UtcNow);
            return;
        }
        var year = FundTime.DateOf(context.UtcNow).Year; // 00:30 on 1 January in Geneva numbers in the new year
        var number = await ReferenceNumbers.NextAsync(context.Db, year, cancellationToken);
        application.MarkSubmitted(ReferenceNumbers.Format(year, number), context.UtcNow);
    }
}

/// <summary>
/// Records the approved amount as a commitment in the fund ledger, converted to the fund currency at the rate of the
/// approval date (ADR 0022): without a recorded rate the approval is refused, naming the rate to record.
/// </summary>
internal sealed class CommitFundsAction(IOptions<GrantRulesOptions> options) : IWorkflowAction
{
    public string Name => "commit-funds";
    public string Description => "Records the approved amount as a commitment of the fund.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        var amount = application.ApprovedAmount
            ?? throw new InvalidOperationException("commit-funds runs only after the decision is recorded.");
        var today = FundTime.DateOf(context.UtcNow);
        var conversion = await FundRates.ConvertAsync(context.Db, amount, options.Value.FundCurrency, today, "ApprovedAmount", cancellationToken);
        // The fund commits only money it has: cash less what it has already promised, as of the last approval saved.
        var balance = await FundBalances.ForDecisionAsync(context.Db, options.Value.FundCurrency, cancellationToken);
        if (conversion.FundAmount > balance.Available)
        {
            var approving = amount.Currency == conversion.FundAmount.Currency
                ? (object)amount
                : DomainText.Get("Finance.AmountInFundCurrency", amount, conversion.FundAmount);
            throw new DomainException(DomainText.Get("Finance.CannotCommit", balance.Available, balance.Cash, balance.Committed, approving),
                "ApprovedAmount");
        }
        application.AddLedgerEntry(LedgerEntryKind.Commitment, conversion, today,
            $"Commitment: {application.Reference} {application.Title}", null, context.Actor.UserId, context.UtcNow);
    }
}

/// <summary>Marks the submitted final report as accepted.</summary>
internal sealed class AcceptFinalReportAction : IWorkflowAction
{
    public string Name => "accept-final-report";
    public string Description => "Marks the final report as accepted.";

    public ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        // The final report alone: an interim report awaiting review is the ISU's to read on its own.
        foreach (var report in application.Reports.Where(r => r.IsFinal && r.Status == ReportStatus.Submitted)) report.Accept();
        return ValueTask.CompletedTask;
    }
}

/// <summary>On closing, releases whatever part of the commitment was never paid out.</summary>
internal sealed class ReleaseCommitmentAction : IWorkflowAction
{
    public string Name => "release-commitment";
    public string Description => "Releases the unpaid part of the commitment back to the fund.";

    public ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        if (application.ApprovedAmount is null) return ValueTask.CompletedTask;
        application.ReleaseUnpaidCommitment(context.Actor.UserId, context.UtcNow);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The report a timer chases, while it is not sent (none awaiting review or accepted; one returned for revision is chased
/// until a new version comes): the final report, or the grant's next interim report; its due day and the page to send it.
/// </summary>
internal sealed record ChasedReport(int? Interim, DateOnly Due, string Page)
{
    public static ChasedReport? Of(GrantApplication application, bool interim) =>
        interim
            ? application.NextInterimReport is { } next ? new(next.Number, next.DueOn, ReportMail.Page(application.Id, next.Number)) : null
            : application.ReportSent() || application.FinalReportDueOn is not { } due ? null : new(null, due, ReportMail.Page(application.Id, null));
}

/// <summary>
/// Tells the grantee's focal points about a report not sent: a reminder before its due date, or the notice the day after
/// that it is overdue; a note on their tasks and an email in each one's language. Reminders are optional emails; the
/// overdue notice is not.
/// </summary>
internal abstract class TellGranteeAboutReportAction(IPublicLinks links, bool interim, bool overdue) : IWorkflowAction
{
    public abstract string Name { get; }
    public string Description => overdue
        ? $"Tells the grantee the {(interim ? "interim" : "final")} report is overdue (a note and an email in each focal point's language)."
        : $"Reminds the grantee that the {(interim ? "next interim" : "final")} report is due (a note and an email in each focal point's language).";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        if (ChasedReport.Of(application, interim) is not { } report) return;
        context.Db.Notifications.Add(new Notification(application.Id, Caf.Data.CafRoles.Applicant, application.ApplicantStateId,
            language => MailText.Get(language, overdue ? "Notice.Overdue" : "Notice.Reminder", ReportMail.Name(report.Interim, language),
                application.Reference, report.Due),
            context.UtcNow));
        var link = links.Link(report.Page);
        await ApplicantMail.QueueAsync(context.Db, application, context.UtcNow,
            language => overdue ? ReportMail.Overdue(application, report.Interim, report.Due, link, language)
                                : ReportMail.Reminder(application, report.Interim, report.Due, link, language),
            cancellationToken, overdue ? OptionalEmail.None : OptionalEmail.ReportReminders);
    }
}

internal sealed class RemindFinalReportAction(IPublicLinks links) : TellGranteeAboutReportAction(links, interim: false, overdue: false)
{
    public override string Name => "remind-final-report";
}

internal sealed class RemindInterimReportAction(IPublicLinks links) : TellGranteeAboutReportAction(links, interim: true, overdue: false)
{
    public override string Name => "remind-interim-report";
}

internal sealed class NotifyFinalReportOverdueAction(IPublicLinks links) : TellGranteeAboutReportAction(links, interim: false, overdue: true)
{
    public override string Name => "notify-final-report-overdue";
}

internal sealed class NotifyInterimReportOverdueAction(IPublicLinks links) : TellGranteeAboutReportAction(links, interim: true, overdue: true)
{
    public override string Name => "notify-interim-report-overdue";
}

/// <summary>Tells the ISU that a report is overdue: a note on their tasks and an email to each officer.</summary>
internal abstract class EscalateReportAction(IPublicLinks links, bool interim) : IWorkflowAction
{
    public abstract string Name { get; }
    public string Description => $"Tells the ISU that the {(interim ? "interim" : "final")} report is overdue (a note and an email to each officer, in their language).";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        if (ChasedReport.Of(application, interim) is not { } report) return;
        context.Db.Notifications.Add(new Notification(application.Id, Caf.Data.CafRoles.IsuOfficer, null,
            language => MailText.Get(language, "Notice.OverdueToIsu", ReportMail.Grantee(application, language, "Notice.TheGranteeInSentence"),
                ReportMail.Name(report.Interim, language), application.Reference),
            context.UtcNow));
        var link = links.Link($"/Applications/Details/{application.Id}");
        await ReportMail.QueueToIsuAsync(context.Db, context.UtcNow, language => ReportMail.Escalation(application, report.Interim, report.Due, link, language),
            cancellationToken, OptionalEmail.OverdueEscalations);
    }
}

internal sealed class EscalateFinalReportAction(IPublicLinks links) : EscalateReportAction(links, interim: false)
{
    public override string Name => "escalate-final-report";
}

internal sealed class EscalateInterimReportAction(IPublicLinks links) : EscalateReportAction(links, interim: true)
{
    public override string Name => "escalate-interim-report";
}

/// <summary>On approval, plans the grant's reports from its round's reporting template (ADR 0031).</summary>
internal sealed class PlanReportsAction : IWorkflowAction
{
    public string Name => "plan-reports";
    public string Description => "Sets the reports the grant must send and their due dates, from the round's reporting template.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        var template = await context.Db.Rounds.Where(r => r.Id == application.RoundId)
            .Select(r => new Caf.Data.Reporting.ReportingTemplate(r.FinalReportDays, r.InterimReportMonths)).FirstAsync(cancellationToken);
        application.PlanReports(template, context.UtcNow);
    }
}

/// <summary>Confirms a submission to the applicant state's focal points by email, each in their language.</summary>
internal sealed class ConfirmSubmissionAction : IWorkflowAction
{
    public string Name => "confirm-submission";
    public string Description => "Emails the applicant's focal points that the application and its reference were received.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        await ApplicantMail.QueueAsync(context.Db, application, context.UtcNow,
            language => ApplicantMail.SubmissionConfirmation(application, language), cancellationToken, OptionalEmail.SubmissionConfirmations);
    }
}

/// <summary>Sends the applicant the committee's decision letter, each focal point in their language.</summary>
internal sealed class NotifyCommitteeDecisionAction : IWorkflowAction
{
    public string Name => "notify-committee-decision";
    public string Description => "Emails the applicant the committee's decision (approved with amount and conditions, rejected or deferred) and its rationale.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        var trigger = context.Transition.Trigger;
        var rationale = context.Comment ?? (trigger == GrantTriggers.Approve ? application.DecisionRationale : null) ?? "";
        await ApplicantMail.QueueAsync(context.Db, application, context.UtcNow,
            language => ApplicantMail.CommitteeDecision(application, trigger, rationale, language), cancellationToken);
    }
}
