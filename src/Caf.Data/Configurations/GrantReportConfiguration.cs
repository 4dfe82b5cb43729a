using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class GrantReportConfiguration : IEntityTypeConfiguration<GrantReport>
{
    public void Configure(EntityTypeBuilder<GrantReport> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.FileName).HasMaxLength(260);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.Property(r => r.SubmittedByUserId).HasMaxLength(450);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(r => r.Narrative);
        b.Ignore(r => r.IsFinal);
        b.Ignore(r => r.NarrativeIsTheFile);
        // The file shares the report's id; a new report brings its file, but loading a report never loads the bytes.
        b.HasOne(r => r.File).WithOne().HasForeignKey<GrantReport>(r => r.Id).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(r => r.ReceiptsId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.ReceiptsFileName).HasMaxLength(260);
        b.Property(r => r.ReceiptsContentType).HasMaxLength(100);
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class InterimReportDueConfiguration : IEntityTypeConfiguration<InterimReportDue>
{
    public void Configure(EntityTypeBuilder<InterimReportDue> b)
    {
        b.ToTable("InterimReportsDue");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.ApplicationId, d.Number }).IsUnique();
    }
}

internal sealed class ReportDraftConfiguration : IEntityTypeConfiguration<ReportDraft>
{
    public void Configure(EntityTypeBuilder<ReportDraft> b)
    {
        b.HasKey(d => d.Id);
        b.HasOne<GrantApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.ApplicationId, d.ReportNumber }).IsUnique();
        b.Property(d => d.SavedByUserId).HasMaxLength(450);
        b.Ignore(d => d.Narrative);
    }
}

internal sealed class ReportExpenditureLineConfiguration : IEntityTypeConfiguration<ReportExpenditureLine>
{
    public void Configure(EntityTypeBuilder<ReportExpenditureLine> b)
    {
        b.ToTable("ReportExpenditureLines");
        b.HasKey(l => l.Id);
        b.Property(l => l.Description).HasMaxLength(500);
        b.Property(l => l.Budgeted).HasPrecision(18, 2);
        b.Property(l => l.Actual).HasPrecision(18, 2);
    }
}
