using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class CafUserConfiguration : IEntityTypeConfiguration<CafUser>
{
    public void Configure(EntityTypeBuilder<CafUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.HasOne(u => u.StateParty).WithMany().HasForeignKey(u => u.StatePartyId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.Language).HasMaxLength(2).HasDefaultValue("en");
    }
}
