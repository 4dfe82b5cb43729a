using Caf.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Data;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary>Chooses the provider from configuration (Database:Provider, ConnectionStrings:Caf) and registers the context.</summary>
public static class CafDatabase
{
    public const string ConnectionStringName = "Caf";

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider is '{value}'. Use Sqlite (the default), Postgres or SqlServer.");
    }

    /// <summary>The configured connection string; for SQLite without one, a file under data/ in the content root.</summary>
    public static string ReadConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (provider != DatabaseProvider.Sqlite)
            throw new InvalidOperationException(
                $"Set ConnectionStrings:{ConnectionStringName} for the {provider} provider.");
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "cafgrants.db")}";
    }

    public static IServiceCollection AddCafDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = ReadProvider(configuration);
        var connectionString = ReadConnectionString(configuration, provider, contentRoot);
        services.AddScoped<AuditInterceptor>();
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(connectionString);
                services.AddDbContext<CafDbContext, SqliteCafDbContext>((sp, o) =>
                    Configure(o.UseSqlite(connectionString), sp));
                break;
            case DatabaseProvider.Postgres:
                var postgres = WithAutoPrepare(connectionString);
                services.AddDbContext<CafDbContext, PostgresCafDbContext>((sp, o) =>
                    Configure(o.UseNpgsql(postgres), sp));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<CafDbContext, SqlServerCafDbContext>((sp, o) =>
                    Configure(o.UseSqlServer(connectionString), sp));
                break;
        }
        return services;
    }

    /// <summary>
    /// Unless the connection string says otherwise, Npgsql prepares a statement on a connection once it has run there
    /// twice and keeps up to 64 of them: PostgreSQL then plans the application page's twenty-odd queries once per
    /// connection instead of on every request (issue 16, docs/PERFORMANCE.md). The statements survive the connection's
    /// return to the pool; the schema changes only by migrations, before the app serves.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare != 0 || connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) return connectionString;
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    private static void Configure(DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<AuditInterceptor>());

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}

// Design-time factories for `dotnet ef`: they only need a provider, never a live server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCafDbContext>
{
    public SqliteCafDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCafDbContext>
{
    public PostgresCafDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCafDbContext>().UseNpgsql("Host=localhost;Database=caf_design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCafDbContext>
{
    public SqlServerCafDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCafDbContext>().UseSqlServer("Server=localhost;Database=caf_design;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
