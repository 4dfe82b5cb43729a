using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ResultIndicatorConfiguration : IEntityTypeConfiguration<ResultIndicator>
{
    public void Configure(EntityTypeBuilder<ResultIndicator> b)
    {
        b.ToTable("ResultIndicators");
        b.HasKey(r => r.Id);
        b.Property(r => r.Result).HasMaxLength(1000);
        b.Property(r => r.Indicator).HasMaxLength(1000);
        b.Property(r => r.Target).HasMaxLength(500);
    }
}

internal sealed class PlannedActivityConfiguration : IEntityTypeConfiguration<PlannedActivity>
{
    public void Configure(EntityTypeBuilder<PlannedActivity> b)
    {
        b.ToTable("PlannedActivities");
        b.HasKey(a => a.Id);
        b.Property(a => a.Description).HasMaxLength(1000);
        b.Property(a => a.Place).HasMaxLength(200);
        b.HasOne<StateParty>().WithMany().HasForeignKey(a => a.StatePartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActionPlanActionConfiguration : IEntityTypeConfiguration<ActionPlanAction>
{
    public void Configure(EntityTypeBuilder<ActionPlanAction> b)
    {
        b.ToTable("ActionPlanActions");
        b.HasKey(a => a.Id);
        b.Property(a => a.Plan).HasMaxLength(200);
        b.Property(a => a.Text).HasMaxLength(2000);
        b.HasIndex(a => new { a.Plan, a.Number }).IsUnique();
        b.Ignore(a => a.Label);
    }
}

internal sealed class ApplicationActionLinkConfiguration : IEntityTypeConfiguration<ApplicationActionLink>
{
    public void Configure(EntityTypeBuilder<ApplicationActionLink> b)
    {
        b.ToTable("ApplicationActionPlanActions");
        b.HasKey(l => l.Id);
        b.HasIndex(l => new { l.ApplicationId, l.ActionPlanActionId }).IsUnique();
        b.HasOne<ActionPlanAction>().WithMany().HasForeignKey(l => l.ActionPlanActionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> b)
    {
        b.ToTable("ApplicationAttachments");
        b.HasKey(a => a.Id);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.FileName).HasMaxLength(260);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.UploadedByUserId).HasMaxLength(450);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.HasKey(f => f.Id);
        // Kept when an attachment is replaced in a draft: an earlier submitted version may still point at it.
    }
}
