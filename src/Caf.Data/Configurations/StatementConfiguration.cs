using Caf.Data.Entities;
using Caf.Data.Finance.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caf.Data.Configurations;

internal sealed class ImportedStatementConfiguration : IEntityTypeConfiguration<ImportedStatement>
{
    public void Configure(EntityTypeBuilder<ImportedStatement> b)
    {
        b.ToTable("BankStatements");
        b.HasKey(s => s.Id);
        b.Property(s => s.BankStatementId).HasMaxLength(ImportedStatement.MaxIdLength);
        b.Property(s => s.Iban).HasMaxLength(34);
        b.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(s => s.Format).HasMaxLength(20);
        b.Property(s => s.FileName).HasMaxLength(ImportedStatement.MaxFileNameLength);
        b.Property(s => s.ImportedByUserId).HasMaxLength(450);
        // A statement is imported once per account: the same id on the same account comes back as the same statement; on
        // another account it is another statement. A statement of no account (a CSV file without one) is matched by the use
        // case under its lock, as null is no value to a unique index.
        b.HasIndex(s => new { s.Iban, s.BankStatementId }).IsUnique();
    }
}

internal sealed class StatementEntryConfiguration : IEntityTypeConfiguration<StatementEntry>
{
    public void Configure(EntityTypeBuilder<StatementEntry> b)
    {
        b.ToTable("StatementEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Key).HasMaxLength(StatementEntry.MaxKeyLength);
        b.Property(e => e.Reference).HasMaxLength(StatementLine.MaxReferenceLength);
        b.ComplexProperty(e => e.Amount, m => m.MapMoney(""));
        b.Property(e => e.Remittance).HasMaxLength(StatementLine.MaxTextLength);
        b.Property(e => e.EndToEndId).HasMaxLength(StatementLine.MaxIdLength);
        b.Property(e => e.Counterparty).HasMaxLength(StatementLine.MaxIdLength);
        b.HasOne<ImportedStatement>().WithMany().HasForeignKey(e => e.StatementId).OnDelete(DeleteBehavior.Restrict);
        // Re-importing adds nothing twice, whatever raced it.
        b.HasIndex(e => new { e.StatementId, e.Key }).IsUnique();
        b.HasIndex(e => e.ValueDate);
    }
}

internal sealed class StatementMatchConfiguration : IEntityTypeConfiguration<StatementMatch>
{
    public void Configure(EntityTypeBuilder<StatementMatch> b)
    {
        b.ToTable("StatementMatches");
        b.HasKey(m => m.Id);
        b.Property(m => m.Reason).HasMaxLength(StatementMatch.MaxReasonLength);
        b.Property(m => m.ConfirmedByUserId).HasMaxLength(450);
        b.HasOne<StatementEntry>().WithMany().HasForeignKey(m => m.StatementEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(m => m.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        // A ledger entry is settled by one statement entry.
        b.HasIndex(m => m.LedgerEntryId).IsUnique();
        b.HasIndex(m => m.StatementEntryId);
    }
}
