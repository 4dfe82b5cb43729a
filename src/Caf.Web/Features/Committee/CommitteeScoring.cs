using System.Security.Claims;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Web.Features.Account;

namespace Caf.Web.Features.Committee;

/// <summary>
/// A committee member scores an application criterion by criterion under its round's published rubric, and may revise
/// the scores until the committee decides. A member recused from the application does not score it.
/// </summary>
public sealed class CommitteeScoring(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    /// <summary>The rubric the application is scored under: its round's version.</summary>
    public Task<ScoringRubric> RubricForAsync(GrantApplication application, CancellationToken ct) =>
        db.ScoringRubrics.GetAsync(application.RubricVersion, ct);

    public async Task<CommandOutcome> ScoreAsync(GrantApplication application, ClaimsPrincipal member, ScoreSheet sheet, CancellationToken ct)
    {
        var rubric = await RubricForAsync(application, ct);
        var memberId = ApplicationAccess.ActorFor(member).UserId;
        var state = member.StatePartyId();
        var recused = application.IsRecused(memberId, state);
        // What a recused member typed does not matter: the application refuses them whatever it is.
        List<(string Field, string Message)> problems = recused ? [] : sheet.Problems(rubric.Items).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await actions.RunAsync(member, () =>
        {
            application.SubmitScores(rubric, memberId, member.DisplayName(), state, sheet.Criteria(rubric.Items), sheet.Comment, now);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
        // Recused: not someone who scored wrongly but someone who does not score this application at all.
        return recused && !outcome.Succeeded ? outcome with { StatusCode = 403 } : outcome;
    }
}
