using System.Security.Claims;
using Caf.Workflows;
using Caf.Workflows.Engine;

namespace Caf.Web.Features.Shared;

/// <summary>A stage's name for whoever reads the page (WorkflowDefinition.StageLabel names it).</summary>
internal static class StageLabels
{
    /// <summary>Staff see the stage's own name; applicants see its applicant label ("Under review") where it has one.</summary>
    public static string For(WorkflowDefinition workflow, string stage, ClaimsPrincipal reader) =>
        workflow.StageLabel(stage, forApplicant: !ApplicationAccess.IsStaff(reader), Infrastructure.InterfaceLanguage.Current);

    /// <summary>
    /// A stage of the grant workflow's latest version for <paramref name="reader"/>, or for staff outside a request (the
    /// command line); its id while no workflow is loaded yet.
    /// </summary>
    public static string Named(WorkflowRegistry workflows, string stage, ClaimsPrincipal? reader) =>
        workflows.TryLatest(WorkflowServices.GrantWorkflowId) is { } workflow
            ? reader is { Identity.IsAuthenticated: true } ? For(workflow, stage, reader)
                : workflow.StageLabel(stage, forApplicant: false, Infrastructure.InterfaceLanguage.Current)
            : stage;
}
