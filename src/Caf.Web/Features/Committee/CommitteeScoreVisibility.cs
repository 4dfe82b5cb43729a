using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Web.Features.Applications;

namespace Caf.Web.Features.Committee;

/// <summary>Who may see the members' scores of an application, and when.</summary>
public static class CommitteeScoreVisibility
{
    public static bool SeesScores(ClaimsPrincipal user, GrantApplication application)
    {
        if (user.IsInRole(CafRoles.IsuOfficer) || user.IsInRole(CafRoles.Auditor)) return true;
        if (!user.IsInRole(CafRoles.CommitteeMember) && !user.IsInRole(CafRoles.CommitteeChair)) return false;
        var me = ApplicationAccess.ActorFor(user).UserId;
        return application.Scores.Any(s => s.MemberUserId == me) || application.IsRecused(me, user.StatePartyId());
    }
}

/// <summary>The committee's scores on an application, added up by the rubric (recused members and "not applicable" left out).</summary>
public static class CommitteeScoreSummary
{
    public static Caf.Data.Committee.ApplicationAggregate For(GrantApplication application, ScoringRubric rubric, decimal spreadThreshold)
    {
        // Scores are given under the round's version and a round keeps its version once open; say so loudly if not.
        if (application.Scores.FirstOrDefault(s => s.RubricVersion != rubric.Version) is { } other)
            throw new InvalidOperationException(
                $"A score on {application.Reference} was given under rubric version {other.RubricVersion}, not the round's version {rubric.Version}.");
        return Caf.Data.Committee.CommitteeAggregation.Aggregate(
            rubric.Items.Select(i => i.Criterion).ToList(),
            application.Scores.Select(s => new Caf.Data.Committee.MemberScores(s.MemberUserId, s.MemberName,
                application.DeclaredConflict(s.MemberUserId),
                s.Criteria.ToDictionary(c => c.Code, c => c.Score))).ToList(),
            spreadThreshold);
    }
}

/// <summary>What the committee-scores block shows: an application's scores and the rubric they were given under.</summary>
public sealed record CommitteeScoresView(GrantApplication Application, ScoringRubric Rubric);
