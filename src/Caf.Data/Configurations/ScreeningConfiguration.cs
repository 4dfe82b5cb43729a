using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class EligibilityCheckConfiguration : IEntityTypeConfiguration<EligibilityCheck>
{
    public void Configure(EntityTypeBuilder<EligibilityCheck> b)
    {
        b.ToTable("EligibilityChecks");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.HasIndex(c => new { c.ApplicationId, c.RunAtUtc });
    }
}

internal sealed class ScreeningDecisionConfiguration : IEntityTypeConfiguration<ScreeningDecision>
{
    public void Configure(EntityTypeBuilder<ScreeningDecision> b)
    {
        b.ToTable("ScreeningDecisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Rationale).HasMaxLength(4000);
        b.Property(d => d.DecidedByUserId).HasMaxLength(450);
        b.OwnsMany(d => d.Answers, a =>
        {
            a.ToTable("ScreeningAnswers");
            a.WithOwner().HasForeignKey("DecisionId");
            a.Property<int>("Id");
            a.HasKey("Id");
            a.Property(x => x.Item).HasMaxLength(500);
            a.Property(x => x.Note).HasMaxLength(1000);
        });
        b.Navigation(d => d.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ClarificationConfiguration : IEntityTypeConfiguration<Clarification>
{
    public void Configure(EntityTypeBuilder<Clarification> b)
    {
        b.ToTable("Clarifications");
        b.HasKey(c => c.Id);
        b.Property(c => c.Questions).HasMaxLength(4000);
        b.Property(c => c.Answer).HasMaxLength(4000);
        b.Property(c => c.AskedByUserId).HasMaxLength(450);
        b.Property(c => c.AnsweredByUserId).HasMaxLength(450);
        b.Ignore(c => c.IsOpen);
        b.Ignore(c => c.Sections);
    }
}

internal sealed class ApplicationVersionConfiguration : IEntityTypeConfiguration<ApplicationVersion>
{
    public void Configure(EntityTypeBuilder<ApplicationVersion> b)
    {
        b.ToTable("ApplicationVersions");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.ApplicationId, v.Number }).IsUnique();
        b.Property(v => v.CreatedByUserId).HasMaxLength(450);
        b.HasOne<GrantApplication>().WithMany().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationCommentConfiguration : IEntityTypeConfiguration<ApplicationComment>
{
    public void Configure(EntityTypeBuilder<ApplicationComment> b)
    {
        b.ToTable("ApplicationComments");
        b.HasKey(c => c.Id);
        b.Property(c => c.AuthorUserId).HasMaxLength(450);
        b.Property(c => c.AuthorName).HasMaxLength(200);
        b.Property(c => c.AuthorState).HasMaxLength(250);
        b.Property(c => c.Text).HasMaxLength(ApplicationComment.MaxLength);
        b.HasIndex(c => new { c.ApplicationId, c.CreatedAtUtc });
        b.HasOne<GrantApplication>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConflictDeclarationConfiguration : IEntityTypeConfiguration<ConflictDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictDeclaration> b)
    {
        b.ToTable("ConflictDeclarations");
        b.HasKey(c => c.Id);
        b.Property(c => c.MemberUserId).HasMaxLength(450);
        b.Property(c => c.MemberName).HasMaxLength(200);
        b.Property(c => c.Reason).HasMaxLength(ConflictDeclaration.MaxReasonLength);
        b.HasIndex(c => new { c.ApplicationId, c.MemberUserId }).IsUnique();
    }
}

internal sealed class CommitteeMeetingConfiguration : IEntityTypeConfiguration<CommitteeMeeting>
{
    public void Configure(EntityTypeBuilder<CommitteeMeeting> b)
    {
        b.ToTable("CommitteeMeetings");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.RoundId, m.HeldOn }).IsUnique();
        b.Property(m => m.Present).HasMaxLength(2000);
        b.Property(m => m.CreatedByUserId).HasMaxLength(450);
        b.HasOne<FundingRound>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Decisions).WithOne().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(m => m.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MeetingDecisionConfiguration : IEntityTypeConfiguration<MeetingDecision>
{
    public void Configure(EntityTypeBuilder<MeetingDecision> b)
    {
        b.ToTable("MeetingDecisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Reference).HasMaxLength(20);
        b.Property(d => d.Title).HasMaxLength(200);
        b.Property(d => d.Decision).HasMaxLength(20);
        b.Property(d => d.Amount).HasPrecision(18, 2);
        b.Property(d => d.Currency).HasMaxLength(3);
        b.Property(d => d.Conditions).HasMaxLength(4000);
        b.Property(d => d.Rationale).HasMaxLength(4000);
        b.Property(d => d.ActingChair).HasMaxLength(256);
        b.HasOne<GrantApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
