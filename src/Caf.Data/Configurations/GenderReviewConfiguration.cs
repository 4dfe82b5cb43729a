using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class GenderReviewConfiguration : IEntityTypeConfiguration<GenderReview>
{
    public void Configure(EntityTypeBuilder<GenderReview> b)
    {
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.ApplicationId).IsUnique();
        b.Property(r => r.Rationale).HasMaxLength(4000);
        b.Property(r => r.ReviewerUserId).HasMaxLength(450);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(r => r.Flags);
    }
}

internal sealed class GenderChecklistAnswerConfiguration : IEntityTypeConfiguration<GenderChecklistAnswer>
{
    public void Configure(EntityTypeBuilder<GenderChecklistAnswer> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Answer).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Evidence).HasMaxLength(2000);
        b.Property(a => a.ItemText).HasMaxLength(GenderChecklist.ItemMaxLength);
        b.Property(a => a.Tag).HasConversion<string>().HasMaxLength(20);
    }
}
