using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.GenderReview;

/// <summary>
/// The ISU publishes the next version of the gender checklist (ADR 0011). Versions are never edited; a form based on an
/// older version than the latest is refused rather than quietly undoing the newer one.
/// </summary>
public sealed class ChecklistVersions(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    /// <summary>The latest published version, with its items; null when none is.</summary>
    public Task<GenderChecklist?> LatestAsync(CancellationToken ct) =>
        db.GenderChecklists.AsNoTracking().Include(c => c.Items).OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);

    /// <param name="basedOn">The latest version when the form was opened (0: none).</param>
    /// <param name="items">The items in order; fields name them "Items[2]", or "Items" for the list.</param>
    public async Task<PublishOutcome> PublishAsync(int basedOn, IReadOnlyList<(string Text, ChecklistItemTag Tag)> items, ClaimsPrincipal isu,
        CancellationToken ct)
    {
        var problems = GenderChecklist.Problems(items).ToList();
        if (problems.Count > 0) return new PublishOutcome(CommandOutcome.Invalid(problems), basedOn);

        var latest = await db.GenderChecklists.AsNoTracking().OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        if (PublishedVersions.StaleFormMessage(basedOn, latest?.Version, latest?.CreatedBy, "Versions.ChecklistsPage") is { } stale)
            return new PublishOutcome(new CommandOutcome(409, [(null, stale)]), latest!.Version);
        var version = basedOn + 1;
        try
        {
            var outcome = await actions.RunAsync(isu, () =>
            {
                db.GenderChecklists.Add(new GenderChecklist(version, items, isu.Identity?.Name ?? ApplicationAccess.ActorFor(isu).UserId,
                    clock.GetUtcNow().UtcDateTime));
                return Task.CompletedTask;
            }, ct);
            return new PublishOutcome(outcome, version);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsChecklistVersionClash(ex))
        {
            db.ChangeTracker.Clear();
            return new PublishOutcome(new CommandOutcome(409, [(null,
                InterfaceLanguage.Format("Rubric.SomeoneElse", version))]), version);
        }
    }
}
