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
        if (isApplicant && a.IsEditable) tasks.Add((Say("Tasks.EditDraft"), $"/Applications/Edit/{a.Id}"));
        if (member && a.MayScore(me, user.StatePartyId()))
            tasks.Add((Say(a.HasScored(me) ? "Tasks.ReviseScores" : "Tasks.Score"), $"/Committee/Score/{a.Id}"));
        if (member && a.MayDeclareConflict(me, user.StatePartyId()))
            tasks.Add((Say("Tasks.DeclareConflict"), $"/Committee/Conflict/{a.Id}"));
        if (user.IsInRole(CafRoles.IsuOfficer) && a.MayDesignateActingChair)
            tasks.Add((Say("Tasks.ActingChair"), $"/Committee/ActingChair/{a.Id}"));
        if (isApplicant && a.MaySubmitFinalReport)
            tasks.Add((Say("Tasks.SubmitFinalReport"), $"/Reporting/FinalReport/{a.Id}"));
        // The next interim report not yet sent, to write (and send once its period nears its end).
        if (isApplicant && a.NextInterimReport is { } next && a.InterimReportProblem(next.Number) is null)
            tasks.Add((Say("Tasks.WriteInterimReport").Replace("{0}", next.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                $"/Reporting/Interim/{a.Id}/{next.Number}"));
        if (user.IsInRole(CafRoles.Finance) && a.MayPayTranches)
            tasks.Add((Say("Tasks.Tranches"), $"/Finance/Tranches/{a.Id}"));
        if (user.IsInRole(CafRoles.Finance) && a.MaySettle)
        {
            tasks.Add((Say("Tasks.Reconcile"), $"/Finance/Reconcile/{a.Id}"));
            tasks.Add((Say("Tasks.RecordRefund"), $"/Finance/Payment/{a.Id}"));
        }
        return tasks;
    }

    /// <summary>The action's name in the reader's language.</summary>
    private static string Say(string key) => Infrastructure.InterfaceLanguage.Text(key);
}
