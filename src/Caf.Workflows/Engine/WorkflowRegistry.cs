namespace Caf.Workflows.Engine;

/// <summary>
/// Every loaded definition, by id and version. Running instances keep the version they started on;
/// new instances take the highest.
/// </summary>
public sealed class WorkflowRegistry
{
    private volatile Dictionary<(string Id, int Version), WorkflowDefinition> _definitions = [];

    /// <summary>Empty until <see cref="Replace"/> is called with the imported definitions at start-up.</summary>
    public WorkflowRegistry() { }

    public WorkflowRegistry(IEnumerable<WorkflowDefinition> definitions) => Replace(definitions);

    public void Replace(IEnumerable<WorkflowDefinition> definitions)
    {
        var loaded = new Dictionary<(string Id, int Version), WorkflowDefinition>();
        foreach (var d in definitions)
            if (!loaded.TryAdd((d.Id, d.Version), d))
                throw new InvalidOperationException($"Workflow '{d.Id}' version {d.Version} is defined twice.");
        _definitions = loaded;
    }

    public WorkflowDefinition Get(string id, int version) =>
        _definitions.TryGetValue((id, version), out var d)
            ? d
            : throw new KeyNotFoundException($"Workflow '{id}' version {version} is not loaded.");

    public WorkflowDefinition Latest(string id) => TryLatest(id) ?? throw new KeyNotFoundException($"No workflow '{id}' is loaded.");

    /// <summary>The highest version of <paramref name="id"/>; null while none is loaded (before the start-up's import).</summary>
    public WorkflowDefinition? TryLatest(string id) => _definitions.Values.Where(d => d.Id == id).MaxBy(d => d.Version);

    public IEnumerable<WorkflowDefinition> All => _definitions.Values;

    /// <summary>The definition files of a folder: every *.json except JSON schemas, in name order.</summary>
    public static IReadOnlyList<string> DefinitionFiles(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The workflows folder '{folder}' does not exist.");
        return Directory.EnumerateFiles(folder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads every definition file of a folder, refusing the lot if any one is invalid.</summary>
    public static WorkflowRegistry LoadFolder(string folder, WorkflowVocabulary vocabulary) =>
        new(DefinitionFiles(folder).Select(f => WorkflowDefinitionLoader.Parse(File.ReadAllText(f), Path.GetFileName(f), vocabulary)));
}
