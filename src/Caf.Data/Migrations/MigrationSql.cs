using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.Data.Migrations;

/// <summary>Helpers for the few migrations that write SQL by hand, the same on every provider.</summary>
internal static class MigrationSql
{
    /// <summary>A table or column name quoted for the provider the migration runs on.</summary>
    public static string Quote(this MigrationBuilder migrationBuilder, string name) =>
        migrationBuilder.ActiveProvider?.Contains("SqlServer") == true ? $"[{name}]" : $"\"{name}\"";

    /// <summary>
    /// Moves every stored document's bytes into StoredFiles, one row per file under the document's id: the attachments'
    /// from AttachmentContents and the final reports' from Reports.Content. Runs between creating StoredFiles and dropping
    /// the old places.
    /// </summary>
    public static void CopyFilesIntoStoredFiles(this MigrationBuilder migrationBuilder)
    {
        string Q(string name) => migrationBuilder.Quote(name);
        migrationBuilder.Sql($"INSERT INTO {Q("StoredFiles")} ({Q("Id")}, {Q("Bytes")}) SELECT {Q("Id")}, {Q("Bytes")} FROM {Q("AttachmentContents")}");
        migrationBuilder.Sql($"INSERT INTO {Q("StoredFiles")} ({Q("Id")}, {Q("Bytes")}) SELECT {Q("Id")}, {Q("Content")} FROM {Q("Reports")}");
    }

    /// <summary>The reverse of <see cref="CopyFilesIntoStoredFiles"/>, for Down.</summary>
    public static void CopyFilesBackFromStoredFiles(this MigrationBuilder migrationBuilder)
    {
        string Q(string name) => migrationBuilder.Quote(name);
        migrationBuilder.Sql($"INSERT INTO {Q("AttachmentContents")} ({Q("Id")}, {Q("Bytes")}) SELECT {Q("Id")}, {Q("Bytes")} FROM {Q("StoredFiles")} " +
            $"WHERE {Q("Id")} NOT IN (SELECT {Q("Id")} FROM {Q("Reports")})");
        migrationBuilder.Sql($"UPDATE {Q("Reports")} SET {Q("Content")} = (SELECT {Q("Bytes")} FROM {Q("StoredFiles")} " +
            $"WHERE {Q("StoredFiles")}.{Q("Id")} = {Q("Reports")}.{Q("Id")})");
    }
}
