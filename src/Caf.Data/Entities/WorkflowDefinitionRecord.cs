namespace Caf.Data.Entities;

/// <summary>
/// A workflow definition version as imported, with the hash of its content. A version's content never changes once
/// imported: running instances keep meaning what they meant when they started.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    private WorkflowDefinitionRecord() { }

    public WorkflowDefinitionRecord(string definitionId, int version, string content, string contentHash, string sourceFile, DateTime nowUtc)
    {
        DefinitionId = definitionId;
        Version = version;
        Content = content;
        ContentHash = contentHash;
        SourceFile = sourceFile;
        ImportedAtUtc = nowUtc;
    }

    public string DefinitionId { get; private set; } = "";
    public int Version { get; private set; }
    public string Content { get; private set; } = "";
    public string ContentHash { get; private set; } = "";
    public string SourceFile { get; private set; } = "";
    public DateTime ImportedAtUtc { get; private set; }
}
