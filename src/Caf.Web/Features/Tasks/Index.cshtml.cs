using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Tasks;

/// <summary>The signed-in person's inbox: open tasks for the roles they hold (applicants: their own state's), overdue first, and notifications.</summary>
public sealed class IndexModel(CafDbContext db, TimeProvider clock) : PageModel
{
    public sealed record TaskRow(WorkflowTask Task, string? Reference, string Title);

    internal IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    internal IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var roles = CafRoles.All.Where(User.IsInRole).ToList();
        var staffRoles = roles.Where(r => r != CafRoles.Applicant).ToList();
        var state = User.StatePartyId();
        var applicant = roles.Contains(CafRoles.Applicant) && state is not null;

        var tasks = await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.ClosedAtUtc == null &&
                        (staffRoles.Contains(t.Role) || (applicant && t.Role == CafRoles.Applicant && t.StatePartyId == state)))
            .Join(db.Applications, t => t.SubjectId, a => a.Id, (t, a) => new { Task = t, a.Reference, a.Title })
            .ToListAsync(ct);
        Tasks = tasks
            .OrderByDescending(x => x.Task.IsOverdue(Now)).ThenBy(x => x.Task.DueAtUtc ?? DateTime.MaxValue).ThenBy(x => x.Task.OpenedAtUtc)
            .Select(x => new TaskRow(x.Task, x.Reference, x.Title)).ToList();

        Notifications = await db.Notifications.AsNoTracking()
            .Where(n => staffRoles.Contains(n.Role) || (applicant && n.Role == CafRoles.Applicant && n.StatePartyId == state))
            .OrderByDescending(n => n.CreatedAtUtc).Take(50).ToListAsync(ct);
    }
}
