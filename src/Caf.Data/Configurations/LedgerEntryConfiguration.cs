using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.ComplexProperty(e => e.Amount, m => m.MapMoney(""));
        b.Property(e => e.Description).HasMaxLength(400);
        b.Property(e => e.BankReference).HasMaxLength(100);
        b.Property(e => e.RecordedByUserId).HasMaxLength(450);
        // The ledger page: its order, and its filter by kind over a date range.
        b.HasIndex(e => new { e.ValueDate, e.RecordedAtUtc });
        b.HasIndex(e => new { e.Kind, e.ValueDate });
        b.Ignore(e => e.CashEffect);
        b.Ignore(e => e.CommitmentEffect);
    }
}
