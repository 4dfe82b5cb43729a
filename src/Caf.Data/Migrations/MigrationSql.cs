using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.Data.Migrations;

/// <summary>Helpers for the few migrations that write SQL by hand, the same on every provider.</summary>
internal static class MigrationSql
{
    /// <summary>A table or column name quoted for the provider the migration runs on.</summary>
    public static string Quote(this MigrationBuilder migrationBuilder, string name) =>
        migrationBuilder.ActiveProvider?.Contains("SqlServer") == true ? $"[{name}]" : $"\"{name}\"";
}
