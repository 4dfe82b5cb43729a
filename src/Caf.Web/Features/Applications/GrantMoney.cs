using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.Web.Features.Applications;

/// <summary>
/// A grant's money as one person may see it on the grant's page. Staff see every entry, with its amount in fund currency
/// and its rate; the applicant state sees its own grant's payments and commitments in the grant's currency only: exchange
/// differences and fund-currency figures are the fund's internal accounting. Partner states see none of it.
/// </summary>
internal static class GrantMoney
{
    /// <summary>The entries shown to <paramref name="user"/>, oldest first.</summary>
    public static IReadOnlyList<LedgerEntry> EntriesFor(GrantApplication application, ClaimsPrincipal user)
    {
        var entries = application.LedgerEntries.OrderBy(e => e.ValueDate).ThenBy(e => e.RecordedAtUtc);
        if (ApplicationAccess.IsStaff(user)) return entries.ToList();
        return SeesPayments(application, user) ? entries.Where(e => !LedgerKinds.IsExchangeDifference(e.Kind)).ToList() : [];
    }

    /// <summary>Whether <paramref name="user"/> sees what was paid and refunded on the grant: staff and the applicant state, not partners.</summary>
    public static bool SeesPayments(GrantApplication application, ClaimsPrincipal user) =>
        ApplicationAccess.IsStaff(user) || ApplicationAccess.ActsForApplicant(application, user);

    /// <summary>Whether <paramref name="user"/> sees amounts in fund currency and rates: staff only.</summary>
    public static bool SeesFundFigures(ClaimsPrincipal user) => ApplicationAccess.IsStaff(user);

    /// <summary>Whether <paramref name="user"/> may download the grant's ledger: those who read the fund ledger.</summary>
    public static bool MayDownloadLedger(ClaimsPrincipal user) =>
        user.IsInRole(CafRoles.Finance) || user.IsInRole(CafRoles.Auditor) || user.IsInRole(CafRoles.IsuOfficer);
}
