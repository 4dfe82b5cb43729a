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
