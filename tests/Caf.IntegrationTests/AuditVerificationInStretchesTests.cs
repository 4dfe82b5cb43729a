using System.Globalization;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// Verification reads a long trail in stretches, in parallel, each with a plain reader (issue 16): a break anywhere — in
/// the middle of a stretch, at its first record, at its last — is still reported at the same sequence, with the same
/// words and the same counts, as the record-by-record check through EF Core that it replaced (kept below as the reference).
/// </summary>
public abstract class AuditVerificationInStretchesTests(CafAppFactory factory)
{
    private const int Records = 5_000;

    public enum Tampering { None, Change, Delete, DeleteFirst, Insert, Swap, Relink, PersonalValueAdded, PersonalValuesUnreadable, Truncate, RewriteTail, OddlyStored }

    public enum Where { MiddleOfAStretch, FirstOfAStretch, LastOfAStretch }

    [Theory]
    [InlineData(Tampering.None, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Change, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Change, Where.FirstOfAStretch)]
    [InlineData(Tampering.Change, Where.LastOfAStretch)]
    [InlineData(Tampering.Delete, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Delete, Where.FirstOfAStretch)]
    [InlineData(Tampering.Delete, Where.LastOfAStretch)]
    [InlineData(Tampering.DeleteFirst, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Insert, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Swap, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Swap, Where.FirstOfAStretch)]
    [InlineData(Tampering.Relink, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Relink, Where.FirstOfAStretch)]
    [InlineData(Tampering.PersonalValueAdded, Where.MiddleOfAStretch)]
    [InlineData(Tampering.PersonalValuesUnreadable, Where.FirstOfAStretch)]
    [InlineData(Tampering.Truncate, Where.MiddleOfAStretch)]
    [InlineData(Tampering.Truncate, Where.FirstOfAStretch)]
    [InlineData(Tampering.RewriteTail, Where.MiddleOfAStretch)]
    [InlineData(Tampering.RewriteTail, Where.FirstOfAStretch)]
    [InlineData(Tampering.OddlyStored, Where.MiddleOfAStretch)]
    public async Task A_break_in_a_long_trail_is_reported_where_and_as_the_record_by_record_check_reports_it(Tampering tampering, Where where)
    {
        await factory.ResetAsync();
        var seeded = await HeadAsync();
        await AppendAsync(Records * 4 / 5);
        var checkpoint = await CheckpointAsync();
        await AppendAsync(Records / 5);
        var head = await HeadAsync();
        Assert.Equal(seeded + Records, head);
        // Five stretches over 1 … head: the third starts after 2 × head / 5.
        var third = 2 * head / 5 + 1;
        var at = where switch
        {
            Where.FirstOfAStretch => third,
            Where.LastOfAStretch => 3 * head / 5,
            _ => third + 123,
        };
        Assert.True(at < checkpoint.Sequence && checkpoint.Sequence < head - 2);

        await factory.ExecuteAsync(AuditTriggers.Drop(factory.ProviderName));
        var (expected, reason) = await TamperAsync(tampering, at, checkpoint.Sequence);

        var reference = await ReferenceAsync();
        if (tampering == Tampering.None) Assert.True(reference.Ok, reference.ToString());
        else
        {
            Assert.Equal(expected, reference.FirstBadSequence);
            Assert.Contains(reason, reference.Problem);
        }
        foreach (var stretches in new int?[] { null, 1, 2, 5, 7 })
        {
            var found = await factory.WithDbAsync(async db => await AuditVerifier.VerifyAsync(db, await KeyAsync(), null, stretches, CancellationToken.None));
            Assert.Equal(reference, found);
            Assert.Equal(reference.ToString(), found.ToString());
        }
    }

    private async Task<(long? Sequence, string Reason)> TamperAsync(Tampering tampering, long at, long checkpointed)
    {
        switch (tampering)
        {
            case Tampering.None:
                return (null, "");
            case Tampering.Change:
                await SqlAsync($"""UPDATE "AuditEvents" SET "Details" = '{"n":2}' WHERE "Sequence" = {at}""");
                return (at, "content changed");
            case Tampering.Delete:
                await SqlAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" = {at}""");
                return (at, $"record missing: there is no record {at}; the next is {at + 1}.");
            case Tampering.DeleteFirst:
                await SqlAsync("""DELETE FROM "AuditEvents" WHERE "Sequence" = 1""");
                return (1, "record missing: there is no record 1; the next is 2.");
            case Tampering.Insert:
                // A record slipped in under a number of its own, its hash made right for what it holds.
                await factory.WithDbAsync(async db =>
                {
                    var copy = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == at);
                    await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = "Sequence" + 1000000 WHERE "Sequence" > {at}""");
                    await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = "Sequence" - 1000000 + 1 WHERE "Sequence" > 1000000""");
                    var id = Guid.NewGuid();
                    var hash = AuditChain.ComputeHash(at + 1, id, copy.OccurredAtUtc, copy.UserId, copy.UserName, "forged", null, null, null, null, null, copy.Hash);
                    return await db.Database.ExecuteSqlAsync(
                        $"""INSERT INTO "AuditEvents" ("Id", "Sequence", "OccurredAtUtc", "UserId", "UserName", "Action", "PreviousHash", "Hash") VALUES ({id}, {at + 1}, {copy.OccurredAtUtc}, {copy.UserId}, {copy.UserName}, 'forged', {copy.Hash}, {hash})""");
                });
                return (at + 2, "content changed"); // the records after it renumbered: their content changed
            case Tampering.Swap:
                await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = -1 WHERE "Sequence" = {at}""");
                await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = {at} WHERE "Sequence" = {at + 2}""");
                await SqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = {at + 2} WHERE "Sequence" = -1""");
                return (at, "content changed");
            case Tampering.Relink:
                // The record's hash recomputed over a predecessor that is not the one before it.
                await factory.WithDbAsync(async db =>
                {
                    var e = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == at);
                    var previous = new string('0', 64);
                    var hash = AuditChain.ComputeHash(e.Sequence, e.Id, e.OccurredAtUtc, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details,
                        e.IpAddress, e.CorrelationId, previous);
                    return await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "PreviousHash" = {previous}, "Hash" = {hash} WHERE "Sequence" = {at}""");
                });
                return (at, "records reordered");
            case Tampering.PersonalValueAdded:
                // The one column the database lets change: no trigger stands in the way.
                await SqlAsync($$$"""UPDATE "AuditEvents" SET "PersonalValues" = '{"abc":{"salt":"AAAA","value":"Jane"}}' WHERE "Sequence" = {{{at}}}""");
                return (at, "personal value added");
            case Tampering.PersonalValuesUnreadable:
                await SqlAsync($"""UPDATE "AuditEvents" SET "PersonalValues" = '[not json' WHERE "Sequence" = {at}""");
                return (at, "personal values changed");
            case Tampering.Truncate:
                await SqlAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" >= {at}""");
                return (at, "records missing at the end: the checkpoint signed at");
            case Tampering.RewriteTail:
                await RewriteFromAsync(at);
                return (1, "the chain no longer matches the checkpoint signed at");
            default:
                // Stored in other shapes than the app writes (SQLite keeps what it is given), read as EF Core reads them: an id
                // in small letters, a time with more digits, details as a blob check out; details that are not UTF-8 do not.
                if (factory.ProviderName.Contains("Sqlite", StringComparison.Ordinal))
                {
                    await SqlAsync($"""UPDATE "AuditEvents" SET "Id" = lower("Id") WHERE "Sequence" = {at - 1}""");
                    await SqlAsync($"""UPDATE "AuditEvents" SET "OccurredAtUtc" = "OccurredAtUtc" || '000' WHERE "Sequence" = {at - 2} AND "OccurredAtUtc" LIKE '%.%'""");
                    await SqlAsync($"""UPDATE "AuditEvents" SET "Details" = CAST("Details" AS BLOB) WHERE "Sequence" = {at - 3}""");
                    await SqlAsync($"""UPDATE "AuditEvents" SET "Details" = X'7B2278223A22FF227D' WHERE "Sequence" = {at}""");
                    return (at, "content changed");
                }
                await SqlAsync($"""UPDATE "AuditEvents" SET "EntityId" = '12345' WHERE "Sequence" = {at}""");
                return (at, "content changed");
        }
    }

    private Task SqlAsync(string sql) => factory.ExecuteAsync([sql]);

    private Task<long> HeadAsync() => factory.WithDbAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));

    private Task<AuditSigningKey?> KeyAsync()
    {
        using var scope = factory.Services.CreateScope();
        return Task.FromResult(scope.ServiceProvider.GetRequiredService<AuditSigning>().Key);
    }

    private async Task<AuditCheckpoint> CheckpointAsync()
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(null, CancellationToken.None)).Checkpoint!;
    }

    /// <summary>Records as the app writes them (the scale data set's generator), chained after the trail's head.</summary>
    private Task AppendAsync(int count) => AuditHistory.AppendAsync(Open, count,
        [new("7cd6c126-0000-0000-0000-000000000000", "someone@mine-action.example"), new("8cd6c126-0000-0000-0000-000000000000", "Zoë Núñez")],
        new DateTime(2026, 1, 5, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 6, 30, 18, 0, 0, DateTimeKind.Utc), 16, CancellationToken.None);

    private CafDbContext Open() => factory.ProviderName.Contains("Sqlite", StringComparison.Ordinal)
        ? new SqliteCafDbContext(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite(factory.ConnectionString).Options)
        : new PostgresCafDbContext(new DbContextOptionsBuilder<PostgresCafDbContext>().UseNpgsql(factory.ConnectionString).Options);

    /// <summary>Changes one record and recomputes its hash and every later one, as someone would who knows how the chain is made.</summary>
    private Task<string> RewriteFromAsync(long sequence) => factory.WithDbAsync(async db =>
    {
        var records = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= sequence - 1).OrderBy(e => e.Sequence).ToListAsync();
        var previous = records[0].Hash;
        foreach (var e in records.Skip(1))
        {
            var details = e.Sequence == sequence ? "{\"n\":3}" : e.Details;
            var hash = AuditChain.ComputeHash(e.Sequence, e.Id, e.OccurredAtUtc, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, details,
                e.IpAddress, e.CorrelationId, previous);
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "AuditEvents" SET "Details" = {details}, "PreviousHash" = {previous}, "Hash" = {hash} WHERE "Sequence" = {e.Sequence}""");
            previous = hash;
        }
        return previous;
    });

    private async Task<AuditVerification> ReferenceAsync() => await factory.WithDbAsync(async db => await RecordByRecordAsync(db, await KeyAsync()));

    /// <summary>The verification as it was before issue 16, record by record through EF Core, word for word: the reference.</summary>
    private static async Task<AuditVerification> RecordByRecordAsync(CafDbContext db, AuditSigningKey? key)
    {
        var checkpoints = (await db.AuditCheckpoints.AsNoTracking().ToListAsync()).Select(AuditCheckpointFile.Of)
            .OrderBy(c => c.Sequence).ThenBy(c => c.SignedAtUtc, StringComparer.Ordinal).ToList();
        Assert.All(checkpoints, c => Assert.True(c.IsSignedBy(key!)));
        var (expected, previous, trusted, matched, next) = (1L, AuditChain.Genesis, 0L, 0, 0);
        await foreach (var record in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable())
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
                        $"the chain no longer matches the checkpoint signed at {checkpoints[next].SignedAtUtc} for sequence {checkpoints[next].Sequence}: " +
                        $"the records after {trusted.ToString(CultureInfo.InvariantCulture)} up to {record.Sequence.ToString(CultureInfo.InvariantCulture)} were rewritten.");
                trusted = record.Sequence;
                matched++;
            }
            previous = record.Hash;
            expected++;
        }
        if (next < checkpoints.Count)
            return new(expected - 1, previous, matched, expected,
                $"records missing at the end: the checkpoint signed at {checkpoints[next].SignedAtUtc} for sequence {checkpoints[next].Sequence} covers " +
                $"{checkpoints[next].Sequence.ToString(CultureInfo.InvariantCulture)} records, the trail has {(expected - 1).ToString(CultureInfo.InvariantCulture)}.");
        return new(expected - 1, previous, matched, null, null);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteAuditVerificationInStretchesTests(SqliteAppFactory factory) : AuditVerificationInStretchesTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresAuditVerificationInStretchesTests(PostgresAppFactory factory) : AuditVerificationInStretchesTests(factory);
