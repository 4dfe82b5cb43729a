using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class CommitteeScoreConfiguration : IEntityTypeConfiguration<CommitteeScore>
{
    public void Configure(EntityTypeBuilder<CommitteeScore> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.MemberUserId).HasMaxLength(450);
        b.Property(s => s.MemberName).HasMaxLength(200);
        b.Property(s => s.Comment).HasMaxLength(4000);
        b.Property(s => s.WeightedScore).HasPrecision(5, 2);
        b.Property(s => s.RubricVersion).HasDefaultValue(1);
        b.Property(s => s.Revision).HasDefaultValue(1);
        b.Ignore(s => s.Criteria);
        b.HasIndex(s => new { s.ApplicationId, s.MemberUserId }).IsUnique();
    }
}
