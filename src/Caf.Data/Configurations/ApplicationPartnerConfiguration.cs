using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ApplicationPartnerConfiguration : IEntityTypeConfiguration<ApplicationPartner>
{
    public void Configure(EntityTypeBuilder<ApplicationPartner> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne(p => p.StateParty).WithMany().HasForeignKey(p => p.StatePartyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.ApplicationId, p.StatePartyId }).IsUnique();
    }
}
