using System.Globalization;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.Auditing;

/// <summary>
/// What verifying the trail found: every record and checkpoint whole, or the first sequence number that can no longer be
/// trusted and why.
/// </summary>
public sealed record AuditVerification(long Records, string? HeadHash, int CheckpointsMatched, long? FirstBadSequence, string? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>"ok: N records, head HASH" (and the checkpoints it matched), or "broken at sequence N: what is wrong".</summary>
    public override string ToString() => Ok
        ? string.Create(CultureInfo.InvariantCulture, $"ok: {Records} records, head {(HeadHash is { Length: > 0 } ? HeadHash : "(empty trail)")}; " +
                                                      $"{CheckpointsMatched} signed checkpoint{(CheckpointsMatched == 1 ? "" : "s")} matched")
        : string.Create(CultureInfo.InvariantCulture, $"broken at sequence {FirstBadSequence}: {Problem}");
}

/// <summary>
/// Recomputes the audit chain record by record, in sequence order, with constant memory, and checks it against every
/// signed checkpoint (those in the database, and one an auditor kept): ADR 0027. A record changed, missing, moved or
/// inserted breaks the chain where it is; a rewritten stretch with every hash recomputed no longer matches the signed
/// head of the first checkpoint after it, and a checkpoint made to match needs the signing key.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(CafDbContext db, AuditSigningKey? key, AuditCheckpointFile? kept, CancellationToken ct)
    {
        var checkpoints = (await db.AuditCheckpoints.AsNoTracking().ToListAsync(ct)).Select(AuditCheckpointFile.Of).ToList();
        if (kept is not null) checkpoints.Add(kept);
        checkpoints = [.. checkpoints.OrderBy(c => c.Sequence).ThenBy(c => c.SignedAtUtc, StringComparer.Ordinal)];
        foreach (var checkpoint in checkpoints)
        {
            var named = Name(checkpoint, kept);
            if (key is null)
                return new(0, null, 0, checkpoint.Sequence, $"{named} cannot be checked: no signing key is configured (Audit:SigningKeyPath).");
            if (checkpoint.KeyId != key.KeyId)
                return new(0, null, 0, checkpoint.Sequence, $"{named} was signed with the key {checkpoint.KeyId}, not with the key {key.KeyId} given to check it.");
            if (!checkpoint.IsSignedBy(key))
                return new(0, null, 0, checkpoint.Sequence, $"{named} has an invalid signature: its sequence, head or time were changed after it was signed.");
        }

        var (expected, previous, trusted, matched, next) = (1L, AuditChain.Genesis, 0L, 0, 0);
        await foreach (var record in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (record.Sequence != expected)
                return new(expected - 1, previous, matched, expected,
                    $"record missing: there is no record {expected}; the next is {record.Sequence.ToString(CultureInfo.InvariantCulture)}.");
            if (AuditChain.ComputeHash(record) != record.Hash)
                return new(expected - 1, previous, matched, expected, "content changed: what the record holds no longer gives its hash.");
            if (record.PreviousHash != previous)
                return new(expected - 1, previous, matched, expected,
                    "records reordered: the record does not follow the one before it (records were moved, removed or inserted).");
            if (AuditPersonalData.Problem(record.Details, record.PersonalValues) is { } personal)
                return new(expected - 1, previous, matched, expected, personal);
            for (; next < checkpoints.Count && checkpoints[next].Sequence == record.Sequence; next++)
            {
                if (checkpoints[next].HeadHash != record.Hash)
                    return new(expected - 1, previous, matched, trusted + 1,
                        $"the chain no longer matches {Name(checkpoints[next], kept)}: the records after {trusted.ToString(CultureInfo.InvariantCulture)} " +
                        $"up to {record.Sequence.ToString(CultureInfo.InvariantCulture)} were rewritten.");
                trusted = record.Sequence;
                matched++;
            }
            previous = record.Hash;
            expected++;
        }
        if (next < checkpoints.Count)
            return new(expected - 1, previous, matched, expected,
                $"records missing at the end: {Name(checkpoints[next], kept)} covers {checkpoints[next].Sequence.ToString(CultureInfo.InvariantCulture)} records, " +
                $"the trail has {(expected - 1).ToString(CultureInfo.InvariantCulture)}.");
        return new(expected - 1, previous, matched, null, null);
    }

    private static string Name(AuditCheckpointFile checkpoint, AuditCheckpointFile? kept) =>
        string.Create(CultureInfo.InvariantCulture,
            $"the {(ReferenceEquals(checkpoint, kept) ? "kept " : "")}checkpoint signed at {checkpoint.SignedAtUtc} for sequence {checkpoint.Sequence}");
}
