using System.Security.Claims;
using Caf.Workflows.Engine;

namespace Caf.Web.Features.Shared;

/// <summary>A stage's name for whoever reads the page (WorkflowDefinition.StageLabel names it).</summary>
internal static class StageLabels
{
    /// <summary>Staff see the stage's own name; applicants see its applicant label ("Under review") where it has one.</summary>
    public static string For(WorkflowDefinition workflow, string stage, ClaimsPrincipal reader) =>
        workflow.StageLabel(stage, forApplicant: !ApplicationAccess.IsStaff(reader), Infrastructure.InterfaceLanguage.Current);
}
