using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// The ledger's sums by day and month (ADR 0041) are written with the entries and add up, over any range of value dates,
/// to exactly what the entries themselves add up to; rebuilt from the entries by SQL, they are the same rows.
/// </summary>
public abstract class LedgerPeriodSumsTests(CafAppFactory factory)
{
    private static readonly LedgerEntryKind[] Kinds = Enum.GetValues<LedgerEntryKind>();
    private static readonly string[] Currencies = ["CHF", "USD", "EUR"];

    [Fact]
    public async Task Sums_over_any_range_of_dates_equal_the_entries_added_up_and_a_rebuild_writes_the_same_sums()
    {
        await factory.ResetAsync();
        var random = new Random(2037);
        var first = new DateOnly(2025, 11, 20);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        // Entries over fifteen months in several saves, some inside a transaction as the use cases save them, some
        // reversed later; month ends and firsts of months included.
        for (var batch = 0; batch < 6; batch++)
        {
            await factory.WithDbAsync(async db =>
            {
                await using var transaction = batch % 2 == 0 ? await db.Database.BeginTransactionAsync() : null;
                for (var i = 0; i < 60; i++)
                {
                    var date = i % 10 == 0 ? new DateOnly(2026, 1 + i % 12, 1).AddDays(-(i % 20 == 0 ? 1 : 0)) : first.AddDays(random.Next(0, 460));
                    var amount = new Money(random.Next(1, 500_000) / 100m, Currencies[random.Next(Currencies.Length)]);
                    db.LedgerEntries.Add(new LedgerEntry(Kinds[random.Next(Kinds.Length)], amount.InFund(date), date, $"Entry {batch}-{i}", null, null, "test", now));
                }
                var saved = await db.SaveChangesAsync();
                var reversible = await db.LedgerEntries.Where(e => e.ReversesEntryId == null).OrderBy(e => e.Description).Take(3 + batch).ToListAsync();
                var reversed = await db.LedgerEntries.Where(e => e.ReversesEntryId != null).Select(e => e.ReversesEntryId).ToListAsync();
                foreach (var entry in reversible.Where(e => !reversed.Contains(e.Id)))
                    db.LedgerEntries.Add(entry.Reverse("Test", false, null, "test", now, entry.ValueDate.AddDays(batch * 7)));
                // A synchronous save keeps the sums too.
                saved += batch == 3 ? db.SaveChanges() : await db.SaveChangesAsync();
                if (transaction is not null) await transaction.CommitAsync();
                return saved;
            });
        }

        var ranges = new List<(DateOnly? From, DateOnly? To)> { (null, null), (null, new DateOnly(2026, 6, 30)), (new DateOnly(2026, 3, 1), null) };
        for (var i = 0; i < 40; i++)
        {
            var from = first.AddDays(random.Next(-40, 470));
            ranges.Add((from, from.AddDays(random.Next(0, i % 4 == 0 ? 5 : 400))));
        }
        ranges.Add((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        ranges.Add((new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 27)));
        ranges.Add((new DateOnly(2026, 1, 31), new DateOnly(2026, 3, 1)));
        ranges.Add((DateOnly.MinValue, DateOnly.MaxValue));
        await factory.WithDbAsync(async db =>
        {
            Assert.True(await db.LedgerEntries.CountAsync(e => e.ReversesEntryId != null) >= 6);
            var entries = await db.LedgerEntries.AsNoTracking().ToListAsync();
            foreach (var (from, to) in ranges)
            {
                var expected = entries.Where(e => (from is null || e.ValueDate >= from) && (to is null || e.ValueDate <= to))
                    .GroupBy(e => (e.Amount.Currency, e.Kind, Reversal: e.ReversesEntryId != null))
                    .Select(g => $"{g.Key.Currency} {g.Key.Kind} {g.Key.Reversal}: {g.Count()} {g.Sum(e => e.Amount.Amount):0.00} {g.Sum(e => e.FundAmount.Amount):0.00}")
                    .Order(StringComparer.Ordinal).ToList();
                var sums = await db.LedgerPeriodSums.AsNoTracking().Covering(from, to).ToListAsync();
                var actual = sums.GroupBy(s => (s.Currency, s.Kind, s.Reversal))
                    .Select(g => $"{g.Key.Currency} {g.Key.Kind} {g.Key.Reversal}: {g.Sum(s => s.Count)} {g.Sum(s => s.Amount):0.00} {g.Sum(s => s.FundAmount):0.00}")
                    .Order(StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(actual), $"From {from} to {to}:\nentries: {string.Join("; ", expected)}\nsums:    {string.Join("; ", actual)}");
                // Whole months are read as months: a long range reads far fewer sums than it has days.
                if (from is { } f && to is { } t && t.DayNumber - f.DayNumber > 200) Assert.True(sums.Count(s => s.Period == LedgerPeriod.Day) < 62 * 30);
            }
            return 0;
        });

        var kept = await Snapshot();
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(LedgerPeriodSums.RebuildSql(db.Database)!));
        Assert.Equal(kept, await Snapshot());
    }

    private Task<List<string>> Snapshot() => factory.WithDbAsync(async db =>
        (await db.LedgerPeriodSums.AsNoTracking().ToListAsync())
        .Select(s => $"{s.Period} {s.Start:yyyy-MM-dd} {s.Currency} {s.FundCurrency} {s.Kind} {s.Reversal}: {s.Count} {s.Amount:0.00} {s.FundAmount:0.00}")
        .Order(StringComparer.Ordinal).ToList());
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteLedgerPeriodSumsTests(SqliteAppFactory factory) : LedgerPeriodSumsTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLedgerPeriodSumsTests(PostgresAppFactory factory) : LedgerPeriodSumsTests(factory);
