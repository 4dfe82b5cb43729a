using Microsoft.EntityFrameworkCore;

namespace Caf.Data.Finance;

/// <summary>Converts an amount to the fund currency at the recorded rate of its date (ADR 0022), reading only the rates it may use.</summary>
public static class FundRates
{
    /// <summary>The conversion, or a <see cref="DomainException"/> naming the rate to record (field <paramref name="field"/>).</summary>
    public static async Task<Conversion> ConvertAsync(CafDbContext db, Money amount, string fundCurrency, DateOnly valueDate, string field,
        CancellationToken ct)
    {
        var earliest = valueDate.AddDays(-ExchangeRate.MaxAgeDays);
        var rates = amount.Currency == fundCurrency
            ? []
            : await db.ExchangeRates.AsNoTracking()
                .Where(r => r.Currency == amount.Currency && r.FundCurrency == fundCurrency && r.Date <= valueDate && r.Date >= earliest)
                .ToListAsync(ct);
        var (conversion, problem) = Conversion.OnDate(amount, fundCurrency, valueDate, rates);
        return conversion ?? throw new DomainException(problem!, field);
    }
}

/// <summary>The fund's balances in fund currency, derived from the ledger, never stored (ADR 0022).</summary>
public sealed record FundBalance(Money Cash, Money Committed)
{
    /// <summary>What may still be committed: the cash less what is promised and not yet paid.</summary>
    public Money Available => Cash - Committed;

    /// <summary>
    /// What a person must know before cash leaves the fund by <paramref name="cashOut"/> (fund currency) when that
    /// leaves less than is promised: the figures, or null when the fund still holds its commitments.
    /// </summary>
    public string? OverCommitmentAfter(Money cashOut) =>
        cashOut.Amount <= 0 || (Available - cashOut).Amount >= 0 ? null
        : DomainText.Get("Finance.OverCommitment", Cash - cashOut, Committed, Committed - (Cash - cashOut));
}

public static class FundBalances
{
    // 0x43414646554e44 ("CAFFUND" in ASCII).
    private static readonly TransactionLock Fund = new(18930593523125828, "caf-fund-balance", "Finance.BalanceBusy");

    /// <summary>
    /// The balance read to decide a change that moves it (a commitment, a payment, a reversal): locked until the
    /// transaction ends, so that two such changes at once are decided one after the other, each on the other's result.
    /// </summary>
    public static async Task<FundBalance> ForDecisionAsync(CafDbContext db, string fundCurrency, CancellationToken ct)
    {
        await Fund.TakeAsync(db.Database, ct);
        return await OfAsync(db, fundCurrency, null, ct);
    }

    /// <summary>The same lock, without reading the balance: for a change on the fund's account decided on what is already booked.</summary>
    public static Task LockAsync(CafDbContext db, CancellationToken ct) => Fund.TakeAsync(db.Database, ct);

    /// <summary>Cash and open commitments in fund currency, over every entry up to <paramref name="asOf"/> (all when null).</summary>
    public static async Task<FundBalance> OfAsync(CafDbContext db, string fundCurrency, DateOnly? asOf, CancellationToken ct)
    {
        // From the sums kept with the entries, in the same transaction: whole months and the days of the last (ADR 0041).
        var sums = await db.LedgerPeriodSums.AsNoTracking().Covering(null, asOf)
            .Where(s => s.FundCurrency == fundCurrency)
            .GroupBy(s => new { s.Kind, s.Reversal })
            .Select(g => new { g.Key.Kind, g.Key.Reversal, Total = g.Sum(s => s.FundAmount) })
            .ToListAsync(ct);
        decimal Effect(Func<Entities.LedgerEntryKind, decimal, decimal> of) => sums.Sum(s => (s.Reversal ? -1 : 1) * of(s.Kind, s.Total));
        return new FundBalance(new Money(Effect(Entities.LedgerEntry.CashEffectOf), fundCurrency),
            new Money(Effect(Entities.LedgerEntry.CommitmentEffectOf), fundCurrency));
    }
}
