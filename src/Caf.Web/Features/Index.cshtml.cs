using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features;

public sealed class IndexModel(ApplicationAccess access, CafDbContext db, WorkflowRegistry workflows, TimeProvider clock) : PageModel
{
    public IReadOnlyList<GrantApplication> Applications { get; private set; } = [];
    public bool CanApply { get; private set; }
    public WorkflowDefinition Workflow => workflows.Latest(WorkflowServices.GrantWorkflowId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Applications = await access.Visible(User)
            .Include(a => a.ApplicantState).Include(a => a.Workflow).Include(a => a.BudgetLines)
            // Newest first: drafts (no reference yet) by creation, then by submission, so the highest reference is on top.
            .OrderBy(a => a.SubmittedAtUtc != null).ThenByDescending(a => a.SubmittedAtUtc).ThenByDescending(a => a.CreatedAtUtc)
            .AsSplitQuery()
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        CanApply = User.IsInRole(CafRoles.Applicant) && User.StatePartyId() is not null
                   && await db.Rounds.AnyAsync(r => r.Status == RoundStatus.Open && r.OpensAtUtc <= now && r.ClosesAtUtc > now, ct);
    }

    public string StageLabel(GrantApplication a) =>
        StageLabels.For(workflows.Get(a.Workflow!.DefinitionId, a.Workflow.DefinitionVersion), a.Stage, User);
}
