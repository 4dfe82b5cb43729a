using System.Text.Json.Serialization;

namespace Caf.Workflows.Engine;

/// <summary>A workflow as declared in workflows/*.json: stages, and who may move a subject between them under which guards.</summary>
public sealed record WorkflowDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("version")] public int Version { get; init; }
    [JsonPropertyName("title")] public string Title { get; init; } = "";
    [JsonPropertyName("initialStage")] public string InitialStage { get; init; } = "";
    [JsonPropertyName("stages")] public IReadOnlyList<StageDefinition> Stages { get; init; } = [];
    [JsonPropertyName("transitions")] public IReadOnlyList<TransitionDefinition> Transitions { get; init; } = [];

    public StageDefinition Stage(string id) =>
        Stages.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Workflow '{Id}' has no stage '{id}'.");

    public IEnumerable<TransitionDefinition> TransitionsFrom(string stage) => Transitions.Where(t => t.From.Contains(stage));
}

public sealed record StageDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("label")] public LocalizedText Label { get; init; } = new();
    [JsonPropertyName("terminal")] public bool Terminal { get; init; }
}

public sealed record TransitionDefinition
{
    [JsonPropertyName("trigger")] public string Trigger { get; init; } = "";
    [JsonPropertyName("label")] public LocalizedText Label { get; init; } = new();
    [JsonPropertyName("from")] public IReadOnlyList<string> From { get; init; } = [];
    [JsonPropertyName("to")] public string To { get; init; } = "";
    [JsonPropertyName("roles")] public IReadOnlyList<string> Roles { get; init; } = [];
    [JsonPropertyName("guards")] public IReadOnlyList<string> Guards { get; init; } = [];
    [JsonPropertyName("actions")] public IReadOnlyList<string> Actions { get; init; } = [];
    [JsonPropertyName("commentRequired")] public bool CommentRequired { get; init; }
}

public sealed record LocalizedText
{
    [JsonPropertyName("en")] public string En { get; init; } = "";
    [JsonPropertyName("fr")] public string? Fr { get; init; }
    [JsonPropertyName("es")] public string? Es { get; init; }

    public string For(string? language) => language switch
    {
        "fr" when !string.IsNullOrEmpty(Fr) => Fr,
        "es" when !string.IsNullOrEmpty(Es) => Es,
        _ => En,
    };

    public override string ToString() => En;
}
