using Caf.Data.Entities;
using Caf.Data.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class StatePartyRecordConfiguration : IEntityTypeConfiguration<StatePartyRecord>
{
    public void Configure(EntityTypeBuilder<StatePartyRecord> b)
    {
        b.HasKey(r => r.Id);
        b.HasOne(r => r.Import).WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.IsoCode).HasMaxLength(3).IsFixedLength();
        b.HasIndex(r => new { r.ImportId, r.IsoCode }).IsUnique();
        b.HasIndex(r => r.IsoCode);
        b.Property(r => r.NameEn).HasMaxLength(StatesPartiesCsv.MaxNameLength);
        b.Property(r => r.NameFr).HasMaxLength(StatesPartiesCsv.MaxNameLength);
        b.Property(r => r.NameEs).HasMaxLength(StatesPartiesCsv.MaxNameLength);
        b.Property(r => r.Article5Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Article7Years).HasMaxLength(400);
        b.Ignore(r => r.IsStateParty);
        b.Ignore(r => r.Article7ReportYears);
    }
}
