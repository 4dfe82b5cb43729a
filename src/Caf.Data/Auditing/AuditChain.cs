using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caf.Data.Entities;

namespace Caf.Data.Auditing;

/// <summary>The SHA-256 chain over audit records: each record's hash covers its content and its predecessor's hash.</summary>
public static class AuditChain
{
    public const string Genesis = "";

    public static string ComputeHash(AuditEvent e) =>
        ComputeHash(e.Sequence, e.Id, e.OccurredAtUtc, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details, e.IpAddress,
            e.CorrelationId, e.PreviousHash);

    /// <summary>
    /// The hash of a record's values, joined by the unit separator in a fixed order; the time to the millisecond, in UTC.
    /// Public so that anyone, an auditor's own tool included, can recompute the chain from the table's columns.
    /// </summary>
    public static string ComputeHash(long sequence, Guid id, DateTime occurredAtUtc, string? userId, string userName, string action,
        string? entityType, string? entityId, string? details, string? ipAddress, string? correlationId, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(sequence, id, occurredAtUtc, userId, userName, action, entityType, entityId,
            details, ipAddress, correlationId, previousHash)));

    /// <summary>The bytes a record's hash is the SHA-256 of: its values in UTF-8, joined by the unit separator (U+001F).</summary>
    public static byte[] CanonicalBytes(long sequence, Guid id, DateTime occurredAtUtc, string? userId, string userName, string action,
        string? entityType, string? entityId, string? details, string? ipAddress, string? correlationId, string previousHash) =>
        Encoding.UTF8.GetBytes(string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture), id.ToString(),
            occurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            userId ?? "", userName, action, entityType ?? "", entityId ?? "", details ?? "",
            ipAddress ?? "", correlationId ?? "", previousHash));

    /// <summary>
    /// Checks records in sequence order; returns the sequence number where the chain first breaks (a record edited,
    /// removed or inserted), or null when it is whole.
    /// </summary>
    public static long? FindFirstBreak(IEnumerable<AuditEvent> eventsInSequenceOrder)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var e in eventsInSequenceOrder)
        {
            if (e.Sequence != expected) return expected;
            if (e.PreviousHash != previous || ComputeHash(e) != e.Hash) return e.Sequence;
            previous = e.Hash;
            expected++;
        }
        return null;
    }
}
