using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Caf.Data.Entities;

namespace Caf.Data.Auditing;

/// <summary>
/// A signed checkpoint as an auditor keeps it: a small JSON file, downloaded from the Audit page, that
/// <c>audit verify --checkpoint FILE</c> checks the trail against later (ADR 0027).
/// </summary>
public sealed record AuditCheckpointFile(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("headHash")] string HeadHash,
    [property: JsonPropertyName("signedAtUtc")] string SignedAtUtc,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("signature")] string Signature)
{
    public const string CurrentFormat = "caf-audit-checkpoint/1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The text a checkpoint's signature covers: the format, the sequence, the head hash and the time, one per line.</summary>
    public static string SignedText(long sequence, string headHash, DateTime signedAtUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{CurrentFormat}\nsequence={sequence}\nhead={headHash}\nsigned-at={Time(signedAtUtc)}\n");

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static AuditCheckpointFile Of(AuditCheckpoint checkpoint) =>
        new(CurrentFormat, checkpoint.Sequence, checkpoint.HeadHash, Time(checkpoint.SignedAtUtc), checkpoint.KeyId, checkpoint.Signature);

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>The checkpoint a file holds, or why it holds none (the command line says it in its operator's language).</summary>
    public static (AuditCheckpointFile? File, CheckpointFileProblem? Problem) Read(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<AuditCheckpointFile>(json);
            return file is { Format: CurrentFormat, HeadHash: not null, SignedAtUtc: not null, KeyId: not null, Signature: not null } && file.Sequence > 0
                   && DateTime.TryParseExact(file.SignedAtUtc, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
                       DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _)
                ? (file, null)
                : (null, CheckpointFileProblem.NotACheckpoint);
        }
        catch (JsonException)
        {
            return (null, CheckpointFileProblem.NotJson);
        }
    }

    /// <summary>The time as written, in UTC (only for a file <see cref="Read"/> accepted).</summary>
    public DateTime SignedAt => DateTime.ParseExact(SignedAtUtc, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>Whether <paramref name="key"/> signed exactly this sequence, head and time.</summary>
    public bool IsSignedBy(AuditSigningKey key) => KeyId == key.KeyId && key.Verifies(SignedText(Sequence, HeadHash, SignedAt), Signature);
}

/// <summary>Why a file is not a checkpoint: not JSON at all, or JSON of another kind.</summary>
public enum CheckpointFileProblem
{
    NotJson,
    NotACheckpoint,
}
