using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> b)
    {
        b.ToTable("WorkflowInstances", t => t.HasTrigger(ListedStageTriggers.OnWorkflowInstances));
        b.HasKey(i => i.Id);
        b.Property(i => i.DefinitionId).HasMaxLength(100);
        b.Property(i => i.Stage).HasMaxLength(100);
        b.HasIndex(i => new { i.DefinitionId, i.Stage });
        b.Property(i => i.Revision).IsConcurrencyToken();
        b.HasMany(i => i.History).WithOne().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WorkflowTransitionRecordConfiguration : IEntityTypeConfiguration<WorkflowTransitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowTransitionRecord> b)
    {
        b.ToTable("WorkflowTransitions");
        b.HasKey(t => t.Id);
        b.Property(t => t.Trigger).HasMaxLength(100);
        b.Property(t => t.FromStage).HasMaxLength(100);
        b.Property(t => t.ToStage).HasMaxLength(100);
        b.Property(t => t.UserId).HasMaxLength(450);
        b.Property(t => t.UserName).HasMaxLength(256);
        b.Property(t => t.Comment).HasMaxLength(4000);
        b.HasIndex(t => new { t.InstanceId, t.Sequence }).IsUnique();
    }
}
