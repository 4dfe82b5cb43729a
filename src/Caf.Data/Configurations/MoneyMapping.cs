using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal static class MoneyMapping
{
    /// <summary>Maps a <see cref="Money"/> as two columns: NameAmount (decimal 18,2) and NameCurrency (char 3).</summary>
    public static void MapMoney<T>(this ComplexPropertyBuilder<T> money, string prefix) where T : notnull
    {
        money.Property<decimal>(nameof(Money.Amount)).HasColumnName(prefix + "Amount").HasPrecision(18, 2);
        money.Property<string>(nameof(Money.Currency)).HasColumnName(prefix + "Currency").HasMaxLength(3).IsFixedLength();
    }
}
