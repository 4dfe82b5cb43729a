namespace Caf.Data.Entities;

/// <summary>
/// A signed statement of where the audit trail stood: its last sequence number and that record's hash, at a time, signed
/// with a key kept outside the database (ADR 0027). Rewriting the trail up to a checkpoint, even with every hash
/// recomputed, no longer matches its signed head; making a new checkpoint to match needs the key. Append-only, like the
/// trail itself.
/// </summary>
public sealed class AuditCheckpoint
{
    public const int MaxSignedByLength = 256;

    private AuditCheckpoint() { }

    internal AuditCheckpoint(long sequence, string headHash, DateTime signedAtUtc, string keyId, string signature, string signedBy)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        HeadHash = headHash;
        SignedAtUtc = signedAtUtc;
        KeyId = keyId;
        Signature = signature;
        SignedBy = signedBy.Length > MaxSignedByLength ? signedBy[..MaxSignedByLength] : signedBy;
    }

    public Guid Id { get; private set; }
    /// <summary>The sequence number of the last audit record the checkpoint covers.</summary>
    public long Sequence { get; private set; }
    /// <summary>That record's hash: the head of the chain then.</summary>
    public string HeadHash { get; private set; } = "";
    public DateTime SignedAtUtc { get; private set; }
    /// <summary>Which key signed it: the first 16 hexadecimal digits of the SHA-256 of its public key.</summary>
    public string KeyId { get; private set; } = "";
    /// <summary>The ECDSA P-256 signature (SHA-256, IEEE P1363) of <see cref="Auditing.AuditCheckpointText.Of"/>, in base64.</summary>
    public string Signature { get; private set; } = "";
    /// <summary>Who asked for it: a person's name, or "schedule" for the periodic checkpoint.</summary>
    public string SignedBy { get; private set; } = "";
}
