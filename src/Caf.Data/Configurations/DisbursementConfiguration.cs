using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class GrantTrancheConfiguration : IEntityTypeConfiguration<GrantTranche>
{
    public void Configure(EntityTypeBuilder<GrantTranche> b)
    {
        b.ToTable("GrantTranches");
        b.HasKey(t => t.Id);
        b.ComplexProperty(t => t.Amount, m => m.MapMoney(""));
        b.Property(t => t.Condition).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(t => new { t.ApplicationId, t.Number }).IsUnique();
    }
}

internal sealed class DisbursementRequestConfiguration : IEntityTypeConfiguration<DisbursementRequest>
{
    public void Configure(EntityTypeBuilder<DisbursementRequest> b)
    {
        b.ToTable("DisbursementRequests");
        b.HasKey(d => d.Id);
        b.ComplexProperty(d => d.Amount, m => m.MapMoney(""));
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.RequestedByUserId).HasMaxLength(450);
        b.Property(d => d.ApprovedByUserId).HasMaxLength(450);
        b.Property(d => d.CancelledByUserId).HasMaxLength(450);
        b.Property(d => d.CancelReason).HasMaxLength(DisbursementRequest.MaxNoteLength);
        // A payment is booked by one request only.
        b.HasIndex(d => d.PaidEntryId).IsUnique();
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(d => d.PaidEntryId).OnDelete(DeleteBehavior.NoAction);
        // The finance queue: what awaits approval or payment.
        b.HasIndex(d => new { d.Status, d.RequestedAtUtc });
        b.Ignore(d => d.IsOpen);
    }
}
