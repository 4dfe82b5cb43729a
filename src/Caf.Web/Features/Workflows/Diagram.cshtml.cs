using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Workflows;

/// <summary>A loaded workflow definition as tables and a diagram, so anyone signed in can read the process it runs.</summary>
/// <summary>Internal stage names and roles are for staff; applicants see their applicant labels instead.</summary>
[Authorize(Policy = Infrastructure.Policies.Staff)]
public sealed class DiagramModel(WorkflowRegistry registry) : PageModel
{
    /// <summary>Every loaded definition, newest version first; listed when no id is given.</summary>
    internal IReadOnlyList<WorkflowDefinition> Definitions { get; private set; } = [];
    internal WorkflowDefinition? Definition { get; private set; }
    internal IReadOnlyList<int> Versions { get; private set; } = [];
    internal string Mermaid { get; private set; } = "";

    public IActionResult OnGet(string? id, int? version)
    {
        // "?version=two" fails binding; an unreadable version names no definition.
        if (!ModelState.IsValid) return NotFound();
        if (id is null)
        {
            Definitions = [.. registry.All.OrderBy(d => d.Id, StringComparer.Ordinal).ThenByDescending(d => d.Version)];
            return Page();
        }

        var versions = registry.All.Where(d => d.Id == id).ToList();
        Definition = version is { } v ? versions.FirstOrDefault(d => d.Version == v) : versions.MaxBy(d => d.Version);
        if (Definition is null) return NotFound();
        Versions = [.. versions.Select(d => d.Version).Order()];
        Mermaid = WorkflowDiagram.ToMermaid(Definition, roleName: Shared.DisplayNames.Role);
        return Page();
    }

    public string StageLabel(string stage) => Definition?.StageLabel(stage) ?? stage;
}
