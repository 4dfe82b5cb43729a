using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.IntegrationTests;

/// <summary>Reviews made before checklists were versioned become reviews of version 1, with their items' texts and tags.</summary>
public sealed class GenderReviewMigrationTests
{
    private const string Before = "ApplicationComments";

    // The application row is left out on purpose (foreign keys off while inserting): only the review matters here.
    private const string OldReview = """
        INSERT INTO "GenderReviews" ("Id", "ApplicationId", "Marker", "Rationale", "ReviewerUserId", "CompletedAtUtc")
        VALUES ('7A0C2B1E-0000-4000-8000-000000000001', '7A0C2B1E-0000-4000-8000-0000000000AA', 1, 'Significant.', 'gfp', '2026-10-01 10:00:00');
        INSERT INTO "GenderChecklistAnswer" ("Id", "ReviewId", "ItemNumber", "Answer", "Evidence") VALUES
        ('7A0C2B1E-0000-4000-8000-000000000011', '7A0C2B1E-0000-4000-8000-000000000001', 1, 'Yes', NULL),
        ('7A0C2B1E-0000-4000-8000-000000000016', '7A0C2B1E-0000-4000-8000-000000000001', 6, 'No', 'Nothing on safeguarding'),
        ('7A0C2B1E-0000-4000-8000-000000000018', '7A0C2B1E-0000-4000-8000-000000000001', 8, 'Partial', NULL);
        """;

    [Fact]
    public async Task Sqlite_existing_reviews_become_version_1_with_item_texts()
    {
        var path = TestDatabases.NewSqliteFile();
        try
        {
            await using var db = TestDatabases.Sqlite(path);
            await AssertMigratedAsync(db, $"PRAGMA foreign_keys = OFF; {OldReview} PRAGMA foreign_keys = ON;");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Postgres_existing_reviews_become_version_1_with_item_texts()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        try
        {
            await using var db = TestDatabases.Postgres(connectionString);
            await AssertMigratedAsync(db, $"SET session_replication_role = replica; {OldReview.Replace("'2026-10-01 10:00:00'", "'2026-10-01 10:00:00+00'")} SET session_replication_role = origin;");
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connectionString);
        }
    }

    private static async Task AssertMigratedAsync(CafDbContext db, string insertOldReview)
    {
        var ct = TestContext.Current.CancellationToken;
        var migrator = db.GetService<IMigrator>();
        var previous = db.Database.GetMigrations().Single(m => m.EndsWith("_" + Before, StringComparison.Ordinal));
        await migrator.MigrateAsync(previous, ct);
        await db.Database.ExecuteSqlRawAsync(insertOldReview, ct);
        await migrator.MigrateAsync(null, ct);

        var review = await db.GenderReviews.AsNoTracking().Include(r => r.Answers).SingleAsync(ct);
        Assert.Equal(1, review.ChecklistVersion);
        var answers = review.Answers.OrderBy(a => a.ItemNumber).ToList();
        Assert.Equal([GenderReview.DefaultItems[0], GenderReview.DefaultItems[5], GenderReview.DefaultItems[7]], answers.Select(a => a.ItemText));
        Assert.Equal([ChecklistItemTag.Analysis, ChecklistItemTag.DoNoHarm, ChecklistItemTag.None], answers.Select(a => a.Tag));
        Assert.Equal(["No do-no-harm / safeguarding check: the proposal does not show how it avoids harm to participants and communities."], review.Flags);

        var v1 = await db.GenderChecklists.AsNoTracking().Include(c => c.Items).SingleAsync(ct);
        Assert.Equal(1, v1.Version);
        Assert.Equal(GenderChecklist.DefaultItems.Select(i => i.Text), v1.Items.OrderBy(i => i.Position).Select(i => i.Text));
        Assert.Equal(GenderChecklist.DefaultItems.Select(i => i.Tag), v1.Items.OrderBy(i => i.Position).Select(i => i.Tag));
    }
}
