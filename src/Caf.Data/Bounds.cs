using System.Globalization;

namespace Caf.Data;

/// <summary>
/// The sensible range of every number and date a person types, in one place (ADR 0016). Entities refuse a value outside
/// it, so nothing stored can overflow a total or break a page; forms and the API ask the same questions first, so the
/// person reads every problem at once, named by the field's label, before anything is written.
/// </summary>
public static class Bounds
{
    /// <summary>Any single amount: a budget total, an envelope, a contribution, a payment, a report's expenditure.
    /// Far above anything the fund will see, far below what decimal arithmetic can hold.</summary>
    public const decimal MaxAmount = 100_000_000m;

    public const decimal MaxUnitCost = 10_000_000m;

    public const decimal MaxQuantity = 100_000m;

    /// <summary>The fund's currencies (CHF, USD, EUR) all count in hundredths.</summary>
    public const int MoneyDecimals = 2;

    /// <summary>Rows of one kind in one proposal: budget lines, partners, participants, results, activities, themes.</summary>
    public const int MaxRows = 200;

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>
    /// An amount of money: two decimals at most, not negative (or, unless <paramref name="zeroAllowed"/>, more than
    /// zero), at most <paramref name="max"/>. <paramref name="label"/> starts the sentence: "The unit cost of 'Flights'".
    /// </summary>
    public static string? Amount(string label, decimal value, bool zeroAllowed = false, decimal max = MaxAmount) =>
        Number(label, value, zeroAllowed, max, MoneyDecimals);

    public static string? Quantity(string label, decimal value) => Number(label, value, zeroAllowed: false, MaxQuantity, 2);

    public static string? Number(string label, decimal value, bool zeroAllowed, decimal max, int decimals)
    {
        if (zeroAllowed && (value < 0 || value > max)) return DomainText.Get("Limit.BetweenZeroAnd", label, max);
        if (!zeroAllowed && value <= 0) return DomainText.Get("Limit.MoreThanZero", label);
        if (value > max) return DomainText.Get("Limit.AtMost", label, max);
        if (decimal.Round(value, decimals) != value)
            return decimals == 2 ? DomainText.Get("Limit.TwoDecimals", label) : DomainText.Get("Limit.Decimals", label, decimals);
        return null;
    }

    public static string? Date(string label, DateOnly value) =>
        value < EarliestDate || value > LatestDate
            ? DomainText.Get("Limit.DateBetween", label, EarliestDate.Year.ToString(CultureInfo.InvariantCulture), LatestDate.Year.ToString(CultureInfo.InvariantCulture))
            : null;

    public static string? Date(string label, DateTime value) => Date(label, DateOnly.FromDateTime(value));

    /// <summary>Too many rows of a kind; <paramref name="noun"/> is the key of their name ("Noun.Partners").</summary>
    public static string? Rows(string noun, int count) =>
        count > MaxRows ? DomainText.Get("Limit.Rows", MaxRows, DomainText.Get(noun)) : null;

    public const int MaxFileNameLength = 200;

    /// <summary>
    /// An uploaded file's name without its folders (Windows' and others' alike, whatever the server runs on), refused when
    /// longer than its column holds.
    /// </summary>
    public static string FileName(string fileName, string field)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return name.Length > MaxFileNameLength
            ? throw new DomainException(DomainText.Get("Limit.FileNameTooLong", name[..40], MaxFileNameLength), field)
            : name;
    }

    /// <summary>The type the sender's browser claimed; an absurd one is replaced, since the content was checked on its own.</summary>
    public static string ContentType(string contentType) =>
        string.IsNullOrWhiteSpace(contentType) || contentType.Length > 100 ? "application/octet-stream" : contentType;

    /// <summary>
    /// A product that cannot throw: values read back from storage were checked on the way in, but a page must still show
    /// something (the largest amount) rather than fail if one was not.
    /// </summary>
    public static decimal Product(decimal left, decimal right)
    {
        try
        {
            return left * right;
        }
        catch (OverflowException)
        {
            return (left < 0) == (right < 0) ? decimal.MaxValue : decimal.MinValue;
        }
    }

    /// <summary>A sum that cannot throw, for the same reason as <see cref="Product"/>.</summary>
    public static decimal Sum(IEnumerable<decimal> values)
    {
        var total = 0m;
        foreach (var value in values)
        {
            try
            {
                total += value;
            }
            catch (OverflowException)
            {
                total = value > 0 ? decimal.MaxValue : decimal.MinValue;
            }
        }
        return total;
    }
}
