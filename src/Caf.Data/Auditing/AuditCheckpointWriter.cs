using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.Auditing;

/// <summary>Signs where the audit trail stands now (ADR 0027): periodically, and when an auditor or administrator asks.</summary>
public static class AuditCheckpointWriter
{
    /// <summary>The latest checkpoint: of the highest sequence, the last signed.</summary>
    public static Task<AuditCheckpoint?> LatestAsync(CafDbContext db, CancellationToken ct) =>
        db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.SignedAtUtc).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A checkpoint of the chain's current head, signed with <paramref name="key"/>; or the latest one when nothing was
    /// added since it, or null for an empty trail. The head is read under the chain's lock, so no record is being numbered meanwhile.
    /// </summary>
    public static async Task<AuditCheckpoint?> WriteAsync(CafDbContext db, AuditSigningKey key, string signedBy, DateTime nowUtc, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AuditChainLock.TakeAsync(db.Database, ct);
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return null;
        var latest = await LatestAsync(db, ct);
        if (latest is not null && latest.Sequence == head.Sequence && latest.KeyId == key.KeyId) return latest;
        var signedAt = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var checkpoint = new AuditCheckpoint(head.Sequence, head.Hash, signedAt, key.KeyId,
            key.Sign(AuditCheckpointFile.SignedText(head.Sequence, head.Hash, signedAt)), signedBy);
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return checkpoint;
    }
}
