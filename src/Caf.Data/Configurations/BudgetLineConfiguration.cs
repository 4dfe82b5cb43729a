using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.Quantity).HasPrecision(18, 2);
        b.ComplexProperty(l => l.UnitCost, m => m.MapMoney("UnitCost"));
        b.Ignore(l => l.Total);
    }
}
