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
    public const string Usage = """
        Usage: dotnet run --project src/Caf.Web -- <verb> [options]

          (no verb)                      serve the web application
          migrate                        apply every pending database migration
          seed --demo [--force-demo]     apply migrations, then add the demo users, states, round and applications;
                                         outside Development only with --force-demo (its password is published)
          admin create --email EMAIL --name NAME [--force]
                                         create the first administrator: prints a one-time invitation link, valid
                                         24 hours, to choose a password (built from App:PublicBaseUrl); refused when
                                         an administrator exists, unless --force
          ledger export --out FILE.xlsx [--grant CAF-YYYY-NNN] [--as-of YYYY-MM-DD]
                                         write the fund ledger workbook, or with --grant that grant's ledger,
                                         as of the date (default: today in the fund's time zone)
          reconciliation export --out FILE.xlsx [--as-of YYYY-MM-DD]
                                         write the reconciliation workbook: bank statement entries matched and
                                         unmatched, unmatched ledger entries, expenditure variances, refunds due
          import states-parties FILE.csv
                                         import the States Parties reference data (format: docs/decisions/0008);
                                         a file with any bad line is refused whole, each problem listed by line
          audit verify [--checkpoint FILE.json] [--public-key FILE.pem]
                                         recompute the audit trail's hash chain and check every signed checkpoint
                                         (and the one kept in FILE): prints "ok: N records, head HASH" and exits 0,
                                         or the first broken sequence number and what is wrong, and exits 1
          audit export --out FILE.xlsx [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                         write the audit records of those days (Geneva; default: all), oldest
                                         first, every column and hash, streamed in constant memory
          audit checkpoint [--out FILE.json]
                                         sign a checkpoint of where the audit trail stands now (Audit:SigningKeyPath)
                                         and print it, or write it to FILE for an auditor to keep
          workflows validate [FILE...]   check workflow definitions (default: every file in workflows/)
          workflows graph ID [--version N] [--format mermaid|dot]
                                         print a workflow as a Mermaid or Graphviz diagram
          workflows migrate-instances --id ID --from N --to M [--map OldStage=NewStage ...]
                                         move running applications from one version of a workflow to another

        The database is chosen by Database:Provider (Sqlite, Postgres, SqlServer) and ConnectionStrings:Caf,
        for example through the environment: Database__Provider=Postgres ConnectionStrings__Caf="Host=...".
        """;

    /// <summary>A first argument that is not an option is a verb.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args)
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
                        ? "The database is up to date."
                        : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
                    return 0;
                });
            case "seed" when options.ContainsKey("--demo"):
                return await WithServicesAsync(async services =>
                {
                    DemoSeeder.EnsureAllowed(services.GetRequiredService<IHostEnvironment>(), options.ContainsKey("--force-demo"),
                        "add --force-demo", services.GetRequiredService<ILogger<DemoSeeder>>());
                    await StartupTasks.PrepareAsync(services, services.GetRequiredService<IConfiguration>(),
                        services.GetRequiredService<ILogger<DemoSeeder>>(), migrate: true, seedDemo: false, CancellationToken.None);
                    var added = await services.GetRequiredService<DemoSeeder>().SeedAsync(includeApplications: true);
                    Console.WriteLine(added ? "Demo data added." : "Demo data was already there; nothing changed.");
                    return 0;
                });
            case "admin create" when Single(options, "--email") is { Length: > 0 } email && Single(options, "--name") is { Length: > 0 } name:
                if (!Caf.Data.Entities.InvitationRequest.LooksLikeAnEmailAddress(email))
                    return Fail($"--email takes an email address such as name@example.org, not '{email}'.");
                return await WithServicesAsync(async services =>
                {
                    var configuration = services.GetRequiredService<IConfiguration>();
                    await StartupTasks.PrepareAsync(services, configuration, services.GetRequiredService<ILogger<AdministratorInvitation>>(),
                        migrate: configuration.GetValue("Database:MigrateOnStartup", true), seedDemo: false, CancellationToken.None);
                    var result = await services.GetRequiredService<AdministratorInvitation>().CreateAsync(email, name,
                        options.ContainsKey("--force"), $"{Environment.UserName} (command line)", CancellationToken.None);
                    if (result.Problem is { } problem)
                    {
                        Console.Error.WriteLine($"No administrator was created: {problem}");
                        return 1;
                    }
                    Console.WriteLine($"Administrator {name} <{email}> created. Give them this link, which works once, until " +
                                      $"{result.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC, to choose a password (two-factor set-up follows):");
                    Console.WriteLine(result.Link);
                    return 0;
                });
            case "ledger export" when Single(options, "--out") is { Length: > 0 } path:
                if (AsOfProblem(options, out var asOf) is { } asOfProblem) return Fail(asOfProblem);
                if (options.ContainsKey("--grant"))
                {
                    var reference = Single(options, "--grant")?.Trim().ToUpperInvariant() ?? "";
                    if (!GrantReference().IsMatch(reference))
                        return Fail($"--grant takes a grant's reference such as CAF-2026-001, not '{Single(options, "--grant")}'.");
                    return await WithServicesAsync(services => ExportGrantLedgerAsync(services.GetRequiredService<GrantLedger>(), reference, asOf, path));
                }
                return await WithServicesAsync(async services =>
                {
                    var (content, report) = await services.GetRequiredService<FundLedger>().ExportAsync(asOf, CancellationToken.None);
                    await File.WriteAllBytesAsync(path, content);
                    Console.WriteLine($"Wrote {report.EntryCount} ledger entries to {Path.GetFullPath(path)} " +
                                      $"(as of {report.AsOf:yyyy-MM-dd}): cash in {report.Describe(t => t.CashIn)}, " +
                                      $"cash out {report.Describe(t => t.CashOut)}, balance {report.Describe(t => t.Balance)}, " +
                                      $"open commitments {report.Describe(t => t.OpenCommitments)}; exchange differences, gains less losses, " +
                                      $"{report.ExchangeDifferences.Balance}. {LedgerTotals.Note(report.PerCurrency[0].Currency)}");
                    return 0;
                });
            case "reconciliation export" when Single(options, "--out") is { Length: > 0 } path:
                if (AsOfProblem(options, out var reconciledAsOf) is { } problem) return Fail(problem);
                return await WithServicesAsync(async services =>
                {
                    var (content, figures) = await services.GetRequiredService<ReconciliationReport>().ExportAsync(reconciledAsOf, CancellationToken.None);
                    await File.WriteAllBytesAsync(path, content);
                    Console.WriteLine($"Wrote the reconciliation workbook to {Path.GetFullPath(path)} (as of {figures.AsOf:yyyy-MM-dd}): " +
                                      $"{figures.Confirmed} bank matches confirmed and {figures.Proposed} proposed, " +
                                      $"{figures.UnmatchedLines.Count} statement lines and {figures.UnmatchedEntries.Count} ledger entries unmatched, " +
                                      $"{figures.Grants.Count} grants at final reconciliation or closed, {figures.Refunds.Count} with a refund.");
                    return 0;
                });
            case "import states-parties" when positional.Count == 3:
                if (!File.Exists(positional[2])) return Fail($"There is no file '{positional[2]}'. Give the path of the States Parties CSV file.");
                var content = await File.ReadAllBytesAsync(positional[2]);
                return await WithServicesAsync(async services =>
                {
                    var result = await services.GetRequiredService<ReferenceDataImports>().ImportStatesPartiesAsync(positional[2], content, null,
                        $"{Environment.UserName} (command line)", CancellationToken.None);
                    if (result.Import is not { } import)
                    {
                        foreach (var problem in result.Problems) Console.Error.WriteLine(problem);
                        Console.Error.WriteLine($"Nothing was imported: {result.Problems.Count} problem(s) in {positional[2]}. Correct the file and import it again.");
                        return 1;
                    }
                    Console.WriteLine($"Imported {import.RowCount} States Parties (import {import.Id}, {import.ImportedAtUtc:yyyy-MM-dd HH:mm:ss} UTC).");
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
                    ? $"'{string.Join(' ', args)}' is missing an option."
                    : $"'{verb}' is not a verb CafGrants knows.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> ExportGrantLedgerAsync(GrantLedger ledger, string reference, DateOnly? asOf, string path)
    {
        if (await ledger.FindAsync(reference, CancellationToken.None) is not { } id || await ledger.ExportAsync(id, asOf, CancellationToken.None) is not { } export)
        {
            Console.Error.WriteLine($"There is no grant {reference}. Give the reference of a submitted application, such as CAF-2026-001.");
            return 1;
        }
        await File.WriteAllBytesAsync(path, export.Content);
        Console.WriteLine($"Wrote the ledger of {reference}, {export.EntryCount} entries, to {Path.GetFullPath(path)} (as of {export.AsOf:yyyy-MM-dd}).");
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
            return $"{name} takes a date as YYYY-MM-DD between 2000 and 2100, not '{text}'.";
        date = parsed;
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^CAF-\d{4}-\d{3,}$")]
    private static partial System.Text.RegularExpressions.Regex GrantReference();

    private static bool IsKnown(string verb) =>
        verb is "migrate" or "seed" or "admin" or "admin create" or "ledger export" or "ledger" or "reconciliation" or "reconciliation export" or "import" or "import states-parties" or "workflows" or "workflows graph" or "workflows migrate-instances" or "audit" or "audit verify" or "audit checkpoint" or "audit export";

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
            Console.Error.WriteLine($"Failed: {ex.Message}");
            return 1;
        }
    }
}
