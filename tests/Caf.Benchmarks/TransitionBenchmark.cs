using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Web.Features.Shared;
using Caf.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Benchmarks;

/// <summary>
/// Issue 16's transition benchmark: an ISU officer's "start eligibility screening" (Submitted → EligibilityScreening) fired
/// end to end through its use case — the application loaded as the page loads it, the workflow's roles and guards, its
/// action (the eligibility checks), the history row, the audit records, the tasks, one commit — by 8 users at once, each
/// in a DI scope of their own as 8 requests would be. Its floor: the very rows one real transition wrote (read back from the
/// database) written by plain ADO.NET, one transaction per transition, by 8 workers at once.
/// </summary>
internal static class TransitionBenchmark
{
    /// <summary>The category of the benchmark's own log lines (the app's start-up tasks log under it).</summary>
    internal sealed class TransitionBenchmarkLog;

    private const string Trigger = "start-screening";
    private const string SourceStage = "Submitted";
    private const string TargetStage = "EligibilityScreening";

    public static async Task RunAsync(BenchSetup setup, IReadOnlyDictionary<string, string> options)
    {
        var count = int.Parse(options.GetValueOrDefault("--transitions", "1600"), CultureInfo.InvariantCulture);
        var workers = int.Parse(options.GetValueOrDefault("--workers", "8"), CultureInfo.InvariantCulture);
        var warmUp = 200; // enough calls for the JIT to settle on its optimised code
        var connection = ConnectionString(setup);
        var key = Path.Combine(setup.WorkFolder, "audit-signing-key.pem");
        if (!File.Exists(key))
            using (var generated = Caf.Data.Auditing.AuditSigningKey.Generate()) await File.WriteAllTextAsync(key, generated.PrivateKeyPem);
        var settings = Settings(setup, connection, key);

        // A new database made by the app itself: its schema, the demo data and the small scale set on top.
        await RecreateAsync(setup, connection);
        var seeding = Stopwatch.StartNew();
        await ChildRun.RunAsync(setup.AppPath, settings, "migrate");
        await ChildRun.RunAsync(setup.AppPath, settings, "seed", "--scale", "small", "--force-demo");
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            Args = [], EnvironmentName = "Production", ContentRootPath = Path.GetDirectoryName(setup.AppPath),
        });
        foreach (var (name, value) in settings) builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Workflows:Folder"] = Path.Combine(Path.GetDirectoryName(setup.AppPath)!, "workflows");
        CafHost.AddServices(builder);
        await using var app = builder.Build();
        // As the app starts: the workflow definitions loaded (the database has them already, from the seeding).
        await StartupTasks.PrepareAsync(app.Services, app.Configuration, app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TransitionBenchmarkLog>>(),
            migrate: false, seedDemo: false, CancellationToken.None);
        var tables = Tables(app.Services);

        // Enough submitted applications for every transition (one probe, the warm-ups and the measured ones, for the use case
        // and again for the floor): copies of a submitted application of the scale set, row for row, with ids of their own.
        var copies = await CopySubmittedAsync(setup, connection, tables, 1 + 2 * (warmUp + count));
        var seedTime = seeding.Elapsed;
        var people = await IsuOfficersAsync(app.Services, workers);

        // The probe: one real transition, and every row it wrote or changed, read back from the database.
        var before = await SnapshotAsync(setup, connection, tables);
        var probe = copies[0];
        var commands = new List<string>();
        using (new CommandRecorder(commands)) _ = await FireAsync(app.Services, probe.Application, people[0]);
        var commandsFile = Path.Combine(setup.WorkFolder, $"transition-commands-{setup.Provider}.sql");
        await File.WriteAllLinesAsync(commandsFile, commands.Select((c, i) => $"-- {i + 1}\n{c};"));
        var after = await SnapshotAsync(setup, connection, tables);
        var written = WrittenBetween(tables, before, after);

        var measured = copies.Skip(1).Take(warmUp + count).ToList();
        var useCase = await MeasureAsync(measured, warmUp, workers,
            (copy, worker) => FireAsync(app.Services, copy.Application, people[worker % people.Count]));
        await CheckAsync(setup, connection, tables, written, after, warmUp + count, "the use case");

        var floorCopies = copies.Skip(1 + warmUp + count).ToList();
        var floor = new Floor(setup, connection, written, probe, await MaxSequenceAsync(setup, connection) + 1_000_000);
        var beforeFloor = await SnapshotAsync(setup, connection, tables);
        var floorRun = await MeasureAsync(floorCopies, warmUp, workers, floor.WriteAsync);
        await CheckAsync(setup, connection, tables, written, beforeFloor, warmUp + count, "the floor");

        var journal = setup.IsPostgres ? "" : $"SQLite journal mode: {await JournalModeAsync(setup, connection)}.";
        var report = new List<string>
        {
            $"### Workflow transition, {setup.Provider}: \"{Trigger}\" ({SourceStage} → {TargetStage}), {workers} users at once",
            "",
            $"Machine: {Environment.ProcessorCount} CPU, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GB memory, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.",
            "",
            $"Set-up (not measured): `migrate`, `seed --scale small`, and {copies.Count:N0} copies of a submitted application in {seedTime.TotalSeconds:N0} s. " +
            $"{warmUp} transitions to warm up, then {count:N0} measured; each user fires on applications of their own.",
            "",
            $"What one transition wrote (read back after a real one): {Describe(written)}. EF Core sent {commands.Count} commands for it " +
            $"({commands.Count(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))} beginning with SELECT; all in {commandsFile}).",
            "",
            "| Provider | Transitions/s | p50 (ms) | p99 (ms) | Floor transitions/s | Floor p50 (ms) | Floor p99 (ms) | Ratio (throughput) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            string.Create(CultureInfo.InvariantCulture,
                $"| {setup.Provider} | {useCase.PerSecond:N0} | {useCase.P50:N1} | {useCase.P99:N1} | {floorRun.PerSecond:N0} | {floorRun.P50:N1} | {floorRun.P99:N1} | {floorRun.PerSecond / useCase.PerSecond:N1}× |"),
            "",
            string.Create(CultureInfo.InvariantCulture, $"Of the use case's time, loading the application and its graph: p50 {useCase.LoadP50:N1} ms (that part alone). " +
                $"CPU time of this process per transition (the app's code, or the floor's, and the database's own when SQLite): {useCase.CpuPerTransition:N1} ms, floor {floorRun.CpuPerTransition:N1} ms. {journal}"),
            "",
            "Use case: `ApplicationAccess.LoadAsync` (the application and its graph, as the page loads it) then `Transitions.FireAsync`, in a DI scope " +
            "and HTTP context of its own per call. Floor: the same rows inserted and updated with plain ADO.NET, one transaction per transition " +
            "(audit records with a fixed hash: the floor does not chain them). Checked after each: every table grew by exactly what the transitions wrote " +
            "and every application moved on.",
            "",
        };
        foreach (var line in report) Console.WriteLine(line);
        await DropAsync(setup, connection);
    }

    /// <summary>One transition as an ISU officer's request makes it: its own scope, its own HTTP context, the page's load, the use case.</summary>
    /// <returns>The milliseconds spent loading the application, of the whole.</returns>
    private static async Task<double> FireAsync(IServiceProvider services, Guid application, ClaimsPrincipal user)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = user, RequestServices = scope.ServiceProvider, TraceIdentifier = Guid.NewGuid().ToString("N"),
            Connection = { RemoteIpAddress = System.Net.IPAddress.Loopback },
        };
        var loaded = await scope.ServiceProvider.GetRequiredService<ApplicationAccess>().LoadAsync(application, user, CancellationToken.None)
                     ?? throw new InvalidOperationException($"Application {application} is not there for {user.Identity?.Name}.");
        var loading = clock.Elapsed.TotalMilliseconds;
        var outcome = await scope.ServiceProvider.GetRequiredService<Transitions>().FireAsync(loaded, user, Trigger, null, CancellationToken.None);
        if (!outcome.Succeeded)
            throw new InvalidOperationException($"{Trigger} on {application} refused ({outcome.StatusCode}): {string.Join(" ", outcome.Errors.Select(e => e.Message))}");
        return loading;
    }

    /// <param name="LoadP50">The median of the part spent loading the application (the use case only).</param>
    /// <param name="CpuPerTransition">This process's CPU time (all its threads) per measured transition, in milliseconds.</param>
    private sealed record Run(double PerSecond, double P50, double P99, double LoadP50, double CpuPerTransition);

    /// <summary>The workers take the next item until none is left: first the warm-ups (not counted), then the measured ones.</summary>
    private static async Task<Run> MeasureAsync(List<Copy> items, int warmUp, int workers, Func<Copy, int, Task<double>> work)
    {
        async Task<List<(double Time, double Load)>> Phase(List<Copy> phase)
        {
            var next = -1;
            var times = new List<(double, double)>[workers];
            await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
            {
                times[worker] = [];
                for (var i = Interlocked.Increment(ref next); i < phase.Count; i = Interlocked.Increment(ref next))
                {
                    var clock = Stopwatch.StartNew();
                    var load = await work(phase[i], worker);
                    times[worker].Add((clock.Elapsed.TotalMilliseconds, load));
                }
            })));
            return times.SelectMany(t => t).ToList();
        }
        await Phase(items.Take(warmUp).ToList());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var measured = await Phase(items.Skip(warmUp).ToList());
        wall.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var latencies = measured.Select(m => m.Time).Order().ToList();
        var loads = measured.Select(m => m.Load).Order().ToList();
        return new(latencies.Count / wall.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), Percentile(loads, 0.50),
            cpu.TotalMilliseconds / measured.Count);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// Every table grew by exactly what one transition wrote, times the number of transitions, and as many more applications
    /// are in eligibility screening: none failed, none half-done.
    /// </summary>
    private static async Task CheckAsync(BenchSetup setup, string connection, List<Table> tables, Written written,
        Dictionary<string, Dictionary<string, Row>> before, int transitions, string what)
    {
        var now = await SnapshotAsync(setup, connection, tables);
        foreach (var table in tables)
        {
            var expected = before[table.Name].Count + transitions * written.Inserted.Count(r => r.Table == table);
            if (now[table.Name].Count != expected)
                throw new InvalidOperationException($"After {what}, {table.Name} has {now[table.Name].Count} rows where {expected} were expected.");
        }
        int Screening(Dictionary<string, Dictionary<string, Row>> snapshot) =>
            snapshot["WorkflowInstances"].Values.Count(r => Text(r["Stage"]) == TargetStage);
        if (Screening(now) != Screening(before) + transitions)
            throw new InvalidOperationException($"After {what}, {Screening(now) - Screening(before)} more applications are in {TargetStage}, not {transitions}.");
    }

    // ----- the database -----

    private static string DatabaseName => "caf_bench_transition";

    private static string ConnectionString(BenchSetup setup) => setup.IsPostgres
        ? new Npgsql.NpgsqlConnectionStringBuilder(setup.PostgresAdmin) { Database = DatabaseName, MaxPoolSize = 50 }.ConnectionString
        : $"Data Source={Path.Combine(setup.WorkFolder, DatabaseName + ".db")}";

    private static Dictionary<string, string> Settings(BenchSetup setup, string connection, string key) => new()
    {
        ["Database__Provider"] = setup.IsPostgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings__Caf"] = connection,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["App__PublicBaseUrl"] = "https://grants.bench.example",
        ["Audit__SigningKeyPath"] = key,
    };

    private static DbConnection Connect(BenchSetup setup, string connection) => setup.IsPostgres
        ? new Npgsql.NpgsqlConnection(connection)
        : new Microsoft.Data.Sqlite.SqliteConnection(connection);

    private static async Task RecreateAsync(BenchSetup setup, string connection)
    {
        if (!setup.IsPostgres)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            return;
        }
        await AdminAsync(setup, $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", $"CREATE DATABASE {DatabaseName}");
    }

    private static async Task DropAsync(BenchSetup setup, string connection)
    {
        if (setup.IsPostgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await AdminAsync(setup, $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
        }
        else await RecreateAsync(setup, connection);
    }

    private static async Task AdminAsync(BenchSetup setup, params string[] statements)
    {
        await using var admin = new Npgsql.NpgsqlConnection(setup.PostgresAdmin);
        await admin.OpenAsync();
        foreach (var sql in statements)
        {
#pragma warning disable CA2100 // a fixed name made of letters and underscores
            await using var command = new Npgsql.NpgsqlCommand(sql, admin);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> JournalModeAsync(BenchSetup setup, string connection)
    {
        await using var db = Connect(setup, connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task<long> MaxSequenceAsync(BenchSetup setup, string connection)
    {
        await using var db = Connect(setup, connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """SELECT MAX("Sequence") FROM "AuditEvents" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Up to <paramref name="count"/> ISU officers (the demo's and the scale set's), each signed in as the app signs them in.</summary>
    private static async Task<List<ClaimsPrincipal>> IsuOfficersAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CafUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CafUser>>();
        var officers = (await users.GetUsersInRoleAsync(CafRoles.IsuOfficer)).OrderBy(u => u.Email, StringComparer.Ordinal).Take(count).ToList();
        if (officers.Count == 0) throw new InvalidOperationException("There is no ISU officer in the seeded data.");
        var people = new List<ClaimsPrincipal>();
        foreach (var officer in officers) people.Add(await principals.CreateAsync(officer));
        return people;
    }

    // ----- tables, rows and copies, read from the app's own model -----

    /// <summary>A table of the app's model: its columns with their store types, and its primary key.</summary>
    private sealed record Table(string Name, IReadOnlyDictionary<string, string> StoreTypes, IReadOnlyList<string> Key)
    {
        public override string ToString() => Name;
    }

    private static List<Table> Tables(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CafDbContext>().Model.GetRelationalModel();
        return model.Tables.Where(t => t.PrimaryKey is not null)
            .Select(t => new Table(t.Name, t.Columns.ToDictionary(c => c.Name, c => c.StoreType), t.PrimaryKey!.Columns.Select(c => c.Name).ToList()))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A row as read: column name to value (DBNull for null).</summary>
    private sealed class Row : Dictionary<string, object>
    {
        public Row() : base(StringComparer.Ordinal) { }
    }

    private static string Text(object value) => value switch
    {
        DBNull => "∅",
        Guid g => g.ToString("D").ToUpperInvariant(),
        string s when Guid.TryParse(s, out var g) => g.ToString("D").ToUpperInvariant(),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string KeyOf(Table table, Row row) => string.Join("|", table.Key.Select(k => Text(row[k])));

    private static async Task<List<Row>> ReadAsync(DbConnection db, DbTransaction? transaction, string sql, params object[] values)
    {
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // table and column names from the app's model; values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        for (var i = 0; i < values.Length; i++) Add(command, $"@v{i}", values[i]);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            var row = new Row();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Every row of every table, by key (the data set is small: a few tens of thousands of rows).</summary>
    private static async Task<Dictionary<string, Dictionary<string, Row>>> SnapshotAsync(BenchSetup setup, string connection, List<Table> tables)
    {
        await using var db = Connect(setup, connection);
        await db.OpenAsync();
        var snapshot = new Dictionary<string, Dictionary<string, Row>>(StringComparer.Ordinal);
        foreach (var table in tables)
            snapshot[table.Name] = (await ReadAsync(db, null, $"SELECT * FROM \"{table.Name}\"")).ToDictionary(r => KeyOf(table, r), StringComparer.Ordinal);
        return snapshot;
    }

    /// <summary>What a transition wrote: the rows it inserted, and for each row it changed, the columns and their new values.</summary>
    private sealed record Written(List<(Table Table, Row Row)> Inserted, List<(Table Table, Row Before, Row After, List<string> Columns)> Updated);

    private static Written WrittenBetween(List<Table> tables, Dictionary<string, Dictionary<string, Row>> before, Dictionary<string, Dictionary<string, Row>> after)
    {
        var inserted = new List<(Table, Row)>();
        var updated = new List<(Table, Row, Row, List<string>)>();
        foreach (var table in tables)
            foreach (var (key, row) in after[table.Name])
            {
                if (!before[table.Name].TryGetValue(key, out var old)) inserted.Add((table, row));
                else if (row.Keys.Where(c => Text(row[c]) != Text(old[c])).ToList() is { Count: > 0 } changed) updated.Add((table, old, row, changed));
            }
        if (before.Any(t => t.Value.Keys.Except(after[t.Key].Keys).Any())) throw new InvalidOperationException("The transition deleted rows: the floor does not know how to copy that.");
        return new(inserted, updated);
    }

    private static string Describe(Written written) =>
        string.Join(", ", written.Inserted.GroupBy(r => r.Table.Name).Select(g => $"{g.Count()} INSERT into {g.Key}")
            .Concat(written.Updated.GroupBy(r => r.Table.Name).Select(g => $"{g.Count()} UPDATE of {g.Key} ({string.Join(", ", g.SelectMany(r => r.Columns).Distinct())})")));

    /// <summary>A copy of the template application: its id, and the id of each copied row by the template row's id.</summary>
    private sealed record Copy(Guid Application, Dictionary<string, object> Ids);

    /// <summary>
    /// Copies of one submitted application of the scale set: its workflow instance, the application, and every row of every table
    /// that points at either (budget, partners, participants, its open task…), each with a new id, in one transaction.
    /// </summary>
    private static async Task<List<Copy>> CopySubmittedAsync(BenchSetup setup, string connection, List<Table> tables, int count)
    {
        await using var db = Connect(setup, connection);
        await db.OpenAsync();
        var template = (await ReadAsync(db, null, $"""
            SELECT a."Id", a."WorkflowInstanceId" FROM "Applications" a JOIN "WorkflowInstances" w ON w."Id" = a."WorkflowInstanceId"
            WHERE w."Stage" = '{SourceStage}' AND a."Reference" LIKE 'SCALE-%' ORDER BY a."Reference" LIMIT 1
            """)).Single();
        var (applicationId, instanceId) = (template["Id"], template["WorkflowInstanceId"]);
        var rows = new List<(Table Table, Row Row)>();
        var instances = tables.Single(t => t.Name == "WorkflowInstances");
        var applications = tables.Single(t => t.Name == "Applications");
        rows.AddRange((await ReadAsync(db, null, """SELECT * FROM "WorkflowInstances" WHERE "Id" = @v0""", instanceId)).Select(r => (instances, r)));
        rows.AddRange((await ReadAsync(db, null, """SELECT * FROM "Applications" WHERE "Id" = @v0""", applicationId)).Select(r => (applications, r)));
        foreach (var table in tables.Where(t => t != instances && t != applications))
            foreach (var column in PointingColumns.Where(table.StoreTypes.ContainsKey))
                rows.AddRange((await ReadAsync(db, null, $"SELECT * FROM \"{table.Name}\" WHERE \"{column}\" = " +
                        (setup.IsPostgres ? $"CAST(@v0 AS {table.StoreTypes[column]})" : "@v0"),
                    column == "ApplicationId" ? applicationId : instanceId)).Select(r => (table, r)));

        var copies = new List<Copy>();
        await using var transaction = await db.BeginTransactionAsync();
        for (var n = 1; n <= count; n++)
        {
            var ids = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (table, row) in rows)
                if (row.TryGetValue("Id", out var id)) ids[Text(id)] = NewIdLike(id);
            foreach (var (table, row) in rows)
            {
                var copy = Remap(row, ids);
                if (table == applications) copy["Reference"] = string.Create(CultureInfo.InvariantCulture, $"BENCH-{n}");
                await InsertAsync(setup, db, transaction, table, copy);
            }
            copies.Add(new Copy(Guid.Parse(Text(ids[Text(applicationId)])), ids));
        }
        await transaction.CommitAsync();
        return copies;
    }

    private static readonly string[] PointingColumns = ["ApplicationId", "InstanceId"];

    /// <summary>A new id in the form of <paramref name="id"/>: a Guid (PostgreSQL), or its upper-case text (SQLite).</summary>
    private static object NewIdLike(object id) => id switch
    {
        Guid => Guid.NewGuid(),
        string s when Guid.TryParse(s, out _) => Guid.NewGuid().ToString("D").ToUpperInvariant(),
        _ => throw new InvalidOperationException($"An id that is not a Guid ({id}): the copy does not know how to make a new one."),
    };

    /// <summary>The row with every value that is one of the mapped ids replaced by its new id (in the same form).</summary>
    private static Row Remap(Row row, Dictionary<string, object> ids)
    {
        var copy = new Row();
        foreach (var (column, value) in row)
            copy[column] = value is Guid or string && ids.TryGetValue(Text(value), out var mapped)
                ? value is string && mapped is Guid g ? g.ToString("D") : mapped
                : value;
        return copy;
    }

    private static async Task InsertAsync(BenchSetup setup, DbConnection db, DbTransaction transaction, Table table, Row row)
    {
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
        var columns = row.Keys.ToList();
#pragma warning disable CA2100 // table and column names from the app's model; values are parameters
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((c, i) => Placeholder(setup, table, c, i)))})";
#pragma warning restore CA2100
        for (var i = 0; i < columns.Count; i++) Add(command, $"@p{i}", row[columns[i]]);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A parameter, cast to the column's type on PostgreSQL (a text read from jsonb goes back as jsonb).</summary>
    private static string Placeholder(BenchSetup setup, Table table, string column, int i) =>
        setup.IsPostgres ? $"CAST(@p{i} AS {table.StoreTypes[column]})" : $"@p{i}";

    /// <summary>
    /// The floor: for one application, the rows the probe transition wrote, with the probe's ids replaced by this copy's (and
    /// new ids for the new rows): its UPDATEs and INSERTs with plain ADO.NET in one transaction. Audit records take numbers of
    /// their own above the trail's and keep the probe's hash: the floor does not chain.
    /// </summary>
    private sealed class Floor(BenchSetup setup, string connection, Written written, Copy probe, long firstSequence)
    {
        private long _sequence = firstSequence;

        public async Task<double> WriteAsync(Copy target, int worker)
        {
            // From the probe's ids to the template's to this copy's; every new row gets new ids.
            var ids = new Dictionary<string, object>(StringComparer.Ordinal);
            var template = probe.Ids.ToDictionary(p => Text(p.Value), p => p.Key, StringComparer.Ordinal);
            foreach (var (probeId, templateId) in template) ids[probeId] = target.Ids[templateId];
            foreach (var (table, row) in written.Inserted)
                if (row.TryGetValue("Id", out var id) && !ids.ContainsKey(Text(id))) ids[Text(id)] = NewIdLike(id);

            await using var db = Connect(setup, connection);
            await db.OpenAsync();
            await using var transaction = await db.BeginTransactionAsync();
            foreach (var (table, before, after, columns) in written.Updated)
            {
                var key = Remap(before, ids);
                var values = Remap(after, ids);
                await using var command = db.CreateCommand();
                command.Transaction = transaction;
                var i = 0;
                var set = string.Join(", ", columns.Select(c => $"\"{c}\" = {Placeholder(setup, table, c, i++)}"));
                var where = string.Join(" AND ", table.Key.Select(c => $"\"{c}\" = {Placeholder(setup, table, c, i++)}"));
#pragma warning disable CA2100 // table and column names from the app's model; values are parameters
                command.CommandText = $"UPDATE \"{table.Name}\" SET {set} WHERE {where}";
#pragma warning restore CA2100
                i = 0;
                foreach (var c in columns) Add(command, $"@p{i++}", values[c]);
                foreach (var c in table.Key) Add(command, $"@p{i++}", key[c]);
                if (await command.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"The floor's UPDATE of {table.Name} found no row.");
            }
            foreach (var (table, row) in written.Inserted)
            {
                var copy = Remap(row, ids);
                if (table.Name == "AuditEvents") copy["Sequence"] = Interlocked.Increment(ref _sequence);
                await InsertAsync(setup, db, transaction, table, copy);
            }
            await transaction.CommitAsync();
            return 0;
        }
    }

    /// <summary>The SQL EF Core sends while it is in use, from its diagnostic events (the app's context is not the benchmark's to configure).</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<string> _commands;
        private readonly List<IDisposable> _subscriptions = [];
        private bool _recording = true;

        public CommandRecorder(List<string> commands)
        {
            _commands = commands;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (_recording && value.Key == RelationalEventId.CommandExecuted.Name && value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed)
                lock (_commands) _commands.Add(executed.Command.CommandText);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _recording = false;
            lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
        }
    }
}
