using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>What awaits whose step across all grants: payments to approve (someone else's requests), to mark paid, and one's own waiting.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class DisbursementsModel(CafDbContext db) : PageModel
{
    public sealed record OpenPayment(Guid Id, Guid ApplicationId, string? Reference, string State, int Tranche, Money Amount,
        DisbursementStatus Status, string RequestedByUserId, string RequestedBy, DateTime RequestedAtUtc, string? ApprovedBy);

    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    internal IReadOnlyList<OpenPayment> Rows { get; private set; } = [];
    internal ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);
    internal string UserId => ApplicationAccess.ActorFor(User).UserId;

    /// <summary>What the signed-in officer does with <paramref name="p"/> next, in words.</summary>
    internal string NextStep(OpenPayment p) =>
        InterfaceLanguage.Text(p.Status == DisbursementStatus.Approved ? "Payment.StepMarkPaid"
        : p.RequestedByUserId == UserId ? "Payment.StepAwaitsOther"
        : "Payment.StepApprove");

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Oldest first: what has waited longest is done first.
        var open = db.DisbursementRequests.AsNoTracking()
            .Where(d => d.Status == DisbursementStatus.Requested || d.Status == DisbursementStatus.Approved)
            .OrderBy(d => d.RequestedAtUtc).ThenBy(d => d.Id);
        // The state by its name in the page's language (the States Parties import gives the three), English when it has none.
        var language = InterfaceLanguage.Current;
        var query =
            from d in open
            join a in db.Applications on d.ApplicationId equals a.Id
            join requester in db.Users on d.RequestedByUserId equals requester.Id
            select new OpenPayment(d.Id, a.Id, a.Reference,
                language == "fr" && a.ApplicantState!.NameFr != null && a.ApplicantState.NameFr != "" ? a.ApplicantState.NameFr
                : language == "es" && a.ApplicantState!.NameEs != null && a.ApplicantState.NameEs != "" ? a.ApplicantState.NameEs
                : a.ApplicantState!.Name, d.TrancheNumber, d.Amount, d.Status, d.RequestedByUserId,
                requester.DisplayName, d.RequestedAtUtc, db.Users.Where(u => u.Id == d.ApprovedByUserId).Select(u => u.DisplayName).FirstOrDefault());
        (Rows, Paging) = await query.ToListPageAsync(PageNumber, ct);
    }
}
