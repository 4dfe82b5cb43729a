using Caf.Data.Auditing;
using Caf.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Caf.Data;

/// <summary>
/// The one database of CafGrants. Each provider has its own subclass so that it keeps its own migrations:
///   dotnet ef migrations add NAME --project src/Caf.Data --context SqliteCafDbContext --output-dir Migrations/Sqlite
///   dotnet ef migrations add NAME --project src/Caf.Data --context PostgresCafDbContext --output-dir Migrations/Postgres
///   dotnet ef migrations add NAME --project src/Caf.Data --context SqlServerCafDbContext --output-dir Migrations/SqlServer
/// (or eng/add-migration.sh NAME for all three).
/// </summary>
public abstract class CafDbContext(DbContextOptions options) : IdentityDbContext<CafUser>(options), IDataProtectionKeyContext
{
    public DbSet<StateParty> StateParties => Set<StateParty>();
    public DbSet<ReferenceDataImport> ReferenceDataImports => Set<ReferenceDataImport>();
    public DbSet<StatePartyRecord> StatePartyRecords => Set<StatePartyRecord>();
    public DbSet<FundingRound> Rounds => Set<FundingRound>();
    public DbSet<GrantApplication> Applications => Set<GrantApplication>();
    public DbSet<GenderReview> GenderReviews => Set<GenderReview>();
    public DbSet<GenderChecklist> GenderChecklists => Set<GenderChecklist>();
    public DbSet<ScoringRubric> ScoringRubrics => Set<ScoringRubric>();
    public DbSet<CommitteeScore> CommitteeScores => Set<CommitteeScore>();
    public DbSet<GrantReport> Reports => Set<GrantReport>();
    public DbSet<ReportDraft> ReportDrafts => Set<ReportDraft>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Finance.LedgerPeriodSum> LedgerPeriodSums => Set<Finance.LedgerPeriodSum>();
    public DbSet<DisbursementRequest> DisbursementRequests => Set<DisbursementRequest>();
    public DbSet<Finance.Statements.ImportedStatement> BankStatements => Set<Finance.Statements.ImportedStatement>();
    public DbSet<Finance.Statements.StatementEntry> StatementEntries => Set<Finance.Statements.StatementEntry>();
    public DbSet<Finance.Statements.StatementMatch> StatementMatches => Set<Finance.Statements.StatementMatch>();
    public DbSet<ActionPlanAction> ActionPlanActions => Set<ActionPlanAction>();
    public DbSet<ApplicationAttachment> Attachments => Set<ApplicationAttachment>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<ApplicationVersion> ApplicationVersions => Set<ApplicationVersion>();
    public DbSet<ApplicationComment> ApplicationComments => Set<ApplicationComment>();
    public DbSet<ConflictDeclaration> ConflictDeclarations => Set<ConflictDeclaration>();
    public DbSet<CommitteeMeeting> CommitteeMeetings => Set<CommitteeMeeting>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<WorkflowTransitionRecord> WorkflowTransitions => Set<WorkflowTransitionRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Finance.ExchangeRate> ExchangeRates => Set<Finance.ExchangeRate>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();
    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();
    public DbSet<WorkflowTask> WorkflowTasks => Set<WorkflowTask>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CafDbContext).Assembly);
        // OpenIddict's applications, authorizations, scopes and tokens: the OAuth server of Features/Api.
        builder.UseOpenIddict();

        // Entities make their own Guid ids. Saying so lets EF treat a child added to a loaded aggregate's collection
        // as new (an INSERT) rather than as an existing row to update.
        foreach (var entity in builder.Model.GetEntityTypes())
            if (entity.FindPrimaryKey() is { Properties: [{ ClrType: var type } key] } && type == typeof(Guid))
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }

    /// <summary>
    /// The ledger's sums are written with its entries by every context, however it was made (the app's, a command's, a
    /// test's): one made without them would book entries the ledger page and the fund balance do not count (ADR 0041).
    /// Added after the interceptors the context was given, so that the audit interceptor has taken the audit chain's lock
    /// before the sums are read and written.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);
        optionsBuilder.AddInterceptors(Finance.LedgerPeriodSumsInterceptor.Instance);
    }

    /// <summary>
    /// Saves inside a transaction, opening one when the caller has none: the audit interceptor takes the audit chain's
    /// lock in it just before numbering the records, so concurrent units of work queue there instead of clashing, and
    /// the lock, the change and its audit records commit or roll back together.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!NeedsOwnTransaction) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!NeedsOwnTransaction) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var transaction = Database.BeginTransaction();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction.Commit();
        return saved;
    }

    // SQLite has one writer at a time, so its own save transaction already serializes the numbering.
    private bool NeedsOwnTransaction =>
        Database.CurrentTransaction is null && !AuditChainLock.NotNeeded(Database) && ChangeTracker.HasChanges();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; reading one back must not lose that.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteCafDbContext(DbContextOptions<SqliteCafDbContext> options) : CafDbContext(options);

public sealed class PostgresCafDbContext(DbContextOptions<PostgresCafDbContext> options) : CafDbContext(options);

public sealed class SqlServerCafDbContext(DbContextOptions<SqlServerCafDbContext> options) : CafDbContext(options);
