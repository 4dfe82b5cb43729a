using System.Globalization;

namespace Caf.Data;

/// <summary>An amount of money in one ISO 4217 currency. Arithmetic refuses to mix currencies.</summary>
public readonly record struct Money
{
    public Money(decimal amount, string currency)
    {
        if (string.IsNullOrWhiteSpace(currency) || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            throw new DomainException($"'{currency}' is not a three-letter ISO currency code such as CHF, USD or EUR.");
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

    public Money RoundToCents() => new(Math.Round(Amount, 2, MidpointRounding.ToEven), Currency);

    public override string ToString() => $"{Currency} {Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}";

    // The currency is checked first, whatever the amounts: CHF 2 and USD 1 cannot be compared at all.
    private static int Compare(Money left, Money right)
    {
        SameCurrency(left, right);
        return left.Amount.CompareTo(right.Amount);
    }

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new DomainException($"Cannot combine {left.Currency} and {right.Currency} amounts without an exchange rate.");
}
