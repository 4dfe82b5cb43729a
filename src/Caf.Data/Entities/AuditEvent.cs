using Caf.Data.Auditing;

namespace Caf.Data.Entities;

/// <summary>
/// One append-only line of the audit trail. <see cref="Hash"/> is the SHA-256 of this record's content and
/// its predecessor's hash, so an edit or a deletion anywhere breaks the chain.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public AuditEvent(string action, string? entityType, string? entityId, string? details)
    {
        Id = Guid.NewGuid();
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Details = details;
    }

    public Guid Id { get; private set; }
    /// <summary>Position in the chain: 1, 2, 3… without gaps; unique, so two writers cannot both take the same place.</summary>
    public long Sequence { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string? EntityType { get; private set; }
    public string? EntityId { get; private set; }
    /// <summary>JSON: old and new values, or the transition's details.</summary>
    public string? Details { get; private set; }
    public string? IpAddress { get; private set; }
    public string? CorrelationId { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
    /// <summary>
    /// Personal values the record names, kept beside it and outside its hash so that a person's erasure can remove them
    /// without breaking the chain (ADRs 0027, 0028); the only column the database lets change. Null when there are none.
    /// </summary>
    public string? PersonalValues { get; private set; }

    /// <summary>Made by the audit interceptor from a tracked change (not stored); regenerated when a save is retried.</summary>
    internal bool DescribesTrackedChange { get; set; }

    /// <summary>Keeps the personal values the record's details name by their salted hashes (ADR 0028).</summary>
    internal void KeepPersonalValues(string? json) => PersonalValues = json;

    internal void Stamp(DateTime nowUtc, string? userId, string userName, string? ipAddress, string? correlationId)
    {
        OccurredAtUtc = nowUtc;
        UserId ??= userId;
        UserName = string.IsNullOrEmpty(UserName) ? userName : UserName;
        IpAddress = ipAddress;
        CorrelationId = correlationId;
    }

    internal void Chain(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditChain.ComputeHash(this);
    }
}
