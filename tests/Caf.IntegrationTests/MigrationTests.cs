using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.IntegrationTests;

/// <summary>Each provider's migrations build the whole model on an empty database, and no model change lacks a migration.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database_and_match_the_model()
    {
        var path = TestDatabases.NewSqliteFile();
        try
        {
            await using var db = TestDatabases.Sqlite(path);
            await AssertMigratesCleanlyAsync(db);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Postgres_migrations_apply_to_an_empty_database_and_match_the_model()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        try
        {
            await using var db = TestDatabases.Postgres(connectionString);
            await AssertMigratesCleanlyAsync(db);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public void SqlServer_migrations_match_the_model_and_generate_a_script()
    {
        // No SQL Server runs on these machines: check the migrations against the model and script them instead.
        using var db = new SqlServerCafDbContext(new DbContextOptionsBuilder<SqlServerCafDbContext>()
            .UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=True").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model has changes without a migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE [Applications]", script);
        Assert.Contains("CREATE TABLE [AuditEvents]", script);
        Assert.Contains("[Amount] decimal(18,2)", script);
    }

    private static async Task AssertMigratesCleanlyAsync(CafDbContext db)
    {
        Assert.False(db.Database.HasPendingModelChanges(), $"{db.GetType().Name}: the model has changes without a migration.");
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        // Every mapped table exists and can be queried.
        Assert.Equal(0, await db.Applications.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.LedgerEntries.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.AuditEvents.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Users.CountAsync(TestContext.Current.CancellationToken));
        // The data the Initial migration writes: gender checklist version 1 and scoring rubric version 1, as DESIGN.md §5 has them.
        var checklist = await db.GenderChecklists.AsNoTracking().Include(c => c.Items).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, checklist.Version);
        Assert.Equal(GenderChecklist.DefaultItems.Select(i => (i.Text, i.Tag)), checklist.Items.OrderBy(i => i.Position).Select(i => (i.Text, i.Tag)));
        var rubric = await db.ScoringRubrics.GetAsync(1, TestContext.Current.CancellationToken);
        Assert.Equal(ScoringRubrics.Version1.Select(i => (i.Code, i.Name, i.Weight, string.Join("|", i.Levels))),
            rubric.Items.Select(i => (i.Code, i.Name, i.Weight, string.Join("|", i.Levels))));
    }
}
