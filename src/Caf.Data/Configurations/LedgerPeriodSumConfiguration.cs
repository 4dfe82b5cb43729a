using Caf.Data.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class LedgerPeriodSumConfiguration : IEntityTypeConfiguration<LedgerPeriodSum>
{
    public void Configure(EntityTypeBuilder<LedgerPeriodSum> b)
    {
        // The key leads with the period and the date: a range of dates is one range of the key.
        b.HasKey(s => new { s.Period, s.Start, s.Currency, s.FundCurrency, s.Kind, s.Reversal });
        b.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(s => s.FundCurrency).HasMaxLength(3).IsFixedLength();
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        // Sums of amounts of at most 18 digits each.
        b.Property(s => s.Amount).HasPrecision(24, 2);
        b.Property(s => s.FundAmount).HasPrecision(24, 2);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
