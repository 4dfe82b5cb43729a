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
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<ActionPlanAction> ActionPlanActions => Set<ActionPlanAction>();
    public DbSet<ApplicationAttachment> Attachments => Set<ApplicationAttachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<ApplicationVersion> ApplicationVersions => Set<ApplicationVersion>();
    public DbSet<ApplicationComment> ApplicationComments => Set<ApplicationComment>();
    public DbSet<ConflictDeclaration> ConflictDeclarations => Set<ConflictDeclaration>();
    public DbSet<CommitteeMeeting> CommitteeMeetings => Set<CommitteeMeeting>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<WorkflowTransitionRecord> WorkflowTransitions => Set<WorkflowTransitionRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
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
    /// Saves, renumbering the audit records when another unit of work took the same places in the audit chain first
    /// (two people acting on different applications at the same moment), or when the database ended this unit of work
    /// to break a deadlock over those places. Any other failure is left to the caller.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (Exception ex) when (attempt < 5 && IsWorthRetrying(ex))
            {
                await Task.Delay(Random.Shared.Next(5, 50) * attempt, cancellationToken);
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return base.SaveChanges(acceptAllChangesOnSuccess);
            }
            catch (Exception ex) when (attempt < 5 && IsWorthRetrying(ex))
            {
                Thread.Sleep(Random.Shared.Next(5, 50) * attempt);
            }
        }
    }

    /// <summary>
    /// A deadlock is retried where nothing else was lost with it: when this save had the transaction to itself, or on
    /// PostgreSQL, where EF rolls back to its savepoint inside the caller's transaction. SQL Server ends the caller's whole
    /// transaction, so there the failure goes up to the caller.
    /// </summary>
    private bool IsWorthRetrying(Exception ex) =>
        ex is DbUpdateException update and not DbUpdateConcurrencyException && SaveConflicts.IsAuditSequenceClash(update)
        || SaveConflicts.IsDeadlock(ex) && (Database.CurrentTransaction is null || Database.IsNpgsql());

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every timestamp is UTC; reading one back must not lose that.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<decimal>().HavePrecision(18, 2);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteCafDbContext(DbContextOptions<SqliteCafDbContext> options) : CafDbContext(options);

public sealed class PostgresCafDbContext(DbContextOptions<PostgresCafDbContext> options) : CafDbContext(options);

public sealed class SqlServerCafDbContext(DbContextOptions<SqlServerCafDbContext> options) : CafDbContext(options);
