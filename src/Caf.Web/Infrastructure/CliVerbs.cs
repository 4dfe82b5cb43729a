using System.Globalization;
using Caf.Data;
using Caf.Data.ReferenceData;
using Caf.Web.Features.Admin;
using Caf.Web.Features.Finance;
using Caf.Web.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Infrastructure;

/// <summary>
/// The command-line verbs of the same executable: migrate, seed --demo, admin create, ledger export --out FILE [--grant REF],
/// reconciliation export --out FILE, import states-parties FILE, audit verify, audit checkpoint, workflows.
/// </summary>
internal static partial class CliVerbs
{
    /// <summary>How to call the verbs, in the run's language.</summary>
    public static string Usage => CliText.Get("Cli.Usage");

    /// <summary>A first argument that is not an option is a verb (--language and its value may come first).</summary>
    public static bool IsVerb(string[] args) => CliText.WithoutLanguage(args) is [var first, ..] && !first.StartsWith('-');

    /// <summary>Runs the verb, saying what it does in the operator's language (<see cref="CliText"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (language, rest, unknown) = CliText.Choose(args, Environment.GetEnvironmentVariable);
        // What a verb makes (rows, records, files) is the same whatever the language or the machine's locale (ADR 0034).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        if (unknown is not null) return Fail(CliText.Format("Cli.Language.Unknown", unknown));
        CliText.Speak(language);
        return await RunVerbAsync(rest);
    }

    private static async Task<int> RunVerbAsync(string[] args)
    {
        var positional = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var options = Options(args);
        var verb = string.Join(' ', positional.Take(positional.FirstOrDefault() is "ledger" or "reconciliation" or "workflows" or "import" or "admin" or "audit" ? 2 : 1));
        switch (verb)
        {
            case "migrate":
                return await WithServicesAsync(async services =>
                {
                    var db = services.GetRequiredService<CafDbContext>();
                    var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                    await db.Database.MigrateAsync();
                    Console.WriteLine(pending.Count == 0
                        ? CliText.Get("Cli.Migrate.UpToDate")
                        : CliText.Format("Cli.Migrate.Applied", pending.Count, string.Join(", ", pending)));
                    return 0;
                });
            case "seed" when options.ContainsKey("--scale"):
                if (ScaleSize.Named(Single(options, "--scale")) is not { } size) return Fail(CliText.Get("Cli.Scale.Unknown"));
                return await WithServicesAsync(async services =>
                {
                    if (DemoRefused(services, options)) return 1;
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var db = services.GetRequiredService<CafDbContext>();
                    if (Caf.Web.Seeding.ScaleSql.For(db.Database) is null) return Fail(CliText.Get("Cli.Scale.Provider"));
                    // The audit history first, on a new database: its five years come before the demo data's records (time
                    // never goes backwards along the chain).
                    await db.Database.MigrateAsync();
                    var scale = services.GetRequiredService<ScaleSeeder>();
                    var fresh = !await db.AuditEvents.AnyAsync();
                    if (fresh) await scale.AppendAuditHistoryAsync(size, CancellationToken.None);
                    await StartupTasks.PrepareAsync(services, services.GetRequiredService<IConfiguration>(),
                        services.GetRequiredService<ILogger<DemoSeeder>>(), migrate: true, seedDemo: false, CancellationToken.None);
                    await services.GetRequiredService<DemoSeeder>().SeedAsync(includeApplications: true);
                    if (await scale.IsThereAsync(CancellationToken.None))
                    {
                        Console.WriteLine(CliText.Get("Cli.Scale.AlreadyThere"));
                        return 0;
                    }
                    if (!fresh) await scale.AppendAuditHistoryAsync(size, CancellationToken.None);
                    await scale.SeedAsync(size, CancellationToken.None);
                    Console.WriteLine(CliText.Format("Cli.Scale.Added", size.Name, watch.Elapsed.TotalSeconds, size.Applications, size.Rounds,
                        size.LedgerEntries, size.AuditRecords, size.Users));
                    return 0;
                });
            case "seed" when options.ContainsKey("--demo"):
                return await WithServicesAsync(async services =>
                {
                    if (DemoRefused(services, options)) return 1;
                    await StartupTasks.PrepareAsync(services, services.GetRequiredService<IConfiguration>(),
                        services.GetRequiredService<ILogger<DemoSeeder>>(), migrate: true, seedDemo: false, CancellationToken.None);
                    var added = await services.GetRequiredService<DemoSeeder>().SeedAsync(includeApplications: true);
                    Console.WriteLine(CliText.Get(added ? "Cli.Seed.Added" : "Cli.Seed.AlreadyThere"));
                    return 0;
                });
            case "admin create" when Single(options, "--email") is { Length: > 0 } email && Single(options, "--name") is { Length: > 0 } name:
                if (!Caf.Data.Entities.InvitationRequest.LooksLikeAnEmailAddress(email))
                    return Fail(CliText.Format("Cli.Admin.NotAnEmail", email));
                return await WithServicesAsync(async services =>
                {
                    var configuration = services.GetRequiredService<IConfiguration>();
                    await StartupTasks.PrepareAsync(services, configuration, services.GetRequiredService<ILogger<AdministratorInvitation>>(),
                        migrate: configuration.GetValue("Database:MigrateOnStartup", true), seedDemo: false, CancellationToken.None);
                    var result = await services.GetRequiredService<AdministratorInvitation>().CreateAsync(email, name,
                        options.ContainsKey("--force"), RecordedAs, CancellationToken.None);
                    if (result.Link is null)
                    {
                        Console.Error.WriteLine(CliText.Format("Cli.Admin.NotCreated", result.Administrators is { } administrators
                            ? CliText.Format("Cli.Admin.AlreadyExists", string.Join(", ", administrators)) : result.Problem));
                        return 1;
                    }
                    Console.WriteLine(CliText.Format("Cli.Admin.Created", name, email, result.ExpiresAtUtc));
                    Console.WriteLine(result.Link);
                    return 0;
                });
            case "ledger export" when Single(options, "--out") is { Length: > 0 } path:
                if (AsOfProblem(options, out var asOf) is { } asOfProblem) return Fail(asOfProblem);
                if (options.ContainsKey("--grant"))
                {
                    var reference = Single(options, "--grant")?.Trim().ToUpperInvariant() ?? "";
                    if (!GrantReference().IsMatch(reference))
                        return Fail(CliText.Format("Cli.Ledger.NotAReference", Single(options, "--grant")));
                    return await WithServicesAsync(services => ExportGrantLedgerAsync(services.GetRequiredService<GrantLedger>(), reference, asOf, path));
                }
                return await WithServicesAsync(async services =>
                {
                    LedgerTotals report;
                    try
                    {
                        await using var file = File.Create(path);
                        report = await services.GetRequiredService<FundLedger>().ExportAsync(asOf, file, CancellationToken.None);
                    }
                    catch
                    {
                        File.Delete(path); // streamed as it is read: no half-written workbook is left behind
                        throw;
                    }
                    Console.WriteLine(CliText.Format("Cli.Ledger.Wrote", report.EntryCount, Path.GetFullPath(path), report.AsOf,
                        CliText.Amounts(report.PerCurrency.Select(t => t.CashIn)), CliText.Amounts(report.PerCurrency.Select(t => t.CashOut)),
                        CliText.Amounts(report.PerCurrency.Select(t => t.Balance)), CliText.Amounts(report.PerCurrency.Select(t => t.OpenCommitments)),
                        report.ExchangeDifferences.Balance, CliText.Interface("Ledger.PerCurrencyNote", report.PerCurrency[0].Currency)));
                    return 0;
                });
            case "reconciliation export" when Single(options, "--out") is { Length: > 0 } path:
                if (AsOfProblem(options, out var reconciledAsOf) is { } problem) return Fail(problem);
                return await WithServicesAsync(async services =>
                {
                    var (content, figures) = await services.GetRequiredService<ReconciliationReport>().ExportAsync(reconciledAsOf, CancellationToken.None);
                    await File.WriteAllBytesAsync(path, content);
                    Console.WriteLine(CliText.Format("Cli.Reconciliation.Wrote", Path.GetFullPath(path), figures.AsOf, figures.Confirmed,
                        figures.Proposed, figures.UnmatchedLines.Count, figures.UnmatchedEntries.Count, figures.Grants.Count, figures.Refunds.Count));
                    return 0;
                });
            case "import states-parties" when positional.Count == 3:
                if (!File.Exists(positional[2])) return Fail(CliText.Format("Cli.Import.NoFile", positional[2]));
                var content = await File.ReadAllBytesAsync(positional[2]);
                return await WithServicesAsync(async services =>
                {
                    var result = await services.GetRequiredService<ReferenceDataImports>().ImportStatesPartiesAsync(positional[2], content, null,
                        RecordedAs, CancellationToken.None);
                    if (result.Import is not { } import)
                    {
                        foreach (var problem in result.Problems) Console.Error.WriteLine(CliText.Format("Cli.Import.Problem", problem.Line, problem.Message));
                        Console.Error.WriteLine(CliText.Format("Cli.Import.NothingImported", result.Problems.Count, positional[2]));
                        return 1;
                    }
                    Console.WriteLine(CliText.Format("Cli.Import.Imported", import.RowCount, import.Id, import.ImportedAtUtc));
                    return 0;
                });
            case "audit verify":
                return await WithServicesAsync(services => AuditVerbs.VerifyAsync(services, Single(options, "--checkpoint"), Single(options, "--public-key")));
            case "audit export" when Single(options, "--out") is { Length: > 0 } auditOut:
                if (DateOption(options, "--from", out var auditFrom) is { } fromProblem) return Fail(fromProblem);
                if (DateOption(options, "--to", out var auditTo) is { } toProblem) return Fail(toProblem);
                return await WithServicesAsync(services => AuditVerbs.ExportAsync(services, auditOut, auditFrom, auditTo));
            case "audit checkpoint":
                return await WithServicesAsync(services => AuditVerbs.CheckpointAsync(services, Single(options, "--out")));
            case "workflows validate":
                return await WithServicesAsync(services =>
                    Task.FromResult(WorkflowVerbs.Validate(services, positional.Skip(2).ToList())));
            case "workflows graph" when positional.Count == 3:
                return await WithServicesAsync(services =>
                    WorkflowVerbs.GraphAsync(services, positional[2], Single(options, "--version"), Single(options, "--format")));
            case "workflows migrate-instances"
                when Single(options, "--id") is { } id && int.TryParse(Single(options, "--from"), out var from)
                     && int.TryParse(Single(options, "--to"), out var to):
                return await WithServicesAsync(services =>
                    WorkflowVerbs.MigrateInstancesAsync(services, id, from, to, options.GetValueOrDefault("--map") ?? []));
            default:
                Console.Error.WriteLine(verb.Length == 0 || IsKnown(verb)
                    ? CliText.Format("Cli.MissingOption", string.Join(' ', args))
                    : CliText.Format("Cli.UnknownVerb", verb));
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> ExportGrantLedgerAsync(GrantLedger ledger, string reference, DateOnly? asOf, string path)
    {
        if (await ledger.FindAsync(reference, CancellationToken.None) is not { } id || await ledger.ExportAsync(id, asOf, CancellationToken.None) is not { } export)
        {
            Console.Error.WriteLine(CliText.Format("Cli.Ledger.NoGrant", reference));
            return 1;
        }
        await File.WriteAllBytesAsync(path, export.Content);
        Console.WriteLine(CliText.Format("Cli.Ledger.WroteGrant", reference, export.EntryCount, Path.GetFullPath(path), export.AsOf));
        return 0;
    }

    /// <summary>What is wrong with --as-of, if given: it takes a date as YYYY-MM-DD; none is today in the fund's time zone.</summary>
    private static string? AsOfProblem(Dictionary<string, List<string>> options, out DateOnly? asOf) => DateOption(options, "--as-of", out asOf);

    /// <summary>What is wrong with a date option, if given: it takes a date as YYYY-MM-DD, between 2000 and 2100.</summary>
    private static string? DateOption(Dictionary<string, List<string>> options, string name, out DateOnly? date)
    {
        date = null;
        if (Single(options, name) is not { } text) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var parsed) || Caf.Data.Bounds.Date(name, parsed) is not null)
            return CliText.Format("Cli.NotADate", name, text);
        date = parsed;
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^CAF-\d{4}-\d{3,}$")]
    private static partial System.Text.RegularExpressions.Regex GrantReference();

    private static bool IsKnown(string verb) =>
        verb is "migrate" or "seed" or "admin" or "admin create" or "ledger export" or "ledger" or "reconciliation" or "reconciliation export" or "import" or "import states-parties" or "workflows" or "workflows graph" or "workflows migrate-instances" or "audit" or "audit verify" or "audit checkpoint" or "audit export";

    // Who ran the verb, as the records it makes name them: stored, so the same in every language.
    private static string RecordedAs => $"{Environment.UserName} (command line)";

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    /// <summary>Each --option with the values that follow it (several for --map A=B C=D; repeated options add up).</summary>
    private static Dictionary<string, List<string>> Options(string[] args)
    {
        var options = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!options.TryGetValue(arg, out current)) options[arg] = current = [];
            }
            else current?.Add(arg);
        }
        return options;
    }

    private static string? Single(Dictionary<string, List<string>> options, string name) =>
        options.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Whether demo data (and the scale set on top of it) is refused here, said on standard error; allowed in Development or with --force-demo.</summary>
    private static bool DemoRefused(IServiceProvider services, Dictionary<string, List<string>> options)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (DemoSeeder.IsAllowed(environment, options.ContainsKey("--force-demo"), services.GetRequiredService<ILogger<DemoSeeder>>())) return false;
        Console.Error.WriteLine(CliText.Format("Cli.Failed", CliText.Format("Cli.Seed.Refused", environment.EnvironmentName)));
        return true;
    }

    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> work)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        CafHost.AddServices(builder);
        await using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine(CliText.Format("Cli.Failed", ex.Message));
            return 1;
        }
    }
}
