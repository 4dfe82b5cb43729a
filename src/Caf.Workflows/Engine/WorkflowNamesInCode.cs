using Caf.Data;

namespace Caf.Workflows.Engine;

/// <summary>A workflow version lacks a stage or trigger the code names; start-up stops rather than fail mid-action.</summary>
public sealed class WorkflowNamesMissingException(string message) : Exception(message);

/// <summary>
/// Checks that a caf-grant definition has every stage and trigger the code names through <see cref="GrantStages"/> and
/// <see cref="GrantTriggers"/>, so that a version dropping one is refused at import and at start-up, not when a user acts.
/// </summary>
public static class WorkflowNamesInCode
{
    public static void Check(WorkflowDefinition definition, string source)
    {
        if (definition.Id != GrantWorkflowNames.WorkflowId) return;
        var stages = definition.Stages.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var triggers = definition.Transitions.Select(t => t.Trigger).ToHashSet(StringComparer.Ordinal);
        var missing = GrantWorkflowNames.Stages.Where(s => !stages.Contains(s.Name)).Select(s => $"stage '{s.Name}' (used as {s.Constant})")
            .Concat(GrantWorkflowNames.Triggers.Where(t => !triggers.Contains(t.Name)).Select(t => $"trigger '{t.Name}' (used as {t.Constant})"))
            .ToList();
        if (missing.Count > 0)
            throw new WorkflowNamesMissingException(
                $"{source}: version {definition.Version} of '{definition.Id}' has no {string.Join(", no ", missing)}. The code relies on " +
                "these names; put them back in the workflow, or change the code first.");
    }
}
