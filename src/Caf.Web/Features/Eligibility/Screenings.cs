using System.Security.Claims;
using Caf.Data;
using Caf.Data.Eligibility;
using Caf.Data.Entities;
using Caf.Workflows.Grants;

namespace Caf.Web.Features.Eligibility;

/// <summary>
/// The ISU's eligibility screening of an application: its own checklist and a decision — eligible, ineligible, or
/// questions to the applicant with sections reopened — with the rationale the applicant is told; and the automatic checks,
/// run again on demand (e.g. after new reference data were imported).
/// </summary>
public sealed class Screenings(CafDbContext db, UserActions actions, IConfiguration configuration, TimeProvider clock) : IUseCase
{
    /// <summary>Used when the configuration names no items (Eligibility:ManualChecklist): in the page's language.</summary>
    public static IReadOnlyList<string> DefaultChecklist => [.. DefaultChecklistKeys.Select(InterfaceLanguage.Text)];

    private static readonly string[] DefaultChecklistKeys = ["Screening.Item1", "Screening.Item2", "Screening.Item3", "Screening.Item4"];

    /// <summary>The items of the ISU's checklist, in order.</summary>
    public IReadOnlyList<string> Items => configuration.GetSection("Eligibility:ManualChecklist").Get<string[]>() is { Length: > 0 } items
        ? items : DefaultChecklist;

    /// <summary>The workflow action each decision fires; the application page's buttons name theirs.</summary>
    private static readonly Dictionary<ScreeningOutcome, string> Triggers = new()
    {
        [ScreeningOutcome.Eligible] = GrantTriggers.DeclareEligible,
        [ScreeningOutcome.Ineligible] = GrantTriggers.DeclareIneligible,
        [ScreeningOutcome.Clarification] = GrantTriggers.RequestClarification,
    };

    internal static string TriggerFor(ScreeningOutcome decision) => Triggers[decision];

    internal static ScreeningOutcome? DecisionFor(string? trigger) =>
        Triggers.Where(t => t.Value == trigger).Select(t => (ScreeningOutcome?)t.Key).FirstOrDefault();

    /// <summary>Records the screening and moves the application on: to gender review, to ineligible, or to the applicant's answer.</summary>
    public async Task<CommandOutcome> RecordAsync(GrantApplication application, ClaimsPrincipal isu, Screening screening, CancellationToken ct)
    {
        var items = Items;
        var problems = screening.Problems(items.Count).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);

        var decision = screening.Decision!.Value;
        var userId = ApplicationAccess.ActorFor(isu).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var answers = items.Select((item, i) => new ScreeningAnswer(i + 1, item, screening.Met[i]!.Value, screening.Notes.ElementAtOrDefault(i)))
            .ToList();
        return await actions.RunAsync(isu, () =>
        {
            application.RecordScreening(decision, answers, screening.Rationale!, userId, now);
            if (decision == ScreeningOutcome.Clarification) application.RequestClarification(screening.Questions!, screening.Sections, userId, now);
            return Task.FromResult(new CommandOutcome.Change(application, TriggerFor(decision), screening.Rationale));
        }, ct);
    }

    /// <summary>Runs the automatic checks again; earlier runs stay on record, the latest counts.</summary>
    public Task<CommandOutcome> RerunChecksAsync(GrantApplication application, ClaimsPrincipal isu, CancellationToken ct) =>
        actions.RunAsync(isu, async () =>
        {
            await EligibilityScreening.RunAsync(db, application, clock.GetUtcNow().UtcDateTime, ct);
            return new CommandOutcome.Change(application);
        }, ct);
}
