using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> b)
    {
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
        b.Property(c => c.LastNumber).IsConcurrencyToken();
    }
}
