using Caf.Data;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.IntegrationTests;

/// <summary>Files stored before StoredFiles existed (attachment contents, report contents) are moved there, byte for byte.</summary>
public sealed class StoredFilesMigrationTests
{
    private const string Before = "ActingChairAndOutboxRetries";
    private const string Attachment = "5F11E000-0000-4000-8000-000000000001";
    private const string Report = "5F11E000-0000-4000-8000-000000000002";

    // The application rows are left out on purpose (foreign keys off on the one connection that inserts and migrates):
    // only the files matter here.
    private static string OldFiles(string attachmentBytes, string reportBytes, string at) => $"""
        INSERT INTO "AttachmentContents" ("Id", "Bytes") VALUES ('{Attachment}', {attachmentBytes});
        INSERT INTO "Reports" ("Id", "ApplicationId", "FileName", "ContentType", "Content", "ActualExpenditure", "SubmittedByUserId", "SubmittedAtUtc", "Status")
        VALUES ('{Report}', '5F11E000-0000-4000-8000-0000000000AA', 'report.pdf', 'application/pdf', {reportBytes}, 100, 'applicant', {at}, 'Submitted');
        """;

    [Fact]
    public async Task Sqlite_existing_files_move_to_stored_files()
    {
        var path = TestDatabases.NewSqliteFile();
        try
        {
            await using var db = TestDatabases.Sqlite(path);
            await AssertMovedAsync(db, $"PRAGMA foreign_keys = OFF; {OldFiles("X'01020304'", "X'25504446'", "'2026-10-01 10:00:00'")}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Postgres_existing_files_move_to_stored_files()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        try
        {
            await using var db = TestDatabases.Postgres(connectionString);
            await AssertMovedAsync(db, $"SET session_replication_role = replica; {OldFiles("'\\x01020304'::bytea", "'\\x25504446'::bytea", "'2026-10-01 10:00:00+00'")} SET session_replication_role = origin;");
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(connectionString);
        }
    }

    private static async Task AssertMovedAsync(CafDbContext db, string insertOldFiles)
    {
        var ct = TestContext.Current.CancellationToken;
        var migrator = db.GetService<IMigrator>();
        await db.Database.OpenConnectionAsync(ct);
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_" + Before, StringComparison.Ordinal)), ct);
        await db.Database.ExecuteSqlRawAsync(insertOldFiles, ct);
        await migrator.MigrateAsync(null, ct);

        var files = await db.StoredFiles.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Bytes, ct);
        Assert.Equal([1, 2, 3, 4], files[Guid.Parse(Attachment)]);
        Assert.Equal("%PDF"u8.ToArray(), files[Guid.Parse(Report)]);
        Assert.Equal(2, files.Count);
        var report = await db.Reports.AsNoTracking().SingleAsync(ct);
        Assert.Equal("report.pdf", report.FileName);
    }
}
