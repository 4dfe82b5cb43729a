using Caf.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Empty databases of each provider for tests that need their own, outside the web application.</summary>
internal static class TestDatabases
{
    public static string NewSqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caf-tests");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"caf-{Guid.NewGuid():N}.db");
    }

    /// <summary>Creates an empty PostgreSQL database and returns its connection string; skips (fails in CI) without a server.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("CAF_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail("PostgreSQL is required in CI but CAF_TEST_POSTGRES is not set.");
            Assert.Skip("PostgreSQL is not available here: CAF_TEST_POSTGRES is not set (eng/test.sh sets it).");
        }
        return await CreatePostgresDatabaseAsync(server!);
    }

    /// <summary>A new, empty database on the given server, under a unique name; returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string server)
    {
        var name = $"caf_test_{Guid.NewGuid():N}"[..24];
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public static SqliteCafDbContext Sqlite(string path) =>
        new(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite($"Data Source={path}").Options);

    public static PostgresCafDbContext Postgres(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresCafDbContext>().UseNpgsql(connectionString).Options);
}
