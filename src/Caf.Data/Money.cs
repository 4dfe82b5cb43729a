using System.Globalization;

namespace Caf.Data;

/// <summary>An amount of money in one ISO 4217 currency. Arithmetic refuses to mix currencies.</summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        if (string.IsNullOrWhiteSpace(currency) || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            throw new DomainException(DomainText.Get("Finance.NotCurrencyCode", currency));
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }
    public string Currency { get; }

    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));
    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));
    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);
    public static bool operator <(Money left, Money right) => Compare(left, right) < 0;
    public static bool operator >(Money left, Money right) => Compare(left, right) > 0;
    public static bool operator <=(Money left, Money right) => Compare(left, right) <= 0;
    public static bool operator >=(Money left, Money right) => Compare(left, right) >= 0;

    public static Money Sum(IEnumerable<Money> amounts, string currency) =>
        amounts.Aggregate(Zero(currency), (total, next) => total + next);

    /// <summary>
    /// THE rounding rule for money (ADR 0017): to the currency's minor unit, a half away from zero (0.485 → 0.49,
    /// −0.485 → −0.49), as finance staff and banks round by hand. Every amount computed from others goes through here.
    /// </summary>
    public Money Round() => new(Round(Amount, MinorUnitDigits(Currency)), Currency);

    /// <summary>The money rule for an amount not yet paired with a currency (a form's line total): cents unless told.</summary>
    public static decimal Round(decimal amount, int minorUnitDigits = 2) =>
        decimal.Round(amount, minorUnitDigits, MidpointRounding.AwayFromZero);

    /// <summary>Whether the amount is already a whole number of the currency's minor unit (no fraction of a cent).</summary>
    public bool IsInMinorUnits => Round().Amount == Amount;

    /// <summary>Decimals of the currency's minor unit (ISO 4217): 2 for CHF, USD and EUR; 0 or 3 for the few that differ.</summary>
    public static int MinorUnitDigits(string currency) => currency switch
    {
        "JPY" or "KRW" or "XOF" or "XAF" or "CLP" or "ISK" or "UGX" or "RWF" or "VND" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" or "LYD" or "IQD" => 3,
        _ => 2,
    };

    public override string ToString() => $"{Currency} {Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The amount as <paramref name="culture"/> writes it, to the currency's minor unit ("CHF 1 234,50" in French): for a
    /// person to read. <see cref="ToString"/> stays the one invariant form kept in data.
    /// </summary>
    public string Written(CultureInfo culture) => $"{Currency} {Amount.ToString($"N{MinorUnitDigits(Currency)}", culture)}";

    /// <summary>Reads back what <see cref="ToString"/> wrote ("CHF 1,234.50").</summary>
    public static bool TryParse(string? text, out Money money)
    {
        money = default;
        var parts = text?.Trim().Split(' ', 2);
        if (parts is not [var currency, var amount] || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)
            || !decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            return false;
        money = new Money(value, currency);
        return true;
    }

    // The currency is checked first, whatever the amounts: CHF 2 and USD 1 cannot be compared at all.
    private static int Compare(Money left, Money right)
    {
        SameCurrency(left, right);
        return left.Amount.CompareTo(right.Amount);
    }

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new DomainException(DomainText.Get("Finance.MixedCurrencies", left.Currency, right.Currency));
}
