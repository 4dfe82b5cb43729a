using System.Security.Cryptography;
using System.Text;
using Caf.Data.Auditing;

namespace Caf.UnitTests;

/// <summary>
/// Verification's fast path writes the bytes a record's hash covers into a reused buffer, from values or from the
/// database's own UTF-8 text: they must be, byte for byte, those of <see cref="AuditChain.CanonicalBytes"/>, the
/// definition an auditor's own tool recomputes.
/// </summary>
public sealed class AuditCanonicalWriterTests
{
    public sealed record Values(long Sequence, Guid Id, DateTime At, string? UserId, string UserName, string Action, string? EntityType,
        string? EntityId, string? Details, string? IpAddress, string? CorrelationId, string PreviousHash);

    private static readonly Guid SomeId = Guid.Parse("A26E355E-267E-4F27-81A6-28B28BCA6477");

    public static TheoryData<string, Values> Records => new()
    {
        { "a record as the app writes it", new(500_000, SomeId, new DateTime(2024, 6, 29, 18, 17, 37, 123, DateTimeKind.Utc), "7cd6c126-0000-0000-0000-000000000000",
            "person177@mine-action.example", "GrantApplication.updated", "GrantApplication", "8c7df481-97ab-491a-9ede-4fe23071f6ce",
            """{"Title":{"old":"a","new":"b"}}""", "10.225.74.133", "cdc4a775828242e39f6f36c03c6873d9", new string('d', 64)) },
        { "every optional field null, the first record", new(1, Guid.Empty, DateTime.MinValue, null, "", "a", null, null, null, null, null, AuditChain.Genesis) },
        { "empty strings where null is allowed", new(2, SomeId, DateTime.MaxValue, "", "x", "y", "", "", "", "", "", "") },
        { "non-ASCII: accents, CJK, an emoji, a lone surrogate", new(3, SomeId, new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc), "é",
            "Zoë Ñúñez 王小明 🎉", "subvención.aprobada", "Ressource", "ligne\u00a01", "{\"note\":\"d\u00e9j\u00e0 vu \ud83d\ude00 \ud800 fin\"}", "::1", "c", "p") },
        { "the unit separator inside the details and a name, as the join leaves it", new(4, SomeId, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            "u\u001f", "a\u001fb", "act", "t", "e", "{\"x\":\"\u001f\u001f\"}", "ip", "corr", "prev") },
        { "a fraction of a millisecond, cut not rounded", new(5, SomeId, new DateTime(2025, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(9_999_999), null, "n", "a",
            null, null, "{}", null, null, "prev") },
        { "a negative and a long sequence, a local time", new(-7, SomeId, new DateTime(2025, 5, 6, 7, 8, 9, 10, DateTimeKind.Local), null, "n", "a",
            null, null, null, null, null, "x") },
        { "long details", Long },
    };

    private static readonly Values Long = new(long.MaxValue, SomeId, new DateTime(2023, 2, 28, 0, 0, 0, DateTimeKind.Unspecified), null, "n", "a", null, null,
        "{\"text\":\"" + string.Concat(Enumerable.Repeat("Déminage 地雷 ", 40_000)) + "\"}", null, null, new string('0', 64));

    private static byte[] Expected(Values v) => AuditChain.CanonicalBytes(v.Sequence, v.Id, v.At, v.UserId, v.UserName, v.Action, v.EntityType, v.EntityId,
        v.Details, v.IpAddress, v.CorrelationId, v.PreviousHash);

    private static void WriteFromValues(AuditCanonicalWriter writer, Values v)
    {
        writer.Start();
        writer.Sequence(v.Sequence);
        writer.Id(v.Id);
        writer.Time(v.At);
        foreach (var text in new[] { v.UserId, v.UserName, v.Action, v.EntityType, v.EntityId, v.Details, v.IpAddress, v.CorrelationId, v.PreviousHash })
            writer.Text(text);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void The_fast_path_writes_the_same_bytes_as_the_definition_from_values_and_from_UTF8(string why, Values v)
    {
        var expected = Expected(v);
        // One writer for every record, as verification reuses it: a long record before must leave nothing behind.
        var writer = new AuditCanonicalWriter();
        WriteFromValues(writer, Long);

        WriteFromValues(writer, v);
        Assert.True(expected.AsSpan().SequenceEqual(writer.Bytes), why);
        Assert.Equal(Encoding.UTF8.GetBytes(v.PreviousHash), writer.Bytes[writer.LastFieldStart..].ToArray());

        // As SQLite hands the text over: each field already UTF-8.
        writer.Start();
        writer.Sequence(v.Sequence);
        writer.Id(v.Id);
        writer.Time(v.At);
        foreach (var text in new[] { v.UserId, v.UserName, v.Action, v.EntityType, v.EntityId, v.Details, v.IpAddress, v.CorrelationId, v.PreviousHash })
            writer.Utf8(Encoding.UTF8.GetBytes(text ?? ""));
        Assert.True(expected.AsSpan().SequenceEqual(writer.Bytes), why);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void The_fast_path_accepts_exactly_the_hash_the_definition_computes(string why, Values v)
    {
        var hash = AuditChain.ComputeHash(v.Sequence, v.Id, v.At, v.UserId, v.UserName, v.Action, v.EntityType, v.EntityId, v.Details, v.IpAddress,
            v.CorrelationId, v.PreviousHash);
        var writer = new AuditCanonicalWriter();
        WriteFromValues(writer, v);

        Assert.True(writer.HashIs(Encoding.UTF8.GetBytes(hash)), why);
        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(writer.Bytes)));
        // Only that text: the same digits in capitals, one digit changed, or one more character, are not the record's hash.
        Assert.False(writer.HashIs(Encoding.UTF8.GetBytes(hash.ToUpperInvariant())));
        Assert.False(writer.HashIs(Encoding.UTF8.GetBytes(hash[..63] + (hash[63] == '0' ? '1' : '0'))));
        Assert.False(writer.HashIs(Encoding.UTF8.GetBytes(hash + " ")));
        Assert.False(writer.HashIs(Encoding.UTF8.GetBytes(hash[..62])));
    }
}
