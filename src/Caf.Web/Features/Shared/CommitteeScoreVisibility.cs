using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Shared;

/// <summary>Who may see the members' scores of an application, and when.</summary>
public static class CommitteeScoreVisibility
{
    /// <summary>
    /// The ISU and auditors always; a member once they have scored it; a recused member (their state applies or is a
    /// partner, or they declared a conflict) only once the committee has decided, since they take no part before.
    /// </summary>
    public static bool SeesScores(ClaimsPrincipal user, GrantApplication application) =>
        SeesScores(user, () => IsRecused(user, application), application.CommitteeHasDecided, application.HasScored);

    /// <summary>The same rule for an application read as a few columns (the ranking): recused? decided? scored by this member?</summary>
    public static bool SeesScores(ClaimsPrincipal user, Func<bool> recused, bool decided, Func<string, bool> scoredBy)
    {
        if (SeesEveryScore(user)) return true;
        if (!IsOnCommittee(user)) return false;
        if (recused()) return decided;
        return scoredBy(ApplicationAccess.ActorFor(user).UserId);
    }

    /// <summary>Who sees members' scores at all, on some application at some time: the ISU, auditors and the committee.</summary>
    public static bool ReadsScores(ClaimsPrincipal user) => SeesEveryScore(user) || IsOnCommittee(user);

    /// <summary>The ISU and auditors see every score at once: neither recusal nor their own scoring hides any from them.</summary>
    public static bool SeesEveryScore(ClaimsPrincipal user) => user.IsInRole(CafRoles.IsuOfficer) || user.IsInRole(CafRoles.Auditor);

    private static bool IsOnCommittee(ClaimsPrincipal user) => user.IsInRole(CafRoles.CommitteeMember) || user.IsInRole(CafRoles.CommitteeChair);

    public static bool IsRecused(ClaimsPrincipal user, GrantApplication application) =>
        application.IsRecused(ApplicationAccess.ActorFor(user).UserId, user.StatePartyId());

    /// <summary>Why a member does not see the scores yet, in words for them.</summary>
    public static string HiddenReason(ClaimsPrincipal user, GrantApplication application) =>
        IsRecused(user, application) ? RecusedReason : NotScoredReason;

    public const string NotScoredReason = "Submit your own scores to see the other members' scores.";
    public const string RecusedReason = "You are recused from this application: you see the members' scores once the committee has decided.";
}

/// <summary>The committee's scores on an application, added up by the rubric (recused members and "not applicable" left out).</summary>
public static class CommitteeScoreSummary
{
    public static Caf.Data.Committee.ApplicationAggregate For(GrantApplication application, ScoringRubric rubric, decimal spreadThreshold) =>
        For(application.Reference, application.Scores, application.DeclaredConflict, rubric, spreadThreshold);

    /// <summary>The same from an application's scores and declared conflicts read on their own (the ranking).</summary>
    public static Caf.Data.Committee.ApplicationAggregate For(string? reference, IReadOnlyList<CommitteeScore> scores,
        Func<string, bool> declaredConflict, ScoringRubric rubric, decimal spreadThreshold)
    {
        // Scores are given under the round's version and a round keeps its version once open; say so loudly if not.
        if (scores.FirstOrDefault(s => s.RubricVersion != rubric.Version) is { } other)
            throw new InvalidOperationException(
                $"A score on {reference} was given under rubric version {other.RubricVersion}, not the round's version {rubric.Version}.");
        return Caf.Data.Committee.CommitteeAggregation.Aggregate(
            rubric.Items.Select(i => i.Criterion).ToList(),
            scores.Select(s => new Caf.Data.Committee.MemberScores(s.MemberUserId, s.MemberName,
                declaredConflict(s.MemberUserId),
                s.Criteria.ToDictionary(c => c.Code, c => c.Score))).ToList(),
            spreadThreshold);
    }
}

/// <summary>What the committee-scores block shows: an application's scores and the rubric they were given under.</summary>
public sealed record CommitteeScoresView(GrantApplication Application, ScoringRubric Rubric);
