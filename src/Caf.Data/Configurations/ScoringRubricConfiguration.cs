using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ScoringRubricConfiguration : IEntityTypeConfiguration<ScoringRubric>
{
    public void Configure(EntityTypeBuilder<ScoringRubric> b)
    {
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Version).IsUnique();
        b.Property(r => r.CreatedBy).HasMaxLength(450);
        b.Ignore(r => r.Items);
        b.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RubricId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Criteria).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ScoringRubricCriterionConfiguration : IEntityTypeConfiguration<ScoringRubricCriterion>
{
    public void Configure(EntityTypeBuilder<ScoringRubricCriterion> b)
    {
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.RubricId, c.Position }).IsUnique();
        b.HasIndex(c => new { c.RubricId, c.Code }).IsUnique();
        b.Property(c => c.Code).HasMaxLength(ScoringRubric.CodeMaxLength);
        b.Property(c => c.Name).HasMaxLength(ScoringRubric.NameMaxLength);
        foreach (var level in new[] { "Level1", "Level2", "Level3", "Level4", "Level5" })
            b.Property(level).HasMaxLength(ScoringRubric.LevelMaxLength);
        b.Ignore(c => c.Levels);
    }
}
