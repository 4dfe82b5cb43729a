using System.Data.Common;
using Caf.Data;
using Caf.Web.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// The real application over a real database: a SQLite file, or a fresh database on the PostgreSQL server that
/// eng/test.sh starts (CAF_TEST_POSTGRES). Each test starts from an empty database (Respawn) plus the base seed.
/// </summary>
public abstract class CafAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private Respawner? _respawner;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string of this fixture's own database, or null when its server is not available.</summary>
    public string? ConnectionString { get; private set; }

    public string? UnavailableReason { get; protected set; }

    protected abstract Task<string?> CreateDatabaseAsync();
    protected abstract DbConnection OpenConnection();
    protected abstract IDbAdapter Adapter { get; }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        if (ConnectionString is null) return;
        // Starting the host runs the start-up tasks: migrations, then the import of workflows/*.json.
        _ = Services;
        await using var connection = OpenConnection();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Adapter,
            TablesToIgnore = ["__EFMigrationsHistory", "DataProtectionKeys", "WorkflowDefinitions"],
        });
    }

    /// <summary>Empties every table and seeds the users, states, round and contributions tests start from.</summary>
    public async Task ResetAsync()
    {
        if (ConnectionString is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"{Provider} is required in CI but is not available: {UnavailableReason}");
            Assert.Skip($"{Provider} is not available here: {UnavailableReason}");
        }
        await using (var connection = OpenConnection())
            await _respawner!.ResetAsync(connection);
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(includeApplications: false);
    }

    public CafSession NewSession() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Runs work against the database in its own scope (its own unit of work).</summary>
    public async Task<T> WithDbAsync<T>(Func<CafDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<CafDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Caf", ConnectionString ?? PlaceholderConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Demo", "false");
        // Hashing demo passwords at full strength for every test would only slow the suite down.
        builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    protected abstract string PlaceholderConnectionString { get; }

}

public class SqliteAppFactory : CafAppFactory
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "caf-tests", $"caf-{Guid.NewGuid():N}.db");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override IDbAdapter Adapter => DbAdapter.Sqlite;
    protected override string PlaceholderConnectionString => $"Data Source={_path}";

    protected override Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        return Task.FromResult<string?>($"Data Source={_path}");
    }

    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(_path + suffix)) File.Delete(_path + suffix);
    }
}

public sealed class PostgresAppFactory : CafAppFactory
{
    private readonly string _database = $"caf_test_{Guid.NewGuid():N}"[..24];
    private string? _server;

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override IDbAdapter Adapter => DbAdapter.Postgres;
    protected override string PlaceholderConnectionString => "Host=127.0.0.1;Database=unavailable";

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable("CAF_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_server))
        {
            UnavailableReason = "CAF_TEST_POSTGRES is not set (eng/test.sh starts a server and sets it)";
            return null;
        }
        try
        {
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            UnavailableReason = $"cannot reach PostgreSQL at CAF_TEST_POSTGRES: {ex.Message}";
            return null;
        }
        return new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    protected override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString is null || _server is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFactory>
{
    public const string Name = "PostgreSQL";
}
