using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Function).HasMaxLength(200);
        b.Property(p => p.Organisation).HasMaxLength(200);
        b.Property(p => p.Sex).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.AgeBand).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Disability).HasConversion<string>().HasMaxLength(20);
    }
}
