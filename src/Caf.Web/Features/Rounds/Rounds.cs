using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Rounds;

/// <summary>
/// The ISU drafts a round, changes it, opens it (it then appears on the public page) and closes it (ADR 0009). Rounds
/// are not applications: no workflow moves them, but each action is still saved once with its audit records.
/// </summary>
public sealed class Rounds(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    private static CommandOutcome NoSuchRound => new(404, [(null, InterfaceLanguage.Text("Rounds.NoSuchRound"))]);

    /// <summary>
    /// Saves a new draft round (<paramref name="id"/> null) or the changes to one; the round's terms must name a published
    /// version of the gender checklist and of the scoring rubric. Gives the round's id once saved.
    /// </summary>
    public async Task<(CommandOutcome Outcome, Guid? RoundId)> SaveAsync(Guid? id, RoundTerms terms, ClaimsPrincipal isu, CancellationToken ct)
    {
        FundingRound? round = null;
        if (id is { } existing && (round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == existing, ct)) is null) return (NoSuchRound, null);
        var unpublished = await UnpublishedVersionsAsync(terms.GenderChecklistVersion, terms.RubricVersion, ct);
        if (unpublished.Count > 0) return (CommandOutcome.Invalid(unpublished), id);

        var outcome = await actions.RunAsync(isu, () =>
        {
            if (round is null) db.Rounds.Add(round = new FundingRound(terms));
            else round.Update(terms);
            return Task.CompletedTask;
        }, ct);
        return (outcome, outcome.Succeeded ? round!.Id : id);
    }

    /// <summary>
    /// The versions named that have not been published, each against its field (GenderChecklistVersion, RubricVersion) and
    /// saying which are; a version not given is not checked.
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> UnpublishedVersionsAsync(int? checklistVersion, int? rubricVersion,
        CancellationToken ct)
    {
        var problems = new List<(string Field, string Message)>();
        if (await UnpublishedAsync(checklistVersion, "Rounds.GenderChecklist", db.GenderChecklists.Select(c => c.Version), ct) is { } checklist)
            problems.Add((nameof(RoundTerms.GenderChecklistVersion), checklist));
        if (await UnpublishedAsync(rubricVersion, "Rounds.ScoringRubric", db.ScoringRubrics.Select(r => r.Version), ct) is { } rubric)
            problems.Add((nameof(RoundTerms.RubricVersion), rubric));
        return problems;
    }

    private static async Task<string?> UnpublishedAsync(int? version, string what, IQueryable<int> published, CancellationToken ct)
    {
        if (version is not { } wanted || await published.AnyAsync(v => v == wanted, ct)) return null;
        var versions = await published.OrderBy(v => v).ToListAsync(ct);
        return InterfaceLanguage.Format("Rounds.NoSuchVersion", InterfaceLanguage.Text(what), wanted, string.Join(", ", versions));
    }

    /// <summary>Publishes the round: it takes applications from its opening time until its closing time.</summary>
    public Task<CommandOutcome> OpenAsync(Guid id, ClaimsPrincipal isu, CancellationToken ct) =>
        ChangeAsync(id, isu, (round, now) => round.Open(now), ct);

    /// <summary>Stops taking applications now, whatever the closing time said.</summary>
    public Task<CommandOutcome> CloseAsync(Guid id, ClaimsPrincipal isu, CancellationToken ct) =>
        ChangeAsync(id, isu, (round, now) => round.Close(now), ct);

    private async Task<CommandOutcome> ChangeAsync(Guid id, ClaimsPrincipal isu, Action<FundingRound, DateTime> change, CancellationToken ct)
    {
        if (await db.Rounds.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } round) return NoSuchRound;
        return await actions.RunAsync(isu, () =>
        {
            change(round, clock.GetUtcNow().UtcDateTime);
            return Task.CompletedTask;
        }, ct);
    }
}
