using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

/// <summary>
/// The actions an application's page offers a person now, each with the page that does it: who they are decides which
/// they are offered at all; whether the application allows it now is the application's rule, the same one its action checks.
/// </summary>
internal static class ApplicationTasks
{
    public static IReadOnlyList<(string Label, string Href)> For(GrantApplication a, ClaimsPrincipal user)
    {
        var tasks = new List<(string, string)>();
        var isApplicant = ApplicationAccess.ActsForApplicant(a, user);
        var me = ApplicationAccess.ActorFor(user).UserId;
        var member = user.IsInRole(CafRoles.CommitteeMember);
        if (isApplicant && a.IsEditable) tasks.Add(("Edit the draft", $"/Applications/Edit/{a.Id}"));
        if (member && a.MayScore(me, user.StatePartyId()))
            tasks.Add((a.HasScored(me) ? "Revise my scores" : "Score this application", $"/Committee/Score/{a.Id}"));
        if (member && a.MayDeclareConflict(me, user.StatePartyId()))
            tasks.Add(("Declare a conflict of interest", $"/Committee/Conflict/{a.Id}"));
        if (user.IsInRole(CafRoles.IsuOfficer) && a.MayDesignateActingChair)
            tasks.Add(("Designate an acting chair (when the chair is recused)", $"/Committee/ActingChair/{a.Id}"));
        if (isApplicant && a.MaySubmitFinalReport)
            tasks.Add(("Submit the final report", $"/Reporting/FinalReport/{a.Id}"));
        // The next interim report not yet sent, to write (and send once its period nears its end).
        if (isApplicant && a.NextInterimReport is { } next && a.InterimReportProblem(next.Number) is null)
            tasks.Add(($"Write interim report {next.Number}", $"/Reporting/Interim/{a.Id}/{next.Number}"));
        if (user.IsInRole(CafRoles.Finance) && a.MayPayTranches)
            tasks.Add(("Tranches and payments", $"/Finance/Tranches/{a.Id}"));
        if (user.IsInRole(CafRoles.Finance) && a.MaySettle)
        {
            tasks.Add(("Reconcile the grant", $"/Finance/Reconcile/{a.Id}"));
            tasks.Add(("Record a refund from the grantee", $"/Finance/Payment/{a.Id}"));
        }
        return tasks;
    }
}
