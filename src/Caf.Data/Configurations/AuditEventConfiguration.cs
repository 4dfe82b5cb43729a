using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        // The interceptor numbers records itself so the hash chain has a fixed order; a clash fails the unit of work.
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.Property(e => e.CorrelationId).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        // An application's page shows its latest records newest first: without this, a million-record trail is read whole for
        // each page (2 requests/s under load, issue 16).
        b.HasIndex(e => new { e.EntityId, e.Sequence });
        // The Audit page's filters, each read newest first by sequence a page at a time (keyset).
        b.HasIndex(e => new { e.Action, e.Sequence });
        b.HasIndex(e => new { e.UserName, e.Sequence });
        // Days to sequence numbers (time never goes backwards along the chain): the first and last record of a stretch of days.
        b.HasIndex(e => new { e.OccurredAtUtc, e.Sequence });
        b.Ignore(e => e.DescribesTrackedChange);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> b)
    {
        b.ToTable("AuditCheckpoints");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasIndex(c => c.Sequence);
        b.Property(c => c.HeadHash).HasMaxLength(64);
        b.Property(c => c.KeyId).HasMaxLength(16);
        b.Property(c => c.Signature).HasMaxLength(200);
        b.Property(c => c.SignedBy).HasMaxLength(AuditCheckpoint.MaxSignedByLength);
    }
}
