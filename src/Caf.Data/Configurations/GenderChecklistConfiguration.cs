using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class GenderChecklistConfiguration : IEntityTypeConfiguration<GenderChecklist>
{
    public void Configure(EntityTypeBuilder<GenderChecklist> b)
    {
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.Version).IsUnique();
        b.Property(c => c.CreatedBy).HasMaxLength(450);
        b.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.ChecklistId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GenderChecklistItemConfiguration : IEntityTypeConfiguration<GenderChecklistItem>
{
    public void Configure(EntityTypeBuilder<GenderChecklistItem> b)
    {
        b.HasKey(i => i.Id);
        b.HasIndex(i => new { i.ChecklistId, i.Position }).IsUnique();
        b.Property(i => i.Text).HasMaxLength(GenderChecklist.ItemMaxLength);
        b.Property(i => i.Tag).HasConversion<string>().HasMaxLength(20);
    }
}
