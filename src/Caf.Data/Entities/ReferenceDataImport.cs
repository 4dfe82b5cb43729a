namespace Caf.Data.Entities;

/// <summary>
/// One imported reference-data file: when, by whom, and the SHA-256 of exactly what was read. Kept for good and never
/// changed, so that a decision can be checked against the data as it stood on its date.
/// </summary>
public sealed class ReferenceDataImport : IAudited
{
    public const string StatesPartiesKind = "states-parties";

    private ReferenceDataImport() { }

    internal ReferenceDataImport(string kind, string fileName, DateTime importedAtUtc, string? importedByUserId, string importedByName,
        int rowCount, string sha256)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        FileName = Path.GetFileName(fileName.Replace('\\', '/')) is { Length: > 0 } name ? name[..Math.Min(name.Length, 260)] : "(unnamed)";
        ImportedAtUtc = importedAtUtc;
        ImportedByUserId = importedByUserId;
        ImportedByName = importedByName.Length > 256 ? importedByName[..256] : importedByName;
        RowCount = rowCount;
        Sha256 = sha256;
    }

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public DateTime ImportedAtUtc { get; private set; }
    public string? ImportedByUserId { get; private set; }
    public string ImportedByName { get; private set; } = "";
    public int RowCount { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes as uploaded.</summary>
    public string Sha256 { get; private set; } = "";
}
