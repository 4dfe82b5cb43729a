using System.Globalization;
using Caf.Data;

namespace Caf.Web.Features.Shared;

/// <summary>An amount as a decimal string (never a binary float) with its ISO currency.</summary>
public sealed record ApiMoney(string Amount, string Currency)
{
    public static ApiMoney From(Money money) => From(money.Amount, money.Currency);
    public static ApiMoney From(decimal amount, string currency) => new(amount.ToString("0.00", CultureInfo.InvariantCulture), currency);
}
