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
        b.ComplexProperty(e => e.FundAmount, m => m.MapMoney("Fund"));
        b.Property(e => e.Rate).HasPrecision(18, Caf.Data.Finance.ExchangeRate.RateDecimals);
        b.Property(e => e.RateSource).HasMaxLength(Caf.Data.Finance.ExchangeRate.SourceMaxLength);
        b.Property(e => e.Donor).HasMaxLength(LedgerEntry.DonorMaxLength);
        b.Property(e => e.Earmarking).HasMaxLength(LedgerEntry.EarmarkingMaxLength);
        // An entry is reversed once: a second reversal of the same entry cannot be saved, whatever raced it.
        b.HasIndex(e => e.ReversesEntryId).IsUnique();
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.ReversesEntryId).OnDelete(DeleteBehavior.NoAction);
        b.Property(e => e.Description).HasMaxLength(400);
        b.Property(e => e.BankReference).HasMaxLength(100);
        b.Property(e => e.RecordedByUserId).HasMaxLength(450);
        // The ledger page: its order, and its filter by kind over a date range.
        b.HasIndex(e => new { e.ValueDate, e.RecordedAtUtc });
        b.HasIndex(e => new { e.Kind, e.ValueDate });
        b.Ignore(e => e.CashEffect);
        b.Ignore(e => e.CommitmentEffect);
        b.Ignore(e => e.FundCashEffect);
        b.Ignore(e => e.FundCommitmentEffect);
        b.Ignore(e => e.Sign);
    }
}
