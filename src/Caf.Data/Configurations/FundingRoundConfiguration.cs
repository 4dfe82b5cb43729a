using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class FundingRoundConfiguration : IEntityTypeConfiguration<FundingRound>
{
    public void Configure(EntityTypeBuilder<FundingRound> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Title).HasMaxLength(FundingRound.TitleMaxLength);
        b.Property(r => r.Description).HasMaxLength(FundingRound.DescriptionMaxLength);
        b.ComplexProperty(r => r.Envelope, m => m.MapMoney("Envelope"));
        b.ComplexProperty(r => r.Ceiling, m => m.MapMoney("Ceiling"));
        b.Property(r => r.AllowedCurrencyCodes).HasColumnName("AllowedCurrencies").HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(r => r.Currency);
        b.Ignore(r => r.AllowedCurrencies);
        b.Ignore(r => r.Terms);
        b.Ignore(r => r.Reporting);
        // Rounds made before the template existed keep the 60 days DESIGN.md §5 set and ask for no interim reports.
        b.Property(r => r.FinalReportDays).HasDefaultValue(Caf.Data.Reporting.ReportingTemplate.DefaultFinalReportDays);
    }
}
