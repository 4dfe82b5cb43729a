using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class GrantApplicationConfiguration : IEntityTypeConfiguration<GrantApplication>
{
    public void Configure(EntityTypeBuilder<GrantApplication> b)
    {
        // The workflow instance's stage is kept on the application's row by triggers (ADR 0043); SQL Server must know of
        // them to save to either table.
        b.ToTable("Applications", t => t.HasTrigger(ListedStageTriggers.OnApplications));
        b.HasKey(a => a.Id);
        var listedStage = b.Property(a => a.ListedStage).HasMaxLength(100).HasColumnName("Stage").HasDefaultValue("").Metadata;
        listedStage.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        listedStage.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        // A stage's applications in the list's order (the list filtered by stage, AtStage), and a round's by stage (the
        // dashboards' counts).
        b.HasIndex(a => new { a.ListedStage, a.SubmittedAtUtc, a.CreatedAtUtc, a.Id }, "IX_Applications_Stage_ListOrder")
            .IsDescending(false, true, true, false);
        b.HasIndex(a => new { a.RoundId, a.ListedStage });
        b.Property(a => a.LedgerVersion).IsConcurrencyToken();
        b.Property(a => a.Reference).HasMaxLength(20);
        b.HasIndex(a => a.Reference).IsUnique();
        // The applications list's default order: newest submission, then newest draft.
        b.HasIndex(a => new { a.SubmittedAtUtc, a.CreatedAtUtc });
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Summary).HasMaxLength(4000);
        b.Property(a => a.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(a => a.CreatedByUserId).HasMaxLength(450);
        b.Property(a => a.DecisionRationale).HasMaxLength(4000);
        b.Property(a => a.Conditions).HasMaxLength(4000);
        b.Property(a => a.ActingChairUserId).HasMaxLength(450);
        b.Property(a => a.ActingChairName).HasMaxLength(256);
        b.Property(a => a.ThematicAreas).HasConversion<int>();
        b.Property(a => a.Objectives).HasMaxLength(4000);
        b.Property(a => a.GenderAnalysis).HasMaxLength(4000);
        b.Property(a => a.DoNoHarm).HasMaxLength(4000);
        b.Property(a => a.FollowUpPlan).HasMaxLength(4000);
        b.Property(a => a.NationalContributionCash).HasPrecision(18, 2);
        b.Property(a => a.NationalContributionInKind).HasMaxLength(2000);
        b.HasOne(a => a.Round).WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.ApplicantState).WithMany().HasForeignKey(a => a.ApplicantStateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Workflow).WithOne().HasForeignKey<GrantApplication>(a => a.WorkflowInstanceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.WorkflowInstanceId).IsUnique();
        b.HasOne(a => a.GenderReview).WithOne().HasForeignKey<GenderReview>(r => r.ApplicationId);
        b.HasMany(a => a.Partners).WithOne().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.BudgetLines).WithOne().HasForeignKey(l => l.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Participants).WithOne().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Reports).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.LedgerEntries).WithOne(e => e.Application).HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Results).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Activities).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.ActionLinks).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Attachments).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.EligibilityChecks).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Screenings).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Clarifications).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Conflicts).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Tranches).WithOne().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Disbursements).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.InterimReportsDue).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.FinalReportDays).HasDefaultValue(Caf.Data.Reporting.ReportingTemplate.DefaultFinalReportDays);
        foreach (var collection in new[] { nameof(GrantApplication.Partners), nameof(GrantApplication.BudgetLines),
                     nameof(GrantApplication.Participants), nameof(GrantApplication.Scores), nameof(GrantApplication.Reports),
                     nameof(GrantApplication.LedgerEntries), nameof(GrantApplication.Results), nameof(GrantApplication.Activities),
                     nameof(GrantApplication.ActionLinks), nameof(GrantApplication.Attachments), nameof(GrantApplication.EligibilityChecks),
                     nameof(GrantApplication.Screenings), nameof(GrantApplication.Clarifications), nameof(GrantApplication.Conflicts),
                     nameof(GrantApplication.Tranches), nameof(GrantApplication.Disbursements), nameof(GrantApplication.InterimReportsDue) })
            b.Navigation(collection).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(a => a.Stage);
        b.Ignore(a => a.NextInterimReport);
        b.Ignore(a => a.RequestedAmount);
        b.Ignore(a => a.ApprovedAmount);
        b.Ignore(a => a.Disbursed);
        b.Ignore(a => a.Refunded);
        b.Ignore(a => a.ReportedExpenditure);
        b.Ignore(a => a.IsEditable);
        b.Ignore(a => a.EndorsementLetter);
        b.Ignore(a => a.LatestChecks);
        b.Ignore(a => a.LatestScreening);
        b.Ignore(a => a.OpenClarification);
        b.Ignore(a => a.CountingScores);
        b.Ignore(a => a.RubricVersion);
        b.Ignore(a => a.OpenDisbursements);
        b.Property(a => a.TerminationExpenditureValue).HasPrecision(18, 2);
        b.Property(a => a.TerminationExpenditureNote).HasMaxLength(GrantApplication.SettlementNoteMaxLength);
        b.Property(a => a.RefundWaivedValue).HasPrecision(18, 2);
        b.Property(a => a.RefundWaiverReason).HasMaxLength(GrantApplication.SettlementNoteMaxLength);
        b.Property(a => a.RefundWaivedByUserId).HasMaxLength(450);
        b.Property(a => a.BankDetailsProtected).HasMaxLength(4000);
        b.Property(a => a.BankDetailsMasked).HasMaxLength(400);
        b.Property(a => a.BankDetailsChangedByUserId).HasMaxLength(450);
        // The signed agreement's file is read by its id on download only: no navigation, so that loading a grant never loads it.
        b.HasOne<StoredFile>().WithMany().HasForeignKey(a => a.SignedCopyId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.SignedCopyFileName).HasMaxLength(260);
        b.Property(a => a.SignedCopyContentType).HasMaxLength(100);
        b.Property(a => a.SignedCopyRecordedByUserId).HasMaxLength(450);
        b.Ignore(a => a.MayPayTranches);
        b.Ignore(a => a.FinalReport);
        b.Ignore(a => a.AcceptedReport);
    }
}
