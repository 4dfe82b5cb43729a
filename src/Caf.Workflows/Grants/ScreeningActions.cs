using Caf.Data;
using Caf.Data.Eligibility;
using Caf.Data.Entities;
using Caf.Data.ReferenceData;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Grants;

/// <summary>Runs the automatic eligibility checks against the reference data in force today and keeps the run.</summary>
internal sealed class RunEligibilityChecksAction : IWorkflowAction
{
    public string Name => "run-eligibility-checks";
    public string Description => "Runs the automatic eligibility checks with the reference data in force on the screening date.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        await EligibilityScreening.RunAsync(context.Db, context.SubjectAs<GrantApplication>(), context.UtcNow, cancellationToken);
}

/// <summary>Loads what the eligibility rules need, as of a moment, and evaluates them.</summary>
public static class EligibilityScreening
{
    private static async Task<IReadOnlyList<CheckOutcome>> EvaluateAsync(CafDbContext db, GrantApplication application, DateTime asOfUtc,
        CancellationToken ct)
    {
        var applicantState = application.ApplicantState ?? await db.StateParties.FirstAsync(s => s.Id == application.ApplicantStateId, ct);
        var round = application.Round ?? await db.Rounds.FirstAsync(r => r.Id == application.RoundId, ct);
        var applicant = await StatePartyRecords.AsOfAsync(db, applicantState.IsoCode, asOfUtc, ct);
        var partners = new List<(StateParty, StatePartyRecord?)>();
        foreach (var partner in application.Partners)
        {
            var state = partner.StateParty ?? await db.StateParties.FirstAsync(s => s.Id == partner.StatePartyId, ct);
            partners.Add((state, await StatePartyRecords.AsOfAsync(db, state.IsoCode, asOfUtc, ct)));
        }
        return EligibilityRules.Evaluate(application, round, applicantState, applicant, partners, FundTime.DateOf(asOfUtc),
            await RequestedAtSubmissionAsync(db, application, ct),
            application.SubmittedAtUtc is { } submitted ? FundTime.DateOf(submitted) : null);
    }

    /// <summary>The total requested in the latest submitted version, as the applicant sent it; the draft's own before any.</summary>
    private static async Task<Money> RequestedAtSubmissionAsync(CafDbContext db, GrantApplication application, CancellationToken ct)
    {
        // A version recorded by this same action (a response to questions) is not saved yet: it is the latest.
        var latest = db.ApplicationVersions.Local.Where(v => v.ApplicationId == application.Id)
                         .OrderByDescending(v => v.Number).Select(v => v.SnapshotJson).FirstOrDefault()
                     ?? await db.ApplicationVersions.Where(v => v.ApplicationId == application.Id)
                         .OrderByDescending(v => v.Number).Select(v => v.SnapshotJson).FirstOrDefaultAsync(ct);
        return latest is not null
               && ProposalSnapshot.FromJson(latest).FirstOrDefault(f => f.Field == ProposalSnapshot.TotalRequested) is { } field
               && Money.TryParse(field.Value, out var stated)
            ? stated
            : application.RequestedAmount;
    }

    /// <summary>Evaluates the checks as of <paramref name="nowUtc"/> and keeps the run on the application (saved by the caller).</summary>
    public static async Task RunAsync(CafDbContext db, GrantApplication application, DateTime nowUtc, CancellationToken ct)
    {
        var outcomes = await EvaluateAsync(db, application, nowUtc, ct);
        application.RecordEligibilityChecks(outcomes.Select(o => (o.Code, o.Title, o.Passed, o.Reason)), FundTime.DateOf(nowUtc), nowUtc);
    }
}

/// <summary>Keeps what the proposal said at this submission, for the field-by-field comparison of versions.</summary>
internal sealed class RecordVersionAction : IWorkflowAction
{
    public string Name => "record-version";
    public string Description => "Keeps a copy of the proposal as submitted, numbered 1, 2, 3…";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        var states = await context.Db.StateParties.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var actions = await context.Db.ActionPlanActions.ToDictionaryAsync(a => a.Id, a => $"{a.Plan}, action {a.Number}", cancellationToken);
        var number = await context.Db.ApplicationVersions.CountAsync(v => v.ApplicationId == application.Id, cancellationToken)
                     + context.Db.ApplicationVersions.Local.Count(v => v.ApplicationId == application.Id) + 1;
        context.Db.ApplicationVersions.Add(new ApplicationVersion(application.Id, number,
            ProposalSnapshot.ToJson(ProposalSnapshot.Of(application, states, actions)), context.Actor.UserId, context.UtcNow));
    }
}

/// <summary>Tells the applicant's focal points the screening decision and its rationale, each in their language.</summary>
internal sealed class NotifyScreeningDecisionAction : IWorkflowAction
{
    public string Name => "notify-screening-decision";
    public string Description => "Emails the applicant the eligibility decision and its rationale (or the ISU's questions), in their language.";

    public async ValueTask ExecuteAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = context.SubjectAs<GrantApplication>();
        var decision = application.LatestScreening
            ?? throw new InvalidOperationException("notify-screening-decision runs after the screening decision is recorded.");
        await ApplicantMail.QueueAsync(context.Db, application, context.UtcNow,
            language => ApplicantMail.ScreeningDecision(application, decision, application.OpenClarification, language), cancellationToken);
        context.Db.Notifications.Add(new Notification(application.Id, CafRoles.Applicant, application.ApplicantStateId,
            language => MailText.Get(language, "Notice.Screening", application.Reference,
                ApplicantMail.ScreeningDecision(application, decision, application.OpenClarification, language).Subject), context.UtcNow));
    }
}
