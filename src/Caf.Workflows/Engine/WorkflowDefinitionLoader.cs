using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Caf.Workflows.Engine;

/// <summary>A definition that cannot run, with every problem found, each naming its JSON path.</summary>
public sealed class WorkflowDefinitionException(string source, IReadOnlyList<string> errors)
    : Exception($"{source} is not a valid workflow definition:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
{
    public string File { get; } = source;
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Reads workflow definitions and refuses, before anything runs, any that does not match workflow.schema.json, names
/// something unknown, or cannot be run through. Every problem is reported at once, each with its JSON path.
/// </summary>
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

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(WorkflowDefinitionLoader).Assembly.GetManifestResourceStream("workflow.schema.json")
                           ?? throw new InvalidOperationException("workflow.schema.json is not embedded in Caf.Workflows.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    });

    public static WorkflowDefinition Parse(string json, string source, WorkflowVocabulary vocabulary)
    {
        var schemaErrors = SchemaErrors(json);
        if (schemaErrors.Count > 0) throw new WorkflowDefinitionException(source, schemaErrors);
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
        var errors = Validate(definition, vocabulary);
        if (errors.Count > 0) throw new WorkflowDefinitionException(source, errors);
        return definition;
    }

    /// <summary>Checks the text against workflow.schema.json; each error as "$.path: what is wrong".</summary>
    public static IReadOnlyList<string> SchemaErrors(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return [$"$: not valid JSON ({ex.Message})"];
        }
        if (json.Trim() == "null") return ["$: the file is empty"];
        var errors = new List<string>();
        foreach (var error in Schema.Value.Validate(json)) Flatten(error, errors);
        return errors.Distinct().ToList();
    }

    private static void Flatten(ValidationError error, List<string> into)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value)) Flatten(nested, into);
            return;
        }
        into.Add($"{JsonPath(error.Path)}: {Describe(error)}");
    }

    private static string JsonPath(string? path)
    {
        var p = (path ?? "#").TrimStart('#');
        return "$" + p.Replace("/", ".");
    }

    private static string Describe(ValidationError e) => e.Kind switch
    {
        ValidationErrorKind.PropertyRequired => $"'{e.Property}' is required",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a property a workflow definition has",
        ValidationErrorKind.PatternMismatch => $"does not have the required form ({e.Schema?.Pattern})",
        ValidationErrorKind.NumberTooSmall => $"must be at least {e.Schema?.Minimum}",
        ValidationErrorKind.StringTooShort => "must not be empty",
        ValidationErrorKind.TooFewItems => "needs at least one item",
        ValidationErrorKind.StringExpected => "must be a text",
        ValidationErrorKind.IntegerExpected => "must be a whole number",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ArrayExpected => "must be a list",
        ValidationErrorKind.ObjectExpected => "must be an object",
        _ => $"does not match workflow.schema.json ({e.Kind})",
    };

    public static IReadOnlyList<string> Validate(WorkflowDefinition d, WorkflowVocabulary vocabulary)
    {
        var errors = new List<string>();
        var nulls = d.Stages.Select((s, i) => (s, i)).Where(x => x.s is null).Select(x => $"$.stages[{x.i}]: a stage cannot be null")
            .Concat(d.Transitions.Select((t, i) => (t, i)).Where(x => x.t is null).Select(x => $"$.transitions[{x.i}]: a transition cannot be null"))
            .ToList();
        if (d.Version < 1) errors.Add("$.version: the version must be a whole number of at least 1");
        if (string.IsNullOrWhiteSpace(d.Id)) errors.Add("$.id: a definition needs an id");
        if (nulls.Count > 0) return [.. errors, .. nulls];
        if (d.Stages.Count == 0) errors.Add("$.stages: a definition needs at least one stage");

        var stageIds = new HashSet<string>();
        for (var i = 0; i < d.Stages.Count; i++)
        {
            var stage = d.Stages[i];
            if (string.IsNullOrWhiteSpace(stage.Id)) errors.Add($"$.stages[{i}].id: a stage needs an id");
            else if (!stageIds.Add(stage.Id)) errors.Add($"$.stages[{i}].id: the stage id '{stage.Id}' is used twice");
            if (string.IsNullOrWhiteSpace(stage.Label.En)) errors.Add($"$.stages[{i}].label.en: a stage needs an English label");
        }
        if (!stageIds.Contains(d.InitialStage)) errors.Add($"$.initialStage: '{d.InitialStage}' is not a declared stage");

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
                if (!vocabulary.Roles.Contains(t.Roles[j])) errors.Add($"{path}.roles[{j}]: '{t.Roles[j]}' is not a known role");
            for (var j = 0; j < t.Guards.Count; j++)
                if (!WorkflowVocabulary.Knows(vocabulary.Guards, t.Guards[j])) errors.Add($"{path}.guards[{j}]: no guard is registered as '{t.Guards[j]}'");
            for (var j = 0; j < t.Actions.Count; j++)
                if (!WorkflowVocabulary.Knows(vocabulary.Actions, t.Actions[j])) errors.Add($"{path}.actions[{j}]: no action is registered as '{t.Actions[j]}'");
        }
        errors.AddRange(AmbiguousTransitions(d));

        var timerIds = new HashSet<string>();
        for (var i = 0; i < d.Timers.Count; i++)
        {
            var timer = d.Timers[i];
            var path = $"$.timers[{i}]";
            if (!timerIds.Add(timer.Id)) errors.Add($"{path}.id: the timer id '{timer.Id}' is used twice");
            if (!stageIds.Contains(timer.Stage)) errors.Add($"{path}.stage: '{timer.Stage}' is not a declared stage");
            errors.AddRange(ScheduleErrors(timer.Schedule, $"{path}.schedule", vocabulary));
            if ((timer.Trigger is null) == (timer.Action is null))
                errors.Add($"{path}: a timer fires either a trigger or an action, exactly one of them");
            if (timer.Trigger is { } trigger)
            {
                var fired = d.Transitions.Where(t => t.Trigger == trigger && t.From.Contains(timer.Stage)).ToList();
                if (fired.Count == 0)
                    errors.Add($"{path}.trigger: no transition '{trigger}' leaves the stage '{timer.Stage}'");
                else if (!fired.Any(t => t.Roles.Contains(Caf.Data.CafRoles.System)))
                    errors.Add($"{path}.trigger: the transition '{trigger}' does not allow the role 'System', so a timer cannot fire it");
            }
            if (timer.Action is { } action && !WorkflowVocabulary.Knows(vocabulary.Actions, action))
                errors.Add($"{path}.action: no action is registered as '{action}'");
        }

        var taskIds = new HashSet<string>();
        for (var i = 0; i < d.Tasks.Count; i++)
        {
            var task = d.Tasks[i];
            var path = $"$.tasks[{i}]";
            if (!taskIds.Add(task.Id)) errors.Add($"{path}.id: the task id '{task.Id}' is used twice");
            if (!stageIds.Contains(task.Stage)) errors.Add($"{path}.stage: '{task.Stage}' is not a declared stage");
            if (!vocabulary.Roles.Contains(task.Role) || task.Role == Caf.Data.CafRoles.System)
                errors.Add($"{path}.role: '{task.Role}' is not a role a person holds");
            if (task.Due is { } due) errors.AddRange(ScheduleErrors(due, $"{path}.due", vocabulary));
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

        // Every stage must lead somewhere: from each, some path ends in a terminal stage (no loop without an exit).
        var canFinish = d.Stages.Where(s => s.Terminal).Select(s => s.Id).ToHashSet();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var t in d.Transitions.Where(t => canFinish.Contains(t.To)))
                foreach (var from in t.From)
                    grew |= canFinish.Add(from);
        }
        for (var i = 0; i < d.Stages.Count; i++)
            if (!canFinish.Contains(d.Stages[i].Id) && d.Transitions.Any(t => t.From.Contains(d.Stages[i].Id) && t.To != d.Stages[i].Id))
                errors.Add($"$.stages[{i}]: from '{d.Stages[i].Id}' no path leads to a terminal stage");
        return errors;
    }

    /// <summary>
    /// One trigger leads to one place: two transitions on the same trigger from the same stage are refused, because
    /// nothing can prove their guards never hold together, and at run time that would leave the engine unable to choose.
    /// Use two triggers (e.g. approve / approve-reduced) instead.
    /// </summary>
    private static IEnumerable<string> AmbiguousTransitions(WorkflowDefinition d)
    {
        for (var i = 0; i < d.Transitions.Count; i++)
        for (var j = i + 1; j < d.Transitions.Count; j++)
        {
            var a = d.Transitions[i];
            var b = d.Transitions[j];
            if (a.Trigger != b.Trigger) continue;
            foreach (var stage in a.From.Intersect(b.From))
                yield return $"$.transitions[{j}]: '{b.Trigger}' from '{stage}' is also declared at $.transitions[{i}], " +
                             "and their guards could both hold; give each its own trigger";
        }
    }

    private static IEnumerable<string> ScheduleErrors(ScheduleDefinition s, string path, WorkflowVocabulary vocabulary)
    {
        if ((s.After is null) == (s.Field is null))
            yield return $"{path}: give either 'after' (a duration from entering the stage) or 'field' with an 'offset'";
        if (s.After is { } after)
        {
            if (!Durations.TryParse(after, out var span))
                yield return $"{path}.after: '{after}' is not a duration in days and hours such as P14D or PT12H";
            else if (span < TimeSpan.Zero)
                yield return $"{path}.after: '{after}' is negative; a time after entering the stage cannot be before it";
            if (s.Offset is not null)
                yield return $"{path}.offset: an offset applies to a 'field', not to 'after'";
        }
        if (s.Field is { } field && !vocabulary.DateFields.Contains(field))
            yield return $"{path}.field: no date field is registered as '{field}'";
        if (s.Offset is { } offset && !Durations.TryParse(offset, out _))
            yield return $"{path}.offset: '{offset}' is not a duration in days and hours such as -P14D";
    }
}
