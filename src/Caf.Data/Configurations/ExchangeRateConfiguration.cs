using Caf.Data.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> b)
    {
        b.ToTable("ExchangeRates");
        b.HasKey(r => r.Id);
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(r => r.FundCurrency).HasMaxLength(3).IsFixedLength();
        b.Property(r => r.Rate).HasPrecision(18, ExchangeRate.RateDecimals);
        b.Property(r => r.Source).HasMaxLength(ExchangeRate.SourceMaxLength);
        b.Property(r => r.RecordedByUserId).HasMaxLength(450);
        // One rate per currency and date; the lookup of a value date's rate reads this index backwards.
        b.HasIndex(r => new { r.Currency, r.FundCurrency, r.Date }).IsUnique();
    }
}
