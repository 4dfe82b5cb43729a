using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Caf.Data.Finance;

/// <summary>Whether a <see cref="LedgerPeriodSum"/> adds up the entries of one value date or of one calendar month.</summary>
public enum LedgerPeriod
{
    Day = 0,
    Month = 1,
}

/// <summary>
/// The fund ledger's entries of one value date, or of one month, added up by currency, kind and whether they are
/// reversals. Written with the entries, in the same transaction, so that the ledger page's totals and the fund's balance
/// add up a few hundred sums (whole months, and the days at a range's ragged ends) instead of every entry ever booked: a
/// page's cost does not grow with the years of history (issue 16, ADR 0041). Nobody edits a sum; they are rebuilt from the
/// entries by the migration that made them.
/// </summary>
public sealed class LedgerPeriodSum
{
    private LedgerPeriodSum() { }

    internal LedgerPeriodSum(LedgerPeriod period, DateOnly start, string currency, string fundCurrency, LedgerEntryKind kind, bool reversal)
    {
        (Period, Start, Currency, FundCurrency, Kind, Reversal) = (period, start, currency, fundCurrency, kind, reversal);
    }

    public LedgerPeriod Period { get; private set; }
    /// <summary>The value date (a day's sum) or the first day of the month (a month's sum).</summary>
    public DateOnly Start { get; private set; }
    public string Currency { get; private set; } = "";
    public string FundCurrency { get; private set; } = "";
    public LedgerEntryKind Kind { get; private set; }
    /// <summary>The entries reverse others: their amounts count against their kind.</summary>
    public bool Reversal { get; private set; }
    public int Count { get; private set; }
    /// <summary>The entries' amounts in <see cref="Currency"/>, each positive as written.</summary>
    public decimal Amount { get; private set; }
    /// <summary>The entries' worth in <see cref="FundCurrency"/> at their own rates.</summary>
    public decimal FundAmount { get; private set; }
    /// <summary>Changes with every change: two writers that missed each other's change cannot both save theirs.</summary>
    public int Version { get; private set; }

    internal void Add(int count, decimal amount, decimal fundAmount)
    {
        Count += count;
        Amount += amount;
        FundAmount += fundAmount;
        Version++;
    }
}

/// <summary>Keeps <see cref="LedgerPeriodSum"/>s with the entries, and reads the sums that cover a range of value dates.</summary>
public static class LedgerPeriodSums
{
    private readonly record struct Key(LedgerPeriod Period, DateOnly Start, string Currency, string FundCurrency, LedgerEntryKind Kind, bool Reversal);

    /// <summary>
    /// The sums that cover exactly the value dates from <paramref name="from"/> to <paramref name="to"/> (both included;
    /// either open): the months the range holds whole, and the days of the months it cuts.
    /// </summary>
    public static IQueryable<LedgerPeriodSum> Covering(this IQueryable<LedgerPeriodSum> sums, DateOnly? from, DateOnly? to)
    {
        var first = from ?? DateOnly.MinValue;
        var last = to ?? DateOnly.MaxValue;
        // The whole months are those from wholeFrom (included) to wholeTo (excluded; open when the range is).
        DateOnly? wholeFrom = first.Day == 1 ? first : NextMonth(first);
        DateOnly? wholeTo = to is { } t ? (NextMonth(t) is { } next && next.AddDays(-1) == t ? next : MonthOf(t)) : null;
        var anyWhole = wholeFrom is { } wf && (wholeTo is not { } wt || wf < wt);
        var monthsFrom = anyWhole ? wholeFrom!.Value : DateOnly.MaxValue;
        var openEnd = anyWhole && wholeTo is null;
        var monthsTo = anyWhole ? wholeTo ?? DateOnly.MaxValue : DateOnly.MaxValue;
        return sums.Where(s =>
            (s.Period == LedgerPeriod.Month && s.Start >= monthsFrom && (openEnd || s.Start < monthsTo))
            || (s.Period == LedgerPeriod.Day && s.Start >= first && s.Start <= last && (s.Start < monthsFrom || (!openEnd && s.Start >= monthsTo))));
    }

    private static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    private static DateOnly? NextMonth(DateOnly date) => date.Year == DateOnly.MaxValue.Year && date.Month == 12 ? null : MonthOf(date).AddMonths(1);

    /// <summary>
    /// Adds the entries about to be inserted (and takes off any about to be deleted) to their day's and month's sums,
    /// before the changes are saved, so that both are written together (see <see cref="CafDbContext"/>'s OnConfiguring). A change to what a sum counts is refused: an
    /// entry is never changed once written.
    /// </summary>
    internal static async Task KeepAsync(CafDbContext db, CancellationToken ct)
    {
        var deltas = Deltas(db);
        if (deltas.Count == 0) return;
        // Two writers at once add to the same sums one after the other: an entry is audited, so the audit interceptor, which
        // runs before this one, has taken the audit chain's lock until the transaction ends (and on SQLite the database has
        // one writer). The sums' version refuses what a context without that lock would otherwise overwrite. No lock of its
        // own: taken here, after the chain's, it would deadlock with a payment holding the fund's lock (issue 16).
        var starts = deltas.Keys.Select(k => k.Start).Distinct().ToList();
        var existing = await db.LedgerPeriodSums.Where(s => starts.Contains(s.Start)).ToListAsync(ct);
        Apply(db, deltas, existing);
    }

    private static Dictionary<Key, (int Count, decimal Amount, decimal FundAmount)> Deltas(CafDbContext db)
    {
        var deltas = new Dictionary<Key, (int Count, decimal Amount, decimal FundAmount)>();
        foreach (var entry in db.ChangeTracker.Entries<LedgerEntry>())
        {
            if (entry.State == EntityState.Modified && SummedPropertyChanged(entry))
                throw new InvalidOperationException("A ledger entry's kind, amounts, value date or reversal cannot change once written.");
            var sign = entry.State switch { EntityState.Added => 1, EntityState.Deleted => -1, _ => 0 };
            if (sign == 0) continue;
            var e = entry.Entity;
            foreach (var (period, start) in new[] { (LedgerPeriod.Day, e.ValueDate), (LedgerPeriod.Month, MonthOf(e.ValueDate)) })
            {
                var key = new Key(period, start, e.Amount.Currency, e.FundAmount.Currency, e.Kind, e.ReversesEntryId is not null);
                var (count, amount, fund) = deltas.GetValueOrDefault(key);
                deltas[key] = (count + sign, amount + sign * e.Amount.Amount, fund + sign * e.FundAmount.Amount);
            }
        }
        return deltas;
    }

    private static bool SummedPropertyChanged(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<LedgerEntry> entry) =>
        entry.Property(e => e.Kind).IsModified || entry.Property(e => e.ValueDate).IsModified || entry.Property(e => e.ReversesEntryId).IsModified
        || entry.ComplexProperty(e => e.Amount).Properties.Any(p => p.IsModified)
        || entry.ComplexProperty(e => e.FundAmount).Properties.Any(p => p.IsModified);

    private static void Apply(CafDbContext db, Dictionary<Key, (int Count, decimal Amount, decimal FundAmount)> deltas, List<LedgerPeriodSum> existing)
    {
        var found = existing.ToDictionary(s => new Key(s.Period, s.Start, s.Currency, s.FundCurrency, s.Kind, s.Reversal));
        foreach (var (key, (count, amount, fund)) in deltas)
        {
            if (!found.TryGetValue(key, out var sum))
            {
                sum = new LedgerPeriodSum(key.Period, key.Start, key.Currency, key.FundCurrency, key.Kind, key.Reversal);
                db.LedgerPeriodSums.Add(sum);
            }
            sum.Add(count, amount, fund);
        }
    }

    /// <summary>
    /// SQL that writes every sum again from the entries (after entries were inserted by SQL, as the scale data set does),
    /// or null for a provider it does not know. The amounts are added up by the database, exactly.
    /// </summary>
    public static string? RebuildSql(DatabaseFacade database)
    {
        if (database.IsSqlite())
            return Rebuild("\"ReversesEntryId\" IS NOT NULL", "date(\"ValueDate\", 'start of month')", "ef_sum");
        if (database.IsNpgsql())
            return Rebuild("\"ReversesEntryId\" IS NOT NULL", "CAST(date_trunc('month', \"ValueDate\") AS date)", "SUM");
        if (database.IsSqlServer())
            return Rebuild("CASE WHEN \"ReversesEntryId\" IS NULL THEN CAST(0 AS bit) ELSE CAST(1 AS bit) END",
                "DATEFROMPARTS(YEAR(\"ValueDate\"), MONTH(\"ValueDate\"), 1)", "SUM");
        return null;
    }

    private static string Rebuild(string reversal, string monthOf, string sum)
    {
        string Insert(LedgerPeriod period, string start) => $"""
            INSERT INTO "LedgerPeriodSums" ("Period", "Start", "Currency", "FundCurrency", "Kind", "Reversal", "Count", "Amount", "FundAmount", "Version")
            SELECT {(int)period}, {start}, "Currency", "FundCurrency", "Kind", {reversal}, COUNT(*), {sum}("Amount"), {sum}("FundAmount"), 1
            FROM "LedgerEntries"
            GROUP BY {start}, "Currency", "FundCurrency", "Kind", {reversal};
            """;
        return $"DELETE FROM \"LedgerPeriodSums\";\n{Insert(LedgerPeriod.Day, "\"ValueDate\"")}\n{Insert(LedgerPeriod.Month, monthOf)}";
    }
}

/// <summary>Writes the ledger's sums with its entries, in the same save (<see cref="LedgerPeriodSums"/>).</summary>
public sealed class LedgerPeriodSumsInterceptor : SaveChangesInterceptor
{
    public static readonly LedgerPeriodSumsInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // A synchronous save runs the same steps (the audit interceptor does the same).
        if (eventData.Context is CafDbContext db) LedgerPeriodSums.KeepAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CafDbContext db) await LedgerPeriodSums.KeepAsync(db, cancellationToken);
        return result;
    }
}
