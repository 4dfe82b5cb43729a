using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace Caf.Benchmarks;

/// <summary>
/// Issue 16's fund ledger benchmark: the large scale data set (50,000 ledger entries), then `ledger export` — the fund
/// ledger workbook as the command line and the download write it — beside its floor, the same rows read with one raw SQL
/// query and streamed into a one-sheet workbook with a minimal OpenXmlWriter, each in a process of its own.
/// </summary>
internal static class LedgerBenchmark
{
    /// <summary>The floor's own verb: this program run again as a child, so that its time and memory are measured as the app's.</summary>
    public const string FloorVerb = "ledger-floor";
    private const int Runs = 3;

    public static async Task RunAsync(BenchSetup setup)
    {
        var settings = await setup.AppSettingsAsync();
        var report = new List<string> { $"### Fund ledger workbook, {setup.Provider}", "", BenchSetup.Machine, "" };
        if (!setup.Reuse || await CountAsync(setup) < 50_000)
        {
            await setup.RecreateAsync();
            var filling = Stopwatch.StartNew();
            await ChildRun.RunAsync(setup.AppPath, settings, "seed", "--scale", "large", "--force-demo");
            report.Add($"Filling: `seed --scale large` in {filling.Elapsed.TotalSeconds:N0} s (not a measured figure).");
            report.Add("");
        }
        else await ChildRun.RunAsync(setup.AppPath, settings, "migrate");
        var entries = await CountAsync(setup);

        var file = Path.Combine(setup.WorkFolder, "fund-ledger.xlsx");
        var floorFile = Path.Combine(setup.WorkFolder, "fund-ledger-floor.xlsx");
        var floorSettings = new Dictionary<string, string>(settings) { ["CAF_BENCH_OUT"] = floorFile };
        var self = typeof(LedgerBenchmark).Assembly.Location;
        // Once each first, not measured: the database's cache warm for both.
        await ChildRun.RunAsync(setup.AppPath, settings, "ledger", "export", "--out", file);
        await ChildRun.RunAsync(self, floorSettings, FloorVerb);
        var (exports, floors) = (new List<ChildRun>(), new List<ChildRun>());
        for (var i = 0; i < Runs; i++)
        {
            exports.Add(await ChildRun.RunAsync(setup.AppPath, settings, "ledger", "export", "--out", file));
            floors.Add(await ChildRun.RunAsync(self, floorSettings, FloorVerb));
        }
        var (size, floorSize) = (new FileInfo(file).Length, new FileInfo(floorFile).Length);
        var empty = await ChildRun.RunAsync(setup.AppPath, settings, "ledger", "export", "--out", file, "--as-of", "2001-01-01");
        File.Delete(file);
        File.Delete(floorFile);

        static TimeSpan Median(List<ChildRun> runs) => runs.Select(r => r.Elapsed).Order().ElementAt(runs.Count / 2);
        static string Each(List<ChildRun> runs) => string.Join("; ", runs.Select(r => $"{BenchSetup.Seconds(r.Elapsed)}, {BenchSetup.Mb(r.PeakBytes)}"));
        var (time, floorTime) = (Median(exports), Median(floors));
        var (peak, floorPeak) = (exports.Max(r => r.PeakBytes), floors.Max(r => r.PeakBytes));
        report.Add("| What | Time (median of 3) | Peak memory | Floor | Floor time | Floor memory | Ratio (time) |");
        report.Add("|---|---:|---:|---|---:|---:|---:|");
        report.Add($"| `ledger export`: the fund ledger workbook of {entries:N0} entries ({size / 1e6:N2} MB) | {BenchSetup.Seconds(time)} | {BenchSetup.Mb(peak)} | " +
                   $"the same rows read with one raw SQL query and streamed with a minimal OpenXmlWriter into one sheet ({floorSize / 1e6:N2} MB) | " +
                   $"{BenchSetup.Seconds(floorTime)} | {BenchSetup.Mb(floorPeak)} | {time / floorTime:N1}× |");
        report.Add($"| the command line starting and writing an empty ledger (as of 2001-01-01) | {BenchSetup.Seconds(empty.Elapsed)} | {BenchSetup.Mb(empty.PeakBytes)} | | | | |");
        report.Add("");
        report.Add($"Each run, workbook: {Each(exports)}; floor: {Each(floors)}. Every time is a whole process, start-up included.");
        report.Add("");
        foreach (var line in report) Console.WriteLine(line);
    }

    private static async Task<int> CountAsync(BenchSetup setup)
    {
        try
        {
            await using var db = setup.Open();
            return await db.LedgerEntries.CountAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            Console.Error.WriteLine($"(no ledger entries counted: {ex.GetType().Name}: {ex.Message})");
            return -1;
        }
    }

    /// <summary>
    /// The floor, in its own process: every ledger row with its grant and the entries a reversal links, in the workbook's
    /// order, read with one raw SQL query and written as they come into one sheet of inline strings and numbers.
    /// </summary>
    public static async Task<int> FloorAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("Database__Provider") == "Postgres";
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Caf")!;
        await using DbConnection connection = postgres ? new Npgsql.NpgsqlConnection(connectionString) : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e."ValueDate", e."Kind", a."Reference", e."Description", e."Donor", e."Earmarking", e."BankReference", e."Currency", e."Amount",
                   e."FundAmount", e."Rate", e."RateDate", e."RateSource", o."ValueDate", o."Description", r."ValueDate", r."Description"
            FROM "LedgerEntries" e
            LEFT JOIN "Applications" a ON a."Id" = e."ApplicationId"
            LEFT JOIN "LedgerEntries" o ON o."Id" = e."ReversesEntryId"
            LEFT JOIN "LedgerEntries" r ON r."ReversesEntryId" = e."Id"
            ORDER BY e."ValueDate", e."RecordedAtUtc", e."Id"
            """;
        await using var output = File.Create(Environment.GetEnvironmentVariable("CAF_BENCH_OUT")!);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var rows = 0;
        using (var writer = OpenXmlWriter.Create(worksheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                writer.WriteStartElement(new Row());
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i)) writer.WriteElement(new Cell());
                    else if (i is 8 or 9 or 10)
                        writer.WriteElement(new Cell { CellValue = new CellValue(reader.GetDecimal(i).ToString(CultureInfo.InvariantCulture)) });
                    else if (i is 0 or 11)
                        writer.WriteElement(new Cell { CellValue = new CellValue(reader.GetFieldValue<DateOnly>(i).ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) });
                    else
                        writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)) });
                }
                writer.WriteEndElement();
                rows++;
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Ledger" }));
        Console.WriteLine(rows.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
