using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasKey(n => n.Id);
        b.Property(n => n.Role).HasMaxLength(50);
        b.Property(n => n.Message).HasMaxLength(2000);
        b.Property(n => n.MessageFr).HasMaxLength(2000);
        b.Property(n => n.MessageEs).HasMaxLength(2000);
        b.HasIndex(n => new { n.Role, n.StatePartyId, n.CreatedAtUtc });
        b.HasOne<GrantApplication>().WithMany().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
