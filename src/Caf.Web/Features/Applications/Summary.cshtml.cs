using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Applications;

/// <summary>
/// The whole proposal on one plain page, to print or to save as PDF from the browser; seen by whoever may see the
/// application's details.
/// </summary>
public sealed class SummaryModel(ApplicationAccess access, CafDbContext db, WorkflowEngine engine) : PageModel
{
    internal GrantApplication Application { get; private set; } = null!;
    internal ProposalView Proposal { get; private set; } = null!;
    internal string StageLabel { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var application = await access.LoadAsync(id, User, ct);
        if (application is null) return NotFound();
        Application = application;
        Proposal = await ProposalView.LoadAsync(db, application, headingLevel: 2, ct);
        StageLabel = StageLabels.For(engine.DefinitionOf(application.Workflow!), application.Stage, User);
        return Page();
    }
}
