using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class StatePartyConfiguration : IEntityTypeConfiguration<StateParty>
{
    public void Configure(EntityTypeBuilder<StateParty> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.IsoCode).HasMaxLength(3).IsFixedLength();
        b.HasIndex(s => s.IsoCode).IsUnique();
        b.Property(s => s.Name).HasMaxLength(ReferenceData.StatesPartiesCsv.MaxNameLength);
        b.Property(s => s.NameFr).HasMaxLength(ReferenceData.StatesPartiesCsv.MaxNameLength);
        b.Property(s => s.NameEs).HasMaxLength(ReferenceData.StatesPartiesCsv.MaxNameLength);
    }
}
