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
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.UserId ?? "", e.UserName, e.Action, e.EntityType ?? "", e.EntityId ?? "", e.Details ?? "",
            e.IpAddress ?? "", e.CorrelationId ?? "", e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Checks records in Id order; returns the first broken record's id, or null when the chain is whole.</summary>
    public static long? FindFirstBreak(IEnumerable<AuditEvent> eventsInOrder)
    {
        var previous = Genesis;
        long? expectedId = null;
        foreach (var e in eventsInOrder)
        {
            if (expectedId is { } id && e.Id != id) return e.Id;
            if (e.PreviousHash != previous || ComputeHash(e) != e.Hash) return e.Id;
            previous = e.Hash;
            expectedId = e.Id + 1;
        }
        return null;
    }
}
