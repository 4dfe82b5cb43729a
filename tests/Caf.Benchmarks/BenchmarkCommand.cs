using System.Globalization;
using Caf.Data;
using Microsoft.EntityFrameworkCore;

namespace Caf.Benchmarks;

/// <summary>The benchmark verbs and their options; each prints its figures as Markdown for docs/PERFORMANCE.md.</summary>
internal static class BenchmarkCommand
{
    private const string Usage = """
        Usage: Caf.Benchmarks audit|ledger [--provider sqlite|postgres] [--records N] [--postgres CONNECTION] [--database NAME] [--reuse] [--work DIR] [--app Caf.Web.dll]
          audit   fills a database with N hash-chained audit records (default 1,000,000) and measures `audit verify`,
                  `audit export`, the Audit page's keyset paging and its filter choices, each beside its floor.
          ledger  fills a database with the large scale data set (`seed --scale large`: 50,000 ledger entries) and measures
                  `ledger export`, the fund ledger workbook, beside the same rows streamed with a minimal OpenXmlWriter.
          --reuse keeps a database filled by an earlier run (audit: with the same N).
          --database names the benchmark's database (default caf_bench_audit_N or caf_bench_ledger_large), for a server or folder shared with others.
        Caf.Benchmarks transition [--provider sqlite|postgres] [--transitions N] [--workers W] [--postgres CONNECTION] [--work DIR] [--app Caf.Web.dll]
          transition  fires "start eligibility screening" N times (default 1,600) through its use case, W users at once (default 8),
                      beside the same rows written with plain ADO.NET.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [LedgerBenchmark.FloorVerb]) return await LedgerBenchmark.FloorAsync();
        if (args.FirstOrDefault() is not ("audit" or "ledger" or "transition") || args[0] is not { } verb)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var options = Options(args.Skip(1));
        var provider = options.GetValueOrDefault("--provider", "sqlite");
        if (provider is not ("sqlite" or "postgres") || !long.TryParse(options.GetValueOrDefault("--records", "1000000"), CultureInfo.InvariantCulture, out var records) || records < 1000
            || (options.GetValueOrDefault("--database") is { } database && !System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z][a-z0-9_]{0,62}$")))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var root = RepositoryRoot();
        var setup = new BenchSetup(
            verb,
            provider,
            records,
            options.GetValueOrDefault("--postgres") ?? Environment.GetEnvironmentVariable("CAF_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres",
            Path.GetFullPath(options.GetValueOrDefault("--work") ?? Path.Combine(Path.GetTempPath(), "caf-bench")),
            Path.GetFullPath(options.GetValueOrDefault("--app") ?? Path.Combine(root, "src", "Caf.Web", "bin", "Release", "net10.0", "Caf.Web.dll")),
            options.ContainsKey("--reuse"),
            options.GetValueOrDefault("--database"));
        if (!File.Exists(setup.AppPath))
        {
            Console.Error.WriteLine($"There is no {setup.AppPath}: build it first (dotnet build src/Caf.Web -c Release), or give --app.");
            return 2;
        }
        Directory.CreateDirectory(setup.WorkFolder);
        await (verb switch
        {
            "ledger" => LedgerBenchmark.RunAsync(setup),
            "transition" => TransitionBenchmark.RunAsync(setup, options),
            _ => AuditBenchmark.RunAsync(setup),
        });
        return 0;
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal)) options[name = arg] = "";
            else if (name is not null) options[name] = arg;
        }
        return options;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CafGrants.sln"))) return folder.FullName;
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>Where a benchmark runs: the provider and its connection, how many records, a folder for its files, the app to run.</summary>
internal sealed record BenchSetup(string Verb, string Provider, long Records, string PostgresAdmin, string WorkFolder, string AppPath, bool Reuse,
    string? Database = null)
{
    public bool IsPostgres => Provider == "postgres";

    /// <summary>The database named by --database, else the audit benchmark's for its number of records, or the ledger's (the large scale data set).</summary>
    public string DatabaseName => Database
        ?? (Verb == "ledger" ? "caf_bench_ledger_large" : string.Create(CultureInfo.InvariantCulture, $"caf_bench_audit_{Records}"));

    public string ConnectionString => IsPostgres
        ? new Npgsql.NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = DatabaseName }.ConnectionString
        : $"Data Source={Path.Combine(WorkFolder, DatabaseName + ".db")}";

    /// <summary>The settings the app is run with, as environment variables; the audit signing key made in the work folder once.</summary>
    public async Task<Dictionary<string, string>> AppSettingsAsync()
    {
        var key = Path.Combine(WorkFolder, "audit-signing-key.pem");
        if (!File.Exists(key))
            using (var generated = Caf.Data.Auditing.AuditSigningKey.Generate()) await File.WriteAllTextAsync(key, generated.PrivateKeyPem);
        return AppSettings(key);
    }

    private Dictionary<string, string> AppSettings(string signingKeyPath) => new()
    {
        ["Database__Provider"] = IsPostgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings__Caf"] = ConnectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["App__PublicBaseUrl"] = "https://grants.bench.example",
        ["Audit__SigningKeyPath"] = signingKeyPath,
    };

    public CafDbContext Open() => IsPostgres
        ? new PostgresCafDbContext(new DbContextOptionsBuilder<PostgresCafDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqliteCafDbContext(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>An empty database: the SQLite file deleted, the PostgreSQL database dropped and created.</summary>
    public async Task RecreateAsync()
    {
        if (!IsPostgres)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource + suffix);
            return;
        }
        await using var admin = new Npgsql.NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", $"CREATE DATABASE {DatabaseName}" })
        {
#pragma warning disable CA2100 // a fixed name made of letters, digits and underscores
            await using var command = new Npgsql.NpgsqlCommand(sql, admin);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The machine and the time of a run, for the report's first lines.</summary>
    public static string Machine =>
        $"Machine: {Environment.ProcessorCount} CPU, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
        $".NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.";

    public static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:N2} s");
    public static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N0} MB");
}
