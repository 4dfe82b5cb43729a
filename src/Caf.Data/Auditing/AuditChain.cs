using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caf.Data.Entities;

namespace Caf.Data.Auditing;

/// <summary>The SHA-256 chain over audit records: each record's hash covers its content and its predecessor's hash.</summary>
public static class AuditChain
{
    public const string Genesis = "";

    public static string ComputeHash(AuditEvent e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.Id.ToString(),
            e.OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.UserId ?? "", e.UserName, e.Action, e.EntityType ?? "", e.EntityId ?? "", e.Details ?? "",
            e.IpAddress ?? "", e.CorrelationId ?? "", e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

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
