using System.Security.Claims;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>
/// The ISU publishes the next version of the scoring rubric (ADR 0013): criteria keep the codes they had in the version
/// before, so scores stay comparable. A form based on an older version than the latest is refused.
/// </summary>
public sealed class RubricVersions(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    /// <summary>The latest published version, with its criteria; null when none is.</summary>
    public Task<ScoringRubric?> LatestAsync(CancellationToken ct) =>
        db.ScoringRubrics.AsNoTracking().Include(r => r.Criteria).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);

    /// <param name="basedOn">The latest version when the form was opened (0: none).</param>
    /// <param name="criteria">The criteria in order; fields name them "Criteria[1].Weight", or "Criteria" for the list.</param>
    public async Task<PublishOutcome> PublishAsync(int basedOn, IReadOnlyList<RubricDraft> criteria, ClaimsPrincipal isu, CancellationToken ct)
    {
        var problems = ScoringRubric.Problems(criteria).ToList();
        if (problems.Count > 0) return new PublishOutcome(CommandOutcome.Invalid(problems), basedOn);

        var latest = await LatestAsync(ct);
        if (PublishedVersions.StaleFormMessage(basedOn, latest?.Version, latest?.CreatedBy, "Versions.RubricsPage") is { } stale)
            return new PublishOutcome(new CommandOutcome(409, [(null, stale)]), latest!.Version);
        var codes = ScoringRubric.CodesFor(criteria.Select(c => c.Name!).ToList(), latest?.Items ?? []);
        var items = criteria.Select((c, i) => new RubricItem(codes[i], c.Name!.Trim(), c.Weight!.Value, c.Levels.Select(l => l!.Trim()).ToList()))
            .ToList();
        var version = basedOn + 1;
        try
        {
            var outcome = await actions.RunAsync(isu, () =>
            {
                db.ScoringRubrics.Add(new ScoringRubric(version, items, isu.Identity?.Name ?? ApplicationAccess.ActorFor(isu).UserId,
                    clock.GetUtcNow().UtcDateTime));
                return Task.CompletedTask;
            }, ct);
            return new PublishOutcome(outcome, version);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsRubricVersionClash(ex))
        {
            db.ChangeTracker.Clear();
            return new PublishOutcome(new CommandOutcome(409, [(null,
                InterfaceLanguage.Format("Rubric.SomeoneElse", version))]), version);
        }
    }
}
