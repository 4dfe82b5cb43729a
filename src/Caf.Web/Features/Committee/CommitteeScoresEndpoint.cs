using System.Security.Claims;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>One criterion of a member's scores: 1–5, or null for "not applicable".</summary>
public sealed record ApiCriterionScore(string Code, int? Score, string? Comment);

/// <summary>
/// One member's scores as stored: <paramref name="Recused"/> when the member declared a conflict, in which case the
/// score is left out of every aggregate.
/// </summary>
public sealed record ApiMemberScore(string Member, int RubricVersion, int Revision, DateTime SubmittedAtUtc, decimal WeightedScore,
    bool Recused, string? Comment, IReadOnlyList<ApiCriterionScore> Criteria);

/// <summary>The committee's scores on an application as the caller may see them.</summary>
public sealed record ApiCommitteeScores(string Reference, int RubricVersion, ApiMemberScore? YourScore, bool ScoresHidden, string? Reason,
    IReadOnlyList<ApiMemberScore> Scores);

/// <summary>GET /api/v1/applications/{reference}/scores.</summary>
internal static class CommitteeScoresEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        ApiRoutes.V1(app).MapGet($"/applications/{{reference:regex({ApiRoutes.ReferencePattern})}}/scores", ReadAsync)
            .RequireAuthorization(ApiScopes.Policies.ApplicationsRead);

    /// <summary>
    /// The members' scores on an application, for a person's token only, and only for the people who see scores on the
    /// pages: ISU officers, auditors, and committee members and the chair. Everyone else, applicants and partner states
    /// included, is refused with 403 whatever the reference, so a refusal says nothing about which applications exist.
    /// A program acting for itself (client credentials) is refused with 403 too: it reads applications past their draft,
    /// but it is nobody on the committee, and "scores stay hidden until one has scored" is a rule about a person.
    /// Among the applications the person may see (ApplicationAccess.Visible) an unknown reference is 404. A member
    /// who has not scored yet, or is recused before the decision, gets 200 with the scores hidden (CommitteeScoreVisibility.SeesScores,
    /// applied to the person's page principal, never to the token's claims).
    /// </summary>
    public static async Task<Results<Ok<ApiCommitteeScores>, ProblemHttpResult>> ReadAsync(string reference, ApiCallers callers,
        ApplicationAccess access, ClaimsPrincipal token, CancellationToken ct)
    {
        if ((await callers.ResolveAsync(token)).Person is not { } person)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Committee scores are read with a person's token: a program acting for itself does not see them.");
        if (!CommitteeScoreVisibility.ReadsScores(person))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Committee scores are for ISU officers, auditors and the committee.");

        // What SeesScores and the entries need: the partners and conflicts for recusal, the stage for the decision,
        // the round for its rubric version.
        var application = await access.Visible(person).AsNoTracking()
            .Include(a => a.Round)
            .Include(a => a.Workflow)
            .Include(a => a.Partners)
            .Include(a => a.Conflicts)
            .Include(a => a.Scores)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Reference == reference, ct);
        if (application is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "There is no application with this reference that you may see.");

        var me = ApplicationAccess.ActorFor(person).UserId;
        var yourScore = application.Scores.FirstOrDefault(s => s.MemberUserId == me) is { } own ? ToApi(application, own) : null;
        var sees = CommitteeScoreVisibility.SeesScores(person, application);
        return TypedResults.Ok(new ApiCommitteeScores(application.Reference!, application.RubricVersion, yourScore,
            ScoresHidden: !sees, Reason: sees ? null : CommitteeScoreVisibility.HiddenReason(person, application),
            Scores: sees
                ? application.Scores.OrderBy(s => s.SubmittedAtUtc).ThenBy(s => s.MemberName, StringComparer.Ordinal)
                    .Select(s => ToApi(application, s)).ToList()
                : []));
    }

    private static ApiMemberScore ToApi(GrantApplication application, CommitteeScore score) =>
        new(score.MemberName, score.RubricVersion, score.Revision, score.SubmittedAtUtc, score.WeightedScore,
            Recused: application.DeclaredConflict(score.MemberUserId), score.Comment,
            score.Criteria.Select(c => new ApiCriterionScore(c.Code, c.Score, c.Comment)).ToList());
}
