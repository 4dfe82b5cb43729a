using System.Globalization;

namespace Caf.Data.Finance.Statements;

/// <summary>The amount rules both statement readers share: how an amount is written, and what a line's amount may be.</summary>
internal static class StatementAmount
{
    /// <summary>The number written, with a decimal point and no thousands separator (a sign is read, to be refused by name); null when it is not one.</summary>
    public static decimal? Number(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>
    /// What is wrong with a line's amount, if anything: more than zero, at most <see cref="Bounds.MaxAmount"/> (as a ledger
    /// entry), and to the currency's minor unit (cents for CHF, USD, EUR).
    /// </summary>
    public static string? Problem(Money amount)
    {
        if (amount.Amount <= 0) return DomainText.Get("Statement.AmountNotPositive", Plain(amount.Amount));
        if (amount.Amount > Bounds.MaxAmount)
            return DomainText.Get("Statement.AmountTooLarge", amount, Bounds.MaxAmount.ToString("#,##0", CultureInfo.InvariantCulture));
        if (amount.IsInMinorUnits) return null;
        var digits = Money.MinorUnitDigits(amount.Currency);
        return digits == 0
            ? DomainText.Get("Statement.AmountNotWhole", Plain(amount.Amount), amount.Currency)
            : DomainText.Get(digits == 2 ? "Statement.AmountCents" : "Statement.AmountMinorUnit", Plain(amount.Amount), digits, amount.Currency);
    }

    /// <summary>
    /// What is wrong with a statement's currency, if anything: the fund's accounts are in the currencies its ledger keeps
    /// (<see cref="Entities.FundingRound.SupportedCurrencies"/>); a statement in any other (or a made-up code) settles nothing.
    /// </summary>
    public static string? CurrencyProblem(string currency) =>
        Entities.FundingRound.SupportedCurrencies.Contains(currency) ? null
            : DomainText.Get("Statement.NotFundCurrency", currency, string.Join(", ", Entities.FundingRound.SupportedCurrencies));

    /// <summary>The amount as the file could have written it: "1500.00" for what was written "1,500", when the intent is clear.</summary>
    public static string? Suggestion(string text, string? currency)
    {
        var bare = new string([.. text.Trim().Where(c => c is not ('\'' or '’' or ' ' or '\u00A0'))]);
        var comma = bare.LastIndexOf(',');
        // One comma and no point, one or two digits after it: a decimal comma (12,50); any other comma separates thousands.
        bare = comma >= 0 && !bare.Contains('.') && bare.Count(c => c == ',') == 1 && bare.Length - comma - 1 is 1 or 2
            ? bare.Replace(',', '.')
            : bare.Replace(",", "", StringComparison.Ordinal);
        if (Number(bare) is not { } number || number <= 0) return null;
        var digits = currency is { Length: 3 } ? Money.MinorUnitDigits(currency) : 2;
        return number.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static string Plain(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
