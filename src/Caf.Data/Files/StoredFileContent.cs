using System.Data;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.Files;

/// <summary>
/// Reads a stored document's bytes straight from the database into a stream, a buffer at a time, so that a download
/// costs the same memory whatever the file's size: SQLite opens the row as a blob (the query names its rowid),
/// PostgreSQL and SQL Server read the column sequentially.
/// </summary>
public static class StoredFileContent
{
    /// <summary>The file's size in bytes, or null when no file has this id.</summary>
    public static Task<long?> LengthAsync(CafDbContext db, Guid id, CancellationToken ct) =>
        db.StoredFiles.AsNoTracking().Where(f => f.Id == id).Select(f => (long?)f.Bytes.Length).FirstOrDefaultAsync(ct);

    /// <summary>Copies the file's bytes to <paramref name="destination"/>; false when no file has this id.</summary>
    public static async Task<bool> CopyToAsync(CafDbContext db, Guid id, Stream destination, CancellationToken ct)
    {
        // EF writes the command and binds the id the way the provider stores it; only SQLite's text changes, to add the rowid.
        await using var command = db.StoredFiles.AsNoTracking().Where(f => f.Id == id).Select(f => f.Bytes).CreateDbCommand();
        var column = 0;
        if (db.Database.IsSqlite())
        {
            command.CommandText = $"SELECT rowid, \"Bytes\" FROM \"StoredFiles\" WHERE \"Id\" = {command.Parameters[0].ParameterName}";
            column = 1;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
            if (!await reader.ReadAsync(ct)) return false;
            await using var content = reader.GetStream(column);
            await content.CopyToAsync(destination, 81_920, ct);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
