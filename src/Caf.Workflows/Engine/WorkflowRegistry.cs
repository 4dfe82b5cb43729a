namespace Caf.Workflows.Engine;

/// <summary>
/// Every loaded definition, by id and version. Running instances keep the version they started on;
/// new instances take the highest.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _definitions = [];

    public WorkflowRegistry(IEnumerable<WorkflowDefinition> definitions)
    {
        foreach (var d in definitions)
            if (!_definitions.TryAdd((d.Id, d.Version), d))
                throw new InvalidOperationException($"Workflow '{d.Id}' version {d.Version} is defined twice.");
    }

    public WorkflowDefinition Get(string id, int version) =>
        _definitions.TryGetValue((id, version), out var d)
            ? d
            : throw new KeyNotFoundException($"Workflow '{id}' version {version} is not loaded.");

    public WorkflowDefinition Latest(string id) =>
        _definitions.Values.Where(d => d.Id == id).MaxBy(d => d.Version)
        ?? throw new KeyNotFoundException($"No workflow '{id}' is loaded.");

    public IEnumerable<WorkflowDefinition> All => _definitions.Values;

    /// <summary>Loads every *.json in a folder except JSON schemas, refusing the lot if any one is invalid.</summary>
    public static WorkflowRegistry LoadFolder(string folder, ISet<string> guardNames, ISet<string> actionNames)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The workflows folder '{folder}' does not exist.");
        var definitions = Directory.EnumerateFiles(folder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order()
            .Select(f => WorkflowDefinitionLoader.Parse(File.ReadAllText(f), Path.GetFileName(f), guardNames, actionNames))
            .ToList();
        return new WorkflowRegistry(definitions);
    }
}
