using System.Globalization;
using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>
/// What one unit of a currency is worth in the fund currency on a date, and who says so (ADR 0022): entered by finance
/// or imported from a CSV file. One rate per currency and date; a rate is never changed, since conversions already
/// made name it.
/// </summary>
public sealed class ExchangeRate : IAudited
{
    /// <summary>How old a rate may be for a date that has none of its own (a weekend, a bank holiday).</summary>
    public const int MaxAgeDays = 7;
    public const int SourceMaxLength = 200;
    public const decimal MaxRate = 1_000_000m;
    public const int RateDecimals = 8;

    private ExchangeRate() { }

    public ExchangeRate(string currency, string fundCurrency, DateOnly date, decimal rate, string source, string recordedByUserId, DateTime nowUtc)
    {
        if (Problems(currency, fundCurrency, date, rate, source).FirstOrDefault() is { Field: not null } problem)
            throw new DomainException(problem.Message, problem.Field);
        Id = Guid.NewGuid();
        Currency = currency;
        FundCurrency = fundCurrency;
        Date = date;
        Rate = rate;
        Source = source.Trim();
        RecordedByUserId = recordedByUserId;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    /// <summary>The currency valued, e.g. USD.</summary>
    public string Currency { get; private set; } = "";
    /// <summary>The currency it is valued in: the fund's.</summary>
    public string FundCurrency { get; private set; } = "";
    public DateOnly Date { get; private set; }
    /// <summary>One <see cref="Currency"/> is worth this many <see cref="FundCurrency"/>.</summary>
    public decimal Rate { get; private set; }
    public string Source { get; private set; } = "";
    public string RecordedByUserId { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>A rate as people write it: no trailing zeros (a database may give back 0.93510000 for 0.9351).</summary>
    public static string Format(decimal rate) => rate.ToString("0.########", CultureInfo.InvariantCulture);

    /// <summary>
    /// Why a rate for <paramref name="date"/> cannot be recorded yet, if so: a rate is known at most a month ahead (the UN
    /// operational rates of a month are published before it begins), so the latest date is the end of the month after
    /// <paramref name="today"/>'s. A rate typed for 2062 instead of 2026 would otherwise convert every entry after it.
    /// </summary>
    public static string? FutureProblem(DateOnly date, DateOnly today)
    {
        var latest = new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1);
        return date > latest
            ? DomainText.Get("Finance.RateTooFarAhead", date, latest)
            : null;
    }

    /// <summary>Every reason these values cannot be a rate, by field, in words for a finance officer.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(string? currency, string fundCurrency, DateOnly date, decimal rate, string? source)
    {
        var code = currency?.Trim() ?? "";
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            yield return (nameof(Currency), DomainText.Get("Finance.RateCurrencyCode"));
        else if (code == fundCurrency)
            yield return (nameof(Currency), DomainText.Get("Finance.RateOwnCurrency", fundCurrency));
        else if (!FundingRound.SupportedCurrencies.Contains(code))
            yield return (nameof(Currency),
                DomainText.Get("Finance.RateCurrencyNotUsed", code, string.Join(DomainText.Get("Finance.Or"), FundingRound.SupportedCurrencies.Where(c => c != fundCurrency))));
        if (Bounds.Date(DomainText.Get("Finance.TheRateDate"), date) is { } outside) yield return (nameof(Date), outside);
        if (Bounds.Number(DomainText.Get("Finance.TheRate"), rate, zeroAllowed: false, MaxRate, RateDecimals) is { } wrong) yield return (nameof(Rate), wrong);
        if (string.IsNullOrWhiteSpace(source))
            yield return (nameof(Source), DomainText.Get("Finance.RateSayWhere"));
        else if (source.Trim().Length > SourceMaxLength) yield return (nameof(Source), DomainText.Get("Finance.RateSourceTooLong", SourceMaxLength));
    }
}

/// <summary>An amount and its value in the fund currency, with the rate, its date and source that made it (ADR 0022).</summary>
public sealed record Conversion(Money Amount, Money FundAmount, decimal Rate, DateOnly RateDate, string Source)
{
    public const string FundCurrencySource = "fund currency";

    /// <summary>An amount already in the fund currency: rate 1 on its own date.</summary>
    public static Conversion Same(Money amount, DateOnly date) => new(amount, amount, 1m, date, FundCurrencySource);

    /// <summary>Converts at a given rate, rounding the fund amount by the money rule.</summary>
    public static Conversion At(Money amount, string fundCurrency, decimal rate, DateOnly rateDate, string source) =>
        amount.Currency == fundCurrency
            ? Same(amount, rateDate)
            : new(amount, new Money(amount.Amount * rate, fundCurrency).Round(), rate, rateDate, source);

    /// <summary>
    /// Converts at the rate of <paramref name="valueDate"/>: the latest of <paramref name="rates"/> for the currency on or
    /// before it, at most <see cref="ExchangeRate.MaxAgeDays"/> days old. Null, with the reason, when there is none.
    /// </summary>
    public static (Conversion? Conversion, string? Problem) OnDate(Money amount, string fundCurrency, DateOnly valueDate,
        IEnumerable<ExchangeRate> rates)
    {
        if (amount.Currency == fundCurrency) return (Same(amount, valueDate), null);
        var rate = RateOn(amount.Currency, valueDate, rates);
        return rate is null
            ? (null, DomainText.Get("Finance.NoRate", amount.Currency, fundCurrency, valueDate, ExchangeRate.MaxAgeDays))
            : (At(amount, fundCurrency, rate.Rate, rate.Date, rate.Source), null);
    }

    /// <summary>The rate that applies to a date: the latest on or before it, at most <see cref="ExchangeRate.MaxAgeDays"/> days old.</summary>
    public static ExchangeRate? RateOn(string currency, DateOnly date, IEnumerable<ExchangeRate> rates) =>
        rates.Where(r => r.Currency == currency && r.Date <= date && r.Date >= date.AddDays(-ExchangeRate.MaxAgeDays))
            .MaxBy(r => r.Date);
}
