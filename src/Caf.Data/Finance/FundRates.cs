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
