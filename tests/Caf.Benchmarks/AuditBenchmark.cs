using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.Web.Features.Audit;
using Caf.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Benchmarks;

/// <summary>
/// Issue 13's benchmark: a trail of N records (1,000,000 by default) made as the app makes them, then `audit verify`
/// beside SHA-256 over the same bytes, `audit export` beside reading the rows, and the Audit page's keyset pages beside
/// the same rows read by one raw SQL query.
/// </summary>
internal static class AuditBenchmark
{
    public static async Task RunAsync(BenchSetup setup)
    {
        var settings = await setup.AppSettingsAsync();
        var report = new List<string>
        {
            $"### Audit trail, {setup.Provider}, {setup.Records:N0} records",
            "",
            BenchSetup.Machine,
            "",
        };

        if (!setup.Reuse || await CountAsync(setup) != setup.Records)
        {
            await setup.RecreateAsync();
            await ChildRun.RunAsync(setup.AppPath, settings, "migrate");
            var filling = Stopwatch.StartNew();
            await FillAsync(setup);
            report.Add($"Filling: {setup.Records:N0} records chained and inserted through EF Core in {filling.Elapsed.TotalSeconds:N1} s (not a measured figure).");
            report.Add("");
        }
        else await ChildRun.RunAsync(setup.AppPath, settings, "migrate"); // a reused database gets the indexes added since
        var checkpoint = Path.Combine(setup.WorkFolder, "checkpoint.json");
        await ChildRun.RunAsync(setup.AppPath, settings, "audit", "checkpoint", "--out", checkpoint);

        // The floors, in this process: every row read with a plain data reader, then SHA-256 over each record's bytes in memory.
        var (readAndHashTime, readTime, bytes) = await FloorsAsync(setup);
        var hashing = Stopwatch.StartNew();
        foreach (var b in bytes) SHA256.HashData(b);
        hashing.Stop();
        var totalBytes = bytes.Sum(b => (long)b.Length);
        bytes.Clear();

        var verify = await ChildRun.RunAsync(setup.AppPath, settings, "audit", "verify", "--checkpoint", checkpoint);
        var (inProcess, inProcessCpu, inProcessResult) = await VerifyInProcessAsync(setup, settings["Audit__SigningKeyPath"], checkpoint);
        var extractFile = Path.Combine(setup.WorkFolder, "extract.xlsx");
        var extract = await ChildRun.RunAsync(setup.AppPath, settings, "audit", "export", "--out", extractFile);
        var extractSize = new FileInfo(extractFile).Length;
        File.Delete(extractFile);
        var oneDayRecords = setup.Records * 157 / 86_400 + 1;
        var day = await MiddleDayAsync(setup);
        var smallExtract = await ChildRun.RunAsync(setup.AppPath, settings, "audit", "export", "--out", extractFile, "--from", day, "--to", day);
        File.Delete(extractFile);
        var startUp = await ChildRun.RunAsync(setup.AppPath, settings, "audit", "export", "--out", extractFile, "--from", "2000-01-01", "--to", "2000-01-01");
        File.Delete(extractFile);

        report.Add("| What | Time | Peak memory | Floor | Floor time | Ratio |");
        report.Add("|---|---:|---:|---|---:|---:|");
        report.Add($"| `audit verify --checkpoint` | {Seconds(verify.Elapsed)} | {Mb(verify.PeakBytes)} | " +
                   $"SHA-256 over the same {totalBytes / 1e6:N0} MB in memory | {Seconds(hashing.Elapsed)} | {verify.Elapsed / hashing.Elapsed:N1}× |");
        report.Add($"| | | | the same rows read with a data reader and hashed as they come | {Seconds(readAndHashTime)} | {verify.Elapsed / readAndHashTime:N1}× |");
        report.Add($"| `AuditVerifier` in this process, without start-up ({Environment.ProcessorCount} CPU; {Seconds(inProcessCpu)} of CPU time) | {Seconds(inProcess)} | | " +
                   $"SHA-256 over the same bytes in memory | {Seconds(hashing.Elapsed)} | {inProcess / hashing.Elapsed:N1}× ({hashing.Elapsed / inProcess:P0} of its throughput) |");
        report.Add($"| | | | the same rows read with a data reader and hashed as they come | {Seconds(readAndHashTime)} | {inProcess / readAndHashTime:N1}× |");
        report.Add($"| | | | the same rows read with a data reader | {Seconds(readTime)} | {inProcess / readTime:N1}× |");
        report.Add($"| `audit export` of every record ({extractSize / 1e6:N0} MB workbook) | {Seconds(extract.Elapsed)} | {Mb(extract.PeakBytes)} | the same rows read with a data reader | {Seconds(readTime)} | {extract.Elapsed / readTime:N1}× |");
        report.Add($"| `audit export` of one day (about {oneDayRecords:N0} records) | {Seconds(smallExtract.Elapsed)} | {Mb(smallExtract.PeakBytes)} | | | |");
        report.Add($"| the command line starting and writing an empty extract | {Seconds(startUp.Elapsed)} | {Mb(startUp.PeakBytes)} | | | |");
        report.Add("");
        report.Add($"`audit verify` said: {verify.Output.Split('\n')[^1].Trim()}");
        if (inProcessResult != verify.Output.Split('\n')[^1].Trim()) report.Add($"In this process it said something else: {inProcessResult}");
        report.Add("");
        report.AddRange(await PagesAsync(setup, settings));
        foreach (var line in report) Console.WriteLine(line);
    }

    /// <summary>
    /// Verification as `audit verify --checkpoint` runs it, in this process: no start-up, after one run to warm up; its wall
    /// time, the CPU time of this process meanwhile (every thread), and what it found.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, string Result)> VerifyInProcessAsync(BenchSetup setup, string keyPath, string checkpointPath)
    {
        using var key = AuditSigningKey.Read(keyPath, out var problem) ?? throw new InvalidOperationException(problem);
        var (kept, _) = AuditCheckpointFile.Read(await File.ReadAllTextAsync(checkpointPath));
        AuditVerification result = null!;
        var (elapsed, cpu) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var run = 0; run < 2; run++)
        {
            await using var db = Open(setup);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            result = await AuditVerifier.VerifyAsync(db, key, kept, CancellationToken.None);
            (elapsed, cpu) = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
        }
        return (elapsed, cpu, result.ToString());
    }

    /// <summary>The Audit page's reads through its use case, each beside the same rows read by one raw SQL query.</summary>
    private static async Task<List<string>> PagesAsync(BenchSetup setup, Dictionary<string, string> settings)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            Args = [], EnvironmentName = "Production", ContentRootPath = Path.GetDirectoryName(setup.AppPath),
        });
        foreach (var (name, value) in settings) builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        CafHost.AddServices(builder);
        await using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
        var middle = setup.Records / 2;
        var someone = await db.AuditEvents.Where(e => e.Sequence == middle).Select(e => e.UserName).SingleAsync();
        var monthStart = DateOnly.FromDateTime(await db.AuditEvents.Where(e => e.Sequence == middle).Select(e => e.OccurredAtUtc).SingleAsync());

        var lines = new List<string>
        {
            "| Audit page read (median of 20, ms) | Use case | One raw SQL query on the columns, same rows | Ratio |",
            "|---|---:|---:|---:|",
        };
        async Task Row(string what, AuditFilter filter, long? before, string sql)
        {
            var page = await Median(async () => await trail.ReadAsync(filter, before, CancellationToken.None));
            var raw = await Median(() => RawAsync(db, sql));
            lines.Add($"| {what} | {page:N2} | {raw:N2} | {page / raw:N1}× |");
        }
        const string Columns = """SELECT "Sequence", "OccurredAtUtc", "UserName", "Action", "EntityType", "EntityId", "Details", "IpAddress", "CorrelationId" FROM "AuditEvents" """;
        await Row("first page, no filter", Empty, null, Columns + """ORDER BY "Sequence" DESC LIMIT 51""");
        await Row($"a page in the middle (before {middle:N0})", Empty, middle, Columns + $"""WHERE "Sequence" < {middle} ORDER BY "Sequence" DESC LIMIT 51""");
        await Row("the last page", Empty, 51, Columns + """WHERE "Sequence" < 51 ORDER BY "Sequence" DESC LIMIT 51""");
        await Row("one person, first page", Empty with { Person = someone }, null, Columns + $"""WHERE "UserName" = '{someone}' ORDER BY "Sequence" DESC LIMIT 51""");
        await Row("one person, a page in the middle", Empty with { Person = someone }, middle,
            Columns + $"""WHERE "UserName" = '{someone}' AND "Sequence" < {middle} ORDER BY "Sequence" DESC LIMIT 51""");
        await Row("a rare action (signin.locked-out), first page", Empty with { Action = "signin.locked-out" }, null,
            Columns + """WHERE "Action" = 'signin.locked-out' ORDER BY "Sequence" DESC LIMIT 51""");
        var from = FundTime.ToUtc(monthStart.ToDateTime(TimeOnly.MinValue))!.Value;
        var to = FundTime.ToUtc(monthStart.AddDays(7).ToDateTime(TimeOnly.MinValue))!.Value;
        await Row("one week, first page", Empty with { From = monthStart, To = monthStart.AddDays(6) }, null,
            Columns + $"""WHERE "OccurredAtUtc" >= '{Stamp(setup, from)}' AND "OccurredAtUtc" < '{Stamp(setup, to)}' ORDER BY "Sequence" DESC LIMIT 51""");
        var first = DateOnly.FromDateTime(await db.AuditEvents.Where(e => e.Sequence == 1).Select(e => e.OccurredAtUtc).SingleAsync());
        var last = DateOnly.FromDateTime(await db.AuditEvents.OrderByDescending(e => e.Sequence).Select(e => e.OccurredAtUtc).FirstAsync());
        var yearAgo = last.AddYears(-1);
        await Row("from a day a year before the last record (no last day), first page", Empty with { From = yearAgo }, null,
            Columns + $"""WHERE "OccurredAtUtc" >= '{Stamp(setup, FundTime.ToUtc(yearAgo.ToDateTime(TimeOnly.MinValue))!.Value)}' ORDER BY "Sequence" DESC LIMIT 51""");
        var firstMonthEnd = first.AddDays(30);
        await Row("up to a day in the first month (no first day), first page", Empty with { To = firstMonthEnd }, null,
            Columns + $"""WHERE "OccurredAtUtc" < '{Stamp(setup, FundTime.ToUtc(firstMonthEnd.AddDays(1).ToDateTime(TimeOnly.MinValue))!.Value)}' ORDER BY "Sequence" DESC LIMIT 51""");
        var choices = await Median(async () => await trail.ChoicesAsync(CancellationToken.None));
        var firstPage = await Median(() => RawAsync(db, Columns + """ORDER BY "Sequence" DESC LIMIT 51"""));
        lines.Add($"| the filter's choices (actions and record types that occur) | {choices:N2} | {firstPage:N2} (first page) | {choices / firstPage:N1}× |");
        lines.Add("");
        return lines;
    }

    private static readonly AuditFilter Empty = new(null, null, null, null, null, null);

    private static string Stamp(BenchSetup setup, DateTime utc) =>
        utc.ToString(setup.IsPostgres ? "yyyy-MM-dd HH:mm:ss.fff" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task<int> RawAsync(CafDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the benchmark's own fixed text and numbers
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }
        return rows;
    }

    /// <summary>The median time of 20 runs after 3 to warm up, in milliseconds.</summary>
    private static async Task<double> Median<T>(Func<Task<T>> work)
    {
        for (var i = 0; i < 3; i++) await work();
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[9] + times[10]) / 2;
    }

    private static string Seconds(TimeSpan time) => BenchSetup.Seconds(time);
    private static string Mb(long bytes) => BenchSetup.Mb(bytes);

    private static CafDbContext Open(BenchSetup setup) => setup.Open();

    private static async Task<long> CountAsync(BenchSetup setup)
    {
        try
        {
            await using var db = Open(setup);
            return await db.AuditEvents.LongCountAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return -1;
        }
    }

    /// <summary>A Geneva day half-way through the trail, as YYYY-MM-DD.</summary>
    private static async Task<string> MiddleDayAsync(BenchSetup setup)
    {
        await using var db = Open(setup);
        var middle = setup.Records / 2;
        var at = await db.AuditEvents.Where(e => e.Sequence == middle).Select(e => e.OccurredAtUtc).SingleAsync();
        return FundTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The floors, each a pass over every record in sequence order with a plain data reader: the first (not timed, it also
    /// warms the database's cache as verify and export find it) keeps each record's bytes as the chain hashes them; the
    /// second reads and hashes each record as it comes, as verify does; the third only reads, as the extract must.
    /// </summary>
    private static async Task<(TimeSpan ReadAndHash, TimeSpan Read, List<byte[]> Bytes)> FloorsAsync(BenchSetup setup)
    {
        await using var db = Open(setup);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var bytes = new List<byte[]>((int)setup.Records);
        var times = new TimeSpan[3];
        for (var pass = 0; pass < 3; pass++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT "Sequence", "Id", "OccurredAtUtc", "UserId", "UserName", "Action", "EntityType", "EntityId", "Details", "IpAddress", "CorrelationId", "PreviousHash", "Hash"
                FROM "AuditEvents" ORDER BY "Sequence"
                """;
            var clock = Stopwatch.StartNew();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (sequence, id, at, userId, userName, action) = (reader.GetInt64(0), reader.GetGuid(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                    Text(reader, 3), reader.GetString(4), reader.GetString(5));
                var (type, entityId, details, ip, correlation, previous, hash) = (Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10),
                    reader.GetString(11), reader.GetString(12));
                if (pass == 2) continue;
                var record = AuditChain.CanonicalBytes(sequence, id, at, userId, userName, action, type, entityId, details, ip, correlation, previous);
                if (pass == 0) bytes.Add(record);
                else if (Convert.ToHexStringLower(SHA256.HashData(record)) != hash) throw new InvalidOperationException($"Record {sequence} does not hash to its hash.");
            }
            times[pass] = clock.Elapsed;
        }
        return (times[1], times[2], bytes);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// The trail as the app writes it (<see cref="AuditHistory"/>): a fixed seed, 500 people, five years of records from
    /// 3 January 2022; inserted through EF Core in batches of 10,000.
    /// </summary>
    private static Task FillAsync(BenchSetup setup)
    {
        var random = new Random(2026);
        var people = Enumerable.Range(1, 500)
            .Select(i => new AuditHistory.Person(new Guid(random.Next(), 0, 0, new byte[8]).ToString(), $"person{i:000}@mine-action.example")).ToList();
        return AuditHistory.AppendAsync(() => Open(setup), setup.Records, people, new DateTime(2022, 1, 3, 7, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 31, 18, 0, 0, DateTimeKind.Utc), 2026, CancellationToken.None);
    }
}
