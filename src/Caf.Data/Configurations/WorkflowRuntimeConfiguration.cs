using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> b)
    {
        b.ToTable("WorkflowDefinitions");
        b.HasKey(d => new { d.DefinitionId, d.Version });
        b.Property(d => d.DefinitionId).HasMaxLength(100);
        b.Property(d => d.ContentHash).HasMaxLength(64);
        b.Property(d => d.SourceFile).HasMaxLength(260);
    }
}

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.TimerId).HasMaxLength(100);
        b.Property(t => t.Stage).HasMaxLength(100);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Outcome).HasMaxLength(1000);
        b.Property(t => t.Attempts).IsConcurrencyToken();
        b.HasIndex(t => new { t.Status, t.DueAtUtc });
        b.HasIndex(t => t.InstanceId);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    public void Configure(EntityTypeBuilder<WorkflowTask> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.TaskId).HasMaxLength(100);
        b.Property(t => t.Stage).HasMaxLength(100);
        b.Property(t => t.Role).HasMaxLength(50);
        b.Property(t => t.Title).HasMaxLength(300);
        b.HasIndex(t => new { t.Role, t.ClosedAtUtc });
        // My tasks: the open ones, earliest due first.
        b.HasIndex(t => new { t.ClosedAtUtc, t.DueAtUtc });
        b.HasIndex(t => t.InstanceId);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
