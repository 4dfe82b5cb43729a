using System.Data.Common;
using Caf.Data;
using Caf.Data.Auditing;
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
    private static readonly string[] AppTablesNeverReset = ["__EFMigrationsHistory", "DataProtectionKeys", "WorkflowDefinitions"];

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string of this fixture's own database, or null when its server is not available.</summary>
    public string? ConnectionString { get; private set; }

    public string? UnavailableReason { get; protected set; }

    /// <summary>The application's clock: real time plus whatever the test has moved it on by.</summary>
    public TestClock Clock { get; init; } = new();

    /// <summary>Whether Quartz runs the due-timer job (off by default: tests fire timers themselves).</summary>
    public bool TimerScheduler { get; init; }

    /// <summary>Where sent mail can be read: the SMTP server's Maildir, or this factory's pickup folder.</summary>
    public string MailFolder { get; } = Environment.GetEnvironmentVariable("CAF_TEST_MAILDIR") is { Length: > 0 } maildir
        ? Path.Combine(maildir, "new")
        : Directory.CreateTempSubdirectory("caf-mail-").FullName;

    /// <summary>Counts the SQL commands of requests that ask for it (SqlCommandCounter.Header).</summary>
    public SqlCommandCounter SqlCommands { get; } = new();

    /// <summary>Settings applied last, over the defaults above.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>High by default: the suite signs in many times a minute from one address.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 100_000;

    /// <summary>Whether to seed and reset on start; a restarted application keeps the data it had.</summary>
    public bool Restarted { get; init; }

    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>SQL listing the tables Quartz created (QRTZ_…), one name per row.</summary>
    protected abstract string QuartzTablesQuery { get; }

    private async Task<List<string>> QuartzTablesAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = QuartzTablesQuery;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
    protected abstract DbConnection OpenConnection();
    protected abstract IDbAdapter Adapter { get; }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        if (ConnectionString is null) return;
        // Starting the host runs the start-up tasks: migrations, the import of workflows/*.json, the timer sweep.
        _ = Services;
        if (Restarted) return;
        await using var connection = OpenConnection();
        // Kept across resets: the migrations, the keys, the imported definitions, and Quartz's own tables (its schedule).
        var quartzTables = await QuartzTablesAsync(connection);
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Adapter,
            TablesToIgnore = [.. AppTablesNeverReset.Concat(quartzTables)
                .Select(t => new Respawn.Graph.Table(t))],
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
        Clock.ResetOffset();
        await using (var connection = OpenConnection())
        {
            // The database refuses to empty the audit trail (ADR 0027): its triggers are lifted for the reset only.
            await ExecuteAsync(connection, AuditTriggers.Drop(ProviderName));
            await _respawner!.ResetAsync(connection);
            await ExecuteAsync(connection, AuditTriggers.CreateVersion1(ProviderName));
        }
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(includeApplications: false);
    }

    /// <summary>The provider's name as EF gives it (ActiveProvider), which <see cref="AuditTriggers"/> takes.</summary>
    public string ProviderName => Provider switch
    {
        DatabaseProvider.Sqlite => "Microsoft.EntityFrameworkCore.Sqlite",
        DatabaseProvider.Postgres => "Npgsql.EntityFrameworkCore.PostgreSQL",
        _ => "Microsoft.EntityFrameworkCore.SqlServer",
    };

    /// <summary>Runs raw statements on this fixture's database, one command each (tests that tamper with the trail on purpose).</summary>
    public async Task ExecuteAsync(IEnumerable<string> statements)
    {
        await using var connection = OpenConnection();
        await ExecuteAsync(connection, statements);
    }

    private static async Task ExecuteAsync(DbConnection connection, IEnumerable<string> statements)
    {
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
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
        builder.UseSetting("Workflows:TimerScheduler", TimerScheduler ? "true" : "false");
        builder.UseSetting("Workflows:TimerIntervalSeconds", "1");
        // Mail goes to the real SMTP server eng/test.sh starts; run without it, to a pickup folder of this factory's own.
        if (Environment.GetEnvironmentVariable("CAF_TEST_SMTP_HOST") is { Length: > 0 } smtpHost)
        {
            builder.UseSetting("Email:SmtpHost", smtpHost);
            builder.UseSetting("Email:SmtpPort", Environment.GetEnvironmentVariable("CAF_TEST_SMTP_PORT"));
            builder.UseSetting("Email:Security", "None");
        }
        else
        {
            builder.UseSetting("Email:PickupFolder", MailFolder);
        }
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s =>
        {
            // Hashing demo passwords at full strength for every test would only slow the suite down.
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton<IStartupFilter>(SqlCommands);
            switch (Provider)
            {
                case DatabaseProvider.Sqlite: s.ConfigureDbContext<SqliteCafDbContext>(o => o.AddInterceptors(SqlCommands)); break;
                case DatabaseProvider.Postgres: s.ConfigureDbContext<PostgresCafDbContext>(o => o.AddInterceptors(SqlCommands)); break;
            }
        });
    }

    protected abstract string PlaceholderConnectionString { get; }

}

public class SqliteAppFactory : CafAppFactory
{
    /// <summary>The database file; several applications in turn over one file are the same app restarted.</summary>
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), "caf-tests", $"caf-{Guid.NewGuid():N}.db");

    /// <summary>Keep the file when this instance stops, for the next "restart" to find.</summary>
    public bool KeepDatabase { get; init; }

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string QuartzTablesQuery => "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'";
    protected override IDbAdapter Adapter => DbAdapter.Sqlite;
    protected override string PlaceholderConnectionString => $"Data Source={DatabasePath}";

    protected override Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        return Task.FromResult<string?>($"Data Source={DatabasePath}");
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
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        if (KeepDatabase) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(DatabasePath + suffix)) File.Delete(DatabasePath + suffix);
    }
}

public sealed class PostgresAppFactory : CafAppFactory
{

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string QuartzTablesQuery => "SELECT table_name FROM information_schema.tables WHERE table_name ILIKE 'qrtz%'";
    protected override IDbAdapter Adapter => DbAdapter.Postgres;
    protected override string PlaceholderConnectionString => "Host=127.0.0.1;Database=unavailable";

    protected override async Task<string?> CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("CAF_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            UnavailableReason = "CAF_TEST_POSTGRES is not set (eng/test.sh starts a server and sets it)";
            return null;
        }
        try
        {
            return await TestDatabases.CreatePostgresDatabaseAsync(server);
        }
        catch (NpgsqlException ex)
        {
            UnavailableReason = $"cannot reach PostgreSQL at CAF_TEST_POSTGRES: {ex.Message}";
            return null;
        }
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
        if (ConnectionString is not null) await TestDatabases.DropPostgresDatabaseAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollectionDefinition : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresAppFactory>
{
    public const string Name = "PostgreSQL";
}
