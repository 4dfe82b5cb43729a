using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Who may see which application. Applicants see their own state's applications, and read-only those where their
/// state is a partner once submitted; staff roles see every application once submitted.
/// </summary>
public sealed class ApplicationAccess(CafDbContext db)
{
    public static WorkflowActor ActorFor(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.Identity?.Name ?? "",
            CafRoles.All.Where(user.IsInRole).ToHashSet(),
            user.StatePartyId());

    /// <summary>
    /// The actor for acting on one application: the Applicant role counts only for the applicant state's own users,
    /// so a partner state, which may read the application, can never fire an applicant's transition on it. Likewise
    /// the chair's role counts only for whoever records this application's decision (GrantApplication.MayDecide): not
    /// a recused chair, but the acting chair the ISU designated for it — for every workflow version and every path.
    /// </summary>
    public static WorkflowActor ActorFor(ClaimsPrincipal user, GrantApplication application)
    {
        var actor = ActorFor(user);
        var roles = actor.Roles.ToHashSet();
        if (!ActsForApplicant(application, user)) roles.Remove(CafRoles.Applicant);
        if (MayDecide(user, application)) roles.Add(CafRoles.CommitteeChair);
        else roles.Remove(CafRoles.CommitteeChair);
        return actor with { Roles = roles };
    }

    /// <summary>Whether this person records the committee's decision on the application.</summary>
    public static bool MayDecide(ClaimsPrincipal user, GrantApplication application) =>
        application.MayDecide(ActorFor(user).UserId, user.StatePartyId(), user.IsInRole(CafRoles.CommitteeChair));

    public static bool IsStaff(ClaimsPrincipal user) => CafRoles.All.Any(r => r != CafRoles.Applicant && user.IsInRole(r));

    /// <summary>Whether this person is an applicant of a State Party: one who sees, and acts for, its own state's applications.</summary>
    public static bool IsStateApplicant(ClaimsPrincipal user) => user.IsInRole(CafRoles.Applicant) && user.StatePartyId() is not null;

    /// <summary>The applications everyone outside the applicant state may see: those submitted at least once (ADR 0043).</summary>
    public IQueryable<GrantApplication> Submitted() => db.Applications.Where(a => a.SubmittedAtUtc != null);

    /// <summary>
    /// The applications this person may see. An application is the applicant's own paper until it is submitted: staff
    /// and partner states see it from its first submission on, and never a draft withdrawn before it (ADR 0043).
    /// </summary>
    public IQueryable<GrantApplication> Visible(ClaimsPrincipal user)
    {
        var state = user.StatePartyId();
        // Each kind of person asked as simply as it can be, so that the database reads the staff's list, the common case,
        // from the index of submitted applications in the list's order.
        return (IsStateApplicant(user), IsStaff(user)) switch
        {
            (false, true) => Submitted(),
            (true, false) => db.Applications.Where(a =>
                a.ApplicantStateId == state || (a.SubmittedAtUtc != null && a.Partners.Any(p => p.StatePartyId == state))),
            (true, true) => db.Applications.Where(a => a.ApplicantStateId == state || a.SubmittedAtUtc != null),
            _ => db.Applications.Where(a => false),
        };
    }

    /// <summary>Whether everything this person sees has been submitted (staff): their list needs no room for drafts.</summary>
    public static bool SeesSubmittedOnly(ClaimsPrincipal user) =>
        IsStaff(user) && !IsStateApplicant(user);

    public Task<GrantApplication?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct = default) =>
        Visible(user).WithGraph().FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The open tasks a person works on: those of their staff roles, and an applicant's for their own state.</summary>
    public IQueryable<WorkflowTask> OpenTasks(ClaimsPrincipal user)
    {
        var (staffRoles, applicant, state) = Inbox(user);
        var open = db.WorkflowTasks.AsNoTracking().Where(t => t.ClosedAtUtc == null);
        // Most people hold one role: asked as an equality, the database reads that role's open tasks from their index in
        // the list's order and stops at the page (PostgreSQL cannot for a list of roles, however short; issue 16).
        if (staffRoles.Count == 1 && !applicant)
        {
            var role = staffRoles[0];
            return open.Where(t => t.Role == role);
        }
        if (staffRoles.Count == 0 && applicant) return open.Where(t => t.Role == CafRoles.Applicant && t.StatePartyId == state);
        return open.Where(t => staffRoles.Contains(t.Role) || (applicant && t.Role == CafRoles.Applicant && t.StatePartyId == state));
    }

    /// <summary>The notes a person reads, on the same terms as <see cref="OpenTasks"/>.</summary>
    public IQueryable<Notification> Notifications(ClaimsPrincipal user)
    {
        var (staffRoles, applicant, state) = Inbox(user);
        return db.Notifications.AsNoTracking()
            .Where(n => staffRoles.Contains(n.Role) || (applicant && n.Role == CafRoles.Applicant && n.StatePartyId == state));
    }

    private static (List<string> StaffRoles, bool Applicant, Guid? State) Inbox(ClaimsPrincipal user)
    {
        var state = user.StatePartyId();
        return (CafRoles.All.Where(r => r != CafRoles.Applicant && user.IsInRole(r)).ToList(), IsStateApplicant(user), state);
    }

    /// <summary>
    /// The grant's own documents — the signed agreement, the final reports and their receipts, with the grantee's
    /// commitments, signatures and spending — are read by finance, the ISU, the Auditor (ADR 0026) and the applicant
    /// state's own focal points; not by partner states or the committee.
    /// </summary>
    public static bool MayReadGrantDocuments(ClaimsPrincipal user, Guid applicantStateId) =>
        user.IsInRole(CafRoles.Finance) || user.IsInRole(CafRoles.IsuOfficer) || user.IsInRole(CafRoles.Auditor)
        || (user.IsInRole(CafRoles.Applicant) && user.StatePartyId() == applicantStateId);

    /// <summary>Only the applicant state's own users act for it; partners read.</summary>
    public static bool ActsForApplicant(GrantApplication application, ClaimsPrincipal user) =>
        user.IsInRole(CafRoles.Applicant) && user.StatePartyId() == application.ApplicantStateId;
}
