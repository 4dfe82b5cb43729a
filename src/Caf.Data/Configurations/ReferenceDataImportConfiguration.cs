using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ReferenceDataImportConfiguration : IEntityTypeConfiguration<ReferenceDataImport>
{
    public void Configure(EntityTypeBuilder<ReferenceDataImport> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Kind).HasMaxLength(40);
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.ImportedByUserId).HasMaxLength(450);
        b.Property(i => i.ImportedByName).HasMaxLength(256);
        b.Property(i => i.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasIndex(i => new { i.Kind, i.ImportedAtUtc });
    }
}
