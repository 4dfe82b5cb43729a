using System.Text.Json;
using Caf.Data;

namespace Caf.Workflows.Engine;

/// <summary>A definition that cannot run, with every problem found, each naming its JSON path.</summary>
public sealed class WorkflowDefinitionException(string source, IReadOnlyList<string> errors)
    : Exception($"{source} is not a valid workflow definition:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Reads workflow definitions and refuses any that names something unknown or cannot be run through.</summary>
public static class WorkflowDefinitionLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A null where the definition expects a list or a label is refused with its path, not met later as a crash.
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    public static WorkflowDefinition Parse(string json, string source, ISet<string> guardNames, ISet<string> actionNames)
    {
        WorkflowDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new WorkflowDefinitionException(source, [$"{ex.Path ?? "$"}: not valid JSON for a workflow ({ex.Message})"]);
        }
        if (definition is null) throw new WorkflowDefinitionException(source, ["$: the file is empty"]);
        var errors = Validate(definition, guardNames, actionNames);
        if (errors.Count > 0) throw new WorkflowDefinitionException(source, errors);
        return definition;
    }

    public static IReadOnlyList<string> Validate(WorkflowDefinition d, ISet<string> guardNames, ISet<string> actionNames)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(d.Id)) errors.Add("$.id: a definition needs an id");
        if (d.Version < 1) errors.Add("$.version: the version must be a whole number of at least 1");
        if (d.Stages.Count == 0) errors.Add("$.stages: a definition needs at least one stage");

        var nulls = d.Stages.Select((s, i) => (s, i)).Where(x => x.s is null).Select(x => $"$.stages[{x.i}]: a stage cannot be null")
            .Concat(d.Transitions.Select((t, i) => (t, i)).Where(x => x.t is null).Select(x => $"$.transitions[{x.i}]: a transition cannot be null"))
            .ToList();
        if (nulls.Count > 0) return [.. errors, .. nulls];

        var stageIds = new HashSet<string>();
        for (var i = 0; i < d.Stages.Count; i++)
        {
            var stage = d.Stages[i];
            if (string.IsNullOrWhiteSpace(stage.Id)) errors.Add($"$.stages[{i}].id: a stage needs an id");
            else if (!stageIds.Add(stage.Id)) errors.Add($"$.stages[{i}].id: the stage id '{stage.Id}' is used twice");
            if (string.IsNullOrWhiteSpace(stage.Label.En)) errors.Add($"$.stages[{i}].label.en: a stage needs an English label");
        }
        if (!stageIds.Contains(d.InitialStage)) errors.Add($"$.initialStage: '{d.InitialStage}' is not a declared stage");

        var knownRoles = new HashSet<string>(CafRoles.All) { CafRoles.System };
        for (var i = 0; i < d.Transitions.Count; i++)
        {
            var t = d.Transitions[i];
            var path = $"$.transitions[{i}]";
            if (string.IsNullOrWhiteSpace(t.Trigger)) errors.Add($"{path}.trigger: a transition needs a trigger name");
            if (string.IsNullOrWhiteSpace(t.Label.En)) errors.Add($"{path}.label.en: a transition needs an English label");
            if (t.From.Count == 0) errors.Add($"{path}.from: a transition needs at least one source stage");
            for (var j = 0; j < t.From.Count; j++)
                if (!stageIds.Contains(t.From[j])) errors.Add($"{path}.from[{j}]: '{t.From[j]}' is not a declared stage");
            if (!stageIds.Contains(t.To)) errors.Add($"{path}.to: '{t.To}' is not a declared stage");
            if (t.Roles.Count == 0) errors.Add($"{path}.roles: name at least one role allowed to fire '{t.Trigger}'");
            for (var j = 0; j < t.Roles.Count; j++)
                if (!knownRoles.Contains(t.Roles[j])) errors.Add($"{path}.roles[{j}]: '{t.Roles[j]}' is not a known role");
            for (var j = 0; j < t.Guards.Count; j++)
                if (!guardNames.Contains(t.Guards[j])) errors.Add($"{path}.guards[{j}]: no guard is registered as '{t.Guards[j]}'");
            for (var j = 0; j < t.Actions.Count; j++)
                if (!actionNames.Contains(t.Actions[j])) errors.Add($"{path}.actions[{j}]: no action is registered as '{t.Actions[j]}'");
        }

        for (var i = 0; i < d.Stages.Count; i++)
        {
            var stage = d.Stages[i];
            var hasWayOut = d.Transitions.Any(t => t.From.Contains(stage.Id) && t.To != stage.Id);
            if (stage.Terminal && d.Transitions.Any(t => t.From.Contains(stage.Id)))
                errors.Add($"$.stages[{i}]: '{stage.Id}' is terminal but has a transition out of it");
            if (!stage.Terminal && !hasWayOut)
                errors.Add($"$.stages[{i}]: '{stage.Id}' is not terminal but has no transition to another stage");
        }

        if (stageIds.Contains(d.InitialStage))
        {
            var reached = new HashSet<string> { d.InitialStage };
            var queue = new Queue<string>([d.InitialStage]);
            while (queue.TryDequeue(out var current))
                foreach (var t in d.Transitions.Where(t => t.From.Contains(current)))
                    if (reached.Add(t.To)) queue.Enqueue(t.To);
            for (var i = 0; i < d.Stages.Count; i++)
                if (!reached.Contains(d.Stages[i].Id))
                    errors.Add($"$.stages[{i}]: '{d.Stages[i].Id}' cannot be reached from '{d.InitialStage}'");
        }
        return errors;
    }
}
