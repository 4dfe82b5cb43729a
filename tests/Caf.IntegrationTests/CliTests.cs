using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance.Statements;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>The CLI verbs, run as a real process of the built executable against a real SQLite file.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _database = TestDatabases.NewSqliteFile();
    private readonly string _workbook = Path.Combine(Path.GetTempPath(), "caf-tests", $"ledger-{Guid.NewGuid():N}.xlsx");

    [Fact]
    public async Task Migrate_seed_and_ledger_export_write_a_workbook_whose_totals_equal_the_database_per_currency()
    {
        var migrate = await RunAsync("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Contains("Applied", migrate.Output);

        var seed = await RunAsync("seed", "--demo", "--force-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.Contains("Demo data added.", seed.Output);
        var again = await RunAsync("seed", "--demo", "--force-demo");
        Assert.Contains("nothing changed", again.Output);
        await AddEveryKindOfEntryInTwoCurrenciesAsync();

        var export = await RunAsync("ledger", "export", "--out", _workbook);
        Assert.True(export.ExitCode == 0, export.Output);
        Assert.True(File.Exists(_workbook));

        await using var db = TestDatabases.Sqlite(_database);
        var entries = await db.LedgerEntries.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["CHF", "USD"], entries.Select(e => e.Amount.Currency).Distinct().Order());
        Assert.Equal(Enum.GetValues<LedgerEntryKind>().Order(), entries.Select(e => e.Kind).Distinct().Order());

        using var workbook = new XLWorkbook(_workbook);
        Assert.Equal(["Summary", "Contributions", "Commitments", "Disbursements", "Refunds", "Bank charges", "Exchange differences"],
            workbook.Worksheets.Select(w => w.Name));
        var summary = workbook.Worksheet("Summary");
        int Line(string label) => summary.Column(1).CellsUsed().Single(c => c.GetString() == label).Address.RowNumber;
        Assert.StartsWith("Each currency's line holds only the entries made in that currency", summary.Cell(Line("Exchange differences (CHF)") + 1, 1).GetString());
        foreach (var currency in new[] { "CHF", "USD" })
        {
            // Exchange differences are in CHF, but on a line of their own.
            var mine = entries.Where(e => e.Amount.Currency == currency && e.Kind is not (LedgerEntryKind.ExchangeLoss or LedgerEntryKind.ExchangeGain)).ToList();
            var cashIn = mine.Where(e => e.Kind is LedgerEntryKind.Contribution or LedgerEntryKind.Refund).Sum(e => e.CashEffect);
            var cashOut = -mine.Where(e => e.Kind is LedgerEntryKind.Disbursement or LedgerEntryKind.BankCharge).Sum(e => e.CashEffect);
            var row = Line(currency);
            Assert.Equal(mine.Count, summary.Cell(row, 2).GetValue<int>());
            Assert.Equal(cashIn, summary.Cell(row, 3).GetValue<decimal>());
            Assert.Equal(cashOut, summary.Cell(row, 4).GetValue<decimal>());
            Assert.Equal(cashIn - cashOut, summary.Cell(row, 5).GetValue<decimal>());
            Assert.Equal(mine.Sum(e => e.CommitmentEffect), summary.Cell(row, 6).GetValue<decimal>());
            Assert.Contains($"\"{currency}\"", summary.Cell(row, 5).Style.NumberFormat.Format);
            Assert.Contains($"{currency} {cashIn - cashOut:#,##0.00}", export.Output);
        }
        Assert.Equal(4.75m - 31.20m, summary.Cell(Line("Exchange differences (CHF)"), 5).GetValue<decimal>());
        Assert.Contains("exchange differences, gains less losses, CHF -26.45.", export.Output);
        Assert.Equal(entries.Sum(e => e.FundCashEffect), summary.Cell(Line("Cash"), 2).GetValue<decimal>());
        var charges = workbook.Worksheet("Bank charges");
        Assert.Equal(4, charges.SheetView.SplitRow);
        Assert.True(charges.AutoFilter.IsEnabled);
        // The as-of date is today in Geneva, not in UTC.
        Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich")).Date,
            summary.Cell(2, 2).GetDateTime().Date);
        Assert.Contains(await db.AuditEvents.Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken), a => a == "ledger.exported");
    }

    /// <summary>A USD grant next to the seed's CHF contributions: committed, paid in part, refunded, released, with bank charges.</summary>
    private async Task AddEveryKindOfEntryInTwoCurrenciesAsync()
    {
        await using var db = TestDatabases.Sqlite(_database);
        var grant = await db.Applications.Where(a => a.Reference != null).Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
        var today = Caf.Data.FundTime.Today(TimeProvider.System);
        var now = DateTime.UtcNow;
        LedgerEntry Entry(LedgerEntryKind kind, decimal amount, string currency, int daysAgo, Guid? application = null) =>
            new(kind, new Money(amount, currency).InFund(today.AddDays(-daysAgo)), today.AddDays(-daysAgo), $"{kind} {currency}", $"REF-{kind}", application, "test", now);
        db.LedgerEntries.AddRange(
            Entry(LedgerEntryKind.Commitment, 12_345.67m, "USD", 20, grant),
            Entry(LedgerEntryKind.Contribution, 50_000m, "USD", 19),
            Entry(LedgerEntryKind.Disbursement, 9_876.54m, "USD", 18, grant),
            Entry(LedgerEntryKind.BankCharge, 25.5m, "USD", 18),
            Entry(LedgerEntryKind.Refund, 120.01m, "USD", 5, grant),
            Entry(LedgerEntryKind.CommitmentRelease, 2_469.13m, "USD", 5, grant),
            Entry(LedgerEntryKind.Commitment, 8_000m, "CHF", 17, grant),
            Entry(LedgerEntryKind.Disbursement, 6_400.05m, "CHF", 16, grant),
            Entry(LedgerEntryKind.BankCharge, 12.35m, "CHF", 16),
            Entry(LedgerEntryKind.Refund, 99.95m, "CHF", 3, grant),
            Entry(LedgerEntryKind.ExchangeLoss, 31.20m, "CHF", 16, grant),
            Entry(LedgerEntryKind.ExchangeGain, 4.75m, "CHF", 3, grant));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ledger_export_with_a_grant_writes_that_grants_ledger_and_an_unknown_reference_is_refused()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo", "--force-demo")).ExitCode);
        await AddEveryKindOfEntryInTwoCurrenciesAsync();
        await using var db = TestDatabases.Sqlite(_database);
        var reference = await db.LedgerEntries.Where(e => e.ApplicationId != null).Select(e => e.Application!.Reference!).FirstAsync(TestContext.Current.CancellationToken);

        var export = await RunAsync("ledger", "export", "--out", _workbook, "--grant", reference.ToLowerInvariant(), "--as-of",
            Caf.Data.FundTime.Today(TimeProvider.System).AddDays(-4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(export.ExitCode == 0, export.Output);
        Assert.Contains($"Wrote the ledger of {reference}", export.Output);
        using (var workbook = new XLWorkbook(_workbook))
        {
            var sheet = workbook.Worksheet("Grant ledger");
            Assert.Equal(reference, sheet.Cell(2, 2).GetString());
            // Four days ago: the refund (3 days ago) and the exchange gain are not yet there.
            var expected = await db.LedgerEntries.CountAsync(e => e.Application!.Reference == reference
                && e.ValueDate <= Caf.Data.FundTime.Today(TimeProvider.System).AddDays(-4), TestContext.Current.CancellationToken);
            var rateSource = sheet.Row(Caf.Web.Features.Finance.GrantLedger.HeaderRow).CellsUsed().Single(c => c.GetString() == "Rate source").Address.ColumnNumber;
            Assert.Equal(expected, sheet.Column(rateSource).CellsUsed().Count(c => c.Address.RowNumber > Caf.Web.Features.Finance.GrantLedger.HeaderRow));
        }
        Assert.Contains(await db.AuditEvents.Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken), a => a == "grant-ledger.exported");

        var unknown = await RunAsync("ledger", "export", "--out", _workbook + ".x", "--grant", "CAF-1999-999");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no grant CAF-1999-999.", unknown.Output);
        Assert.False(File.Exists(_workbook + ".x"));
    }

    [Fact]
    public async Task Reconciliation_export_writes_the_workbook_whose_counts_and_totals_equal_the_database()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo", "--force-demo")).ExitCode);
        await using var db = TestDatabases.Sqlite(_database);
        var ct = TestContext.Current.CancellationToken;
        // A statement whose one line settles the seed's Swiss contribution, confirmed by hand; its other line settles nothing.
        var swiss = await db.LedgerEntries.SingleAsync(e => e.Donor == "Switzerland", ct);
        var finance = await db.Users.SingleAsync(u => u.Email == "finance@caf.demo", ct);
        var statement = new ImportedStatement("CLI-1", null, "CHF", null, null, "CSV", "cli.csv", finance.Id, DateTime.UtcNow);
        var lines = new[]
        {
            new StatementLine(2, "CLI-R1", swiss.Amount, EntryDirection.Credit, swiss.ValueDate, swiss.ValueDate, "CH contribution", null, "Swiss Confederation"),
            new StatementLine(3, "CLI-R2", new Money(42.10m, "CHF"), EntryDirection.Debit, swiss.ValueDate, swiss.ValueDate, "Account fee", null, null),
        }.Select(l => new StatementEntry(statement.Id, StatementEntry.KeyOf(l), l)).ToList();
        db.BankStatements.Add(statement);
        db.StatementEntries.AddRange(lines);
        db.StatementMatches.Add(new StatementMatch(lines[0].Id, swiss.Id, confirmed: true, "Matched by hand.", finance.Id, DateTime.UtcNow));
        await db.SaveChangesAsync(ct);

        var export = await RunAsync("reconciliation", "export", "--out", _workbook, "--as-of",
            Caf.Data.FundTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(export.ExitCode == 0, export.Output);
        var unmatchedEntries = await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Contribution || e.Kind == LedgerEntryKind.Disbursement
            || e.Kind == LedgerEntryKind.Refund || e.Kind == LedgerEntryKind.BankCharge, ct) - 1;
        Assert.Contains($"1 bank matches confirmed and 0 proposed, 1 statement lines and {unmatchedEntries} ledger entries unmatched", export.Output);
        using var workbook = new XLWorkbook(_workbook);
        Assert.Equal(["Summary", "Bank matches", "Unmatched statement lines", "Unmatched ledger entries", "Expenditure", "Refunds due"],
            workbook.Worksheets.Select(w => w.Name));
        var summary = workbook.Worksheet("Summary");
        Assert.Equal((1m, 0m, 1m, unmatchedEntries), (WorkbookAssert.Figure(summary, "Bank matches confirmed", 2),
            WorkbookAssert.Figure(summary, "Bank matches proposed, not yet confirmed", 2), WorkbookAssert.Figure(summary, "Unmatched statement lines", 2),
            WorkbookAssert.Figure(summary, "Unmatched ledger entries", 2)));
        WorkbookAssert.Total(workbook.Worksheet("Bank matches"), "Credits CHF", "Ledger amount", swiss.Amount.Amount);
        WorkbookAssert.Total(workbook.Worksheet("Unmatched statement lines"), "Debits CHF", "Amount", 42.10m);
        Assert.Contains(await db.AuditEvents.Select(e => e.Action).ToListAsync(ct), a => a == "reconciliation.exported");
    }

    [Fact]
    public async Task Workflows_validate_says_ok_per_valid_file_and_every_error_of_an_invalid_one()
    {
        var broken = Path.Combine(Path.GetTempPath(), "caf-tests", $"broken-{Guid.NewGuid():N}.json");
        var real = Path.Combine(AppContext.BaseDirectory, "workflows", "caf-grant.json");
        File.WriteAllText(broken, File.ReadAllText(real)
            .Replace("\"to\": \"Submitted\"", "\"to\": \"Sent\"", StringComparison.Ordinal)
            .Replace("\"roles\": [\n        \"IsuOfficer\"\n      ]", "\"roles\": [\n        \"Clerk\"\n      ]", StringComparison.Ordinal));
        try
        {
            var ok = await RunAsync("workflows", "validate", real);
            Assert.Equal(0, ok.ExitCode);
            Assert.Contains($"ok {real}", ok.Output);

            var result = await RunAsync("workflows", "validate", real, broken);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"ok {real}", result.Output);
            Assert.Contains("$.transitions[0].to: 'Sent' is not a declared stage", result.Output);
            Assert.Contains("$.transitions[1].roles[0]: 'Clerk' is not a known role", result.Output);
            Assert.False(File.Exists(_database), "Validating touches no database.");
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Workflows_graph_prints_the_process_as_mermaid_or_dot()
    {
        var mermaid = await RunAsync("workflows", "graph", "caf-grant");
        Assert.Equal(0, mermaid.ExitCode);
        Assert.StartsWith("stateDiagram-v2", mermaid.Output.TrimStart());
        Assert.Contains("[*] --> Draft", mermaid.Output);

        var dot = await RunAsync("workflows", "graph", "caf-grant", "--version", "1", "--format", "dot");
        Assert.Equal(0, dot.ExitCode);
        Assert.StartsWith("digraph \"caf-grant\"", dot.Output.TrimStart());

        var unknown = await RunAsync("workflows", "graph", "no-such-workflow");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("There is no workflow 'no-such-workflow'", unknown.Output);
    }

    [Fact]
    public async Task Admin_create_prints_a_one_time_link_for_24_hours_and_refuses_a_second_administrator_unless_forced()
    {
        var created = await RunAsync("admin", "create", "--email", "first.admin@fund.example", "--name", "First Administrator");

        Assert.True(created.ExitCode == 0, created.Output);
        var link = InvitationTests.LinkPattern().Match(created.Output);
        Assert.True(link.Success, created.Output);
        Assert.StartsWith($"{CafProcess.PublicBaseUrl}/Account/AcceptInvitation/", link.Value);
        await using (var db = TestDatabases.Sqlite(_database))
        {
            var invitation = await db.Invitations.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(TimeSpan.FromHours(24), invitation.ExpiresAtUtc - invitation.CreatedAtUtc);
            Assert.Equal("Admin", invitation.Role);
            Assert.Empty(await db.Outbox.ToListAsync(TestContext.Current.CancellationToken));
        }

        var second = await RunAsync("admin", "create", "--email", "second.admin@fund.example", "--name", "Second");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("An administrator already exists (first.admin@fund.example)", second.Output);
        var forced = await RunAsync("admin", "create", "--email", "second.admin@fund.example", "--name", "Second", "--force");
        Assert.True(forced.ExitCode == 0, forced.Output);
        var badEmail = await RunAsync("admin", "create", "--email", "not an address", "--name", "X");
        Assert.Equal(2, badEmail.ExitCode);
        Assert.Contains("--email takes an email address", badEmail.Output);

        // The printed link opens the page that sets the password.
        await using var app = new SqliteAppFactory { DatabasePath = _database, Restarted = true, KeepDatabase = true };
        await app.InitializeAsync();
        var (status, page) = await app.NewSession().GetAsync(new Uri(link.Value).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains("first.admin@fund.example", page);
    }

    [Fact]
    public async Task Demo_data_is_refused_outside_development_unless_forced_and_then_with_a_warning()
    {
        var refused = await RunAsync("seed", "--demo");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Demo data is refused in the Production environment", refused.Output);
        Assert.Contains("--force-demo", refused.Output);
        Assert.False(File.Exists(_database), "Refused demo data must not even create the database.");

        var start = await CafProcess.RunAsync(_database, new Dictionary<string, string> { ["Seed__Demo"] = "true" }, "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("CafGrants cannot start: Seed:Demo is true", start.Output);
        Assert.Contains("Seed:AllowOutsideDevelopment=true", start.Output);

        var forced = await RunAsync("seed", "--demo", "--force-demo");
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.Contains("Never do this on a server that holds real data", forced.Output);
        Assert.Contains("Demo data added.", forced.Output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("seed")]
    [InlineData("admin", "create", "--email", "first.admin@fund.example")]
    [InlineData("admin")]
    [InlineData("ledger", "export")]
    public async Task An_unknown_verb_or_a_missing_option_prints_usage_and_exits_2(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: dotnet run --project src/Caf.Web -- <verb>", result.Output);
        Assert.False(File.Exists(_database), "A refused verb must not create a database.");
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => CafProcess.RunAsync(_database, null, args);

    [Fact]
    public async Task Audit_checkpoint_signs_the_head_and_audit_verify_checks_the_trail_against_it_and_names_where_it_breaks()
    {
        var key = Path.Combine(Path.GetTempPath(), "caf-tests", $"audit-key-{Guid.NewGuid():N}.pem");
        var checkpoint = Path.Combine(Path.GetTempPath(), "caf-tests", $"checkpoint-{Guid.NewGuid():N}.json");
        using (var generated = Caf.Data.Auditing.AuditSigningKey.Generate()) await File.WriteAllTextAsync(key, generated.PrivateKeyPem, TestContext.Current.CancellationToken);
        var withKey = new Dictionary<string, string> { ["Audit__SigningKeyPath"] = key };
        try
        {
            Assert.Equal(0, (await RunAsync("seed", "--demo", "--force-demo")).ExitCode);
            var signed = await CafProcess.RunAsync(_database, withKey, "audit", "checkpoint", "--out", checkpoint);
            Assert.True(signed.ExitCode == 0, signed.Output);
            Assert.Contains("Wrote the checkpoint of sequence", signed.Output);

            var extract = Path.ChangeExtension(checkpoint, ".xlsx");
            var exported = await CafProcess.RunAsync(_database, withKey, "audit", "export", "--out", extract);
            Assert.True(exported.ExitCode == 0, exported.Output);
            using (var book = new XLWorkbook(extract))
                Assert.Contains($"Wrote {book.Worksheet("Audit trail").LastRowUsed()!.RowNumber() - 1} audit records", exported.Output);
            File.Delete(extract);
            Assert.Equal(2, (await CafProcess.RunAsync(_database, withKey, "audit", "export", "--out", extract, "--from", "31.12.2026")).ExitCode);

            var verified = await CafProcess.RunAsync(_database, withKey, "audit", "verify", "--checkpoint", checkpoint);
            Assert.True(verified.ExitCode == 0, verified.Output);
            Assert.Matches(@"ok: \d+ records, head [0-9a-f]{64}; 2 signed checkpoints matched", verified.Output);

            // Someone with the database's owner rights drops the triggers and edits a record: verify names it and fails.
            await using (var db = TestDatabases.Sqlite(_database))
            {
                foreach (var statement in Caf.Data.Auditing.AuditTriggers.Drop(db.Database.ProviderName)) await db.Database.ExecuteSqlRawAsync(statement, TestContext.Current.CancellationToken);
                await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "UserName" = 'someone else' WHERE "Sequence" = 3""", TestContext.Current.CancellationToken);
            }
            var broken = await CafProcess.RunAsync(_database, withKey, "audit", "verify", "--checkpoint", checkpoint);
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("broken at sequence 3: content changed", broken.Output);

            var unreadable = await CafProcess.RunAsync(_database, withKey, "audit", "verify", "--checkpoint", key);
            Assert.Equal(2, unreadable.ExitCode);
            Assert.Contains("is not readable JSON, so it is not an audit checkpoint", unreadable.Output);
        }
        finally
        {
            foreach (var file in new[] { key, checkpoint }) if (File.Exists(file)) File.Delete(file);
        }
    }

    [Fact]
    public async Task Seeding_in_french_says_so_in_french_and_stores_what_seeding_in_english_stores()
    {
        var french = await RunAsync("seed", "--demo", "--force-demo", "--language", "fr");
        Assert.True(french.ExitCode == 0, french.Output);
        AssertSpoken(french.Output, "fr", "Données de démonstration ajoutées.");
        var english = TestDatabases.NewSqliteFile();
        try
        {
            Assert.Equal(0, (await CafProcess.RunAsync(english, null, "seed", "--demo", "--force-demo")).ExitCode);
            // What the seed writes for people to read later (checks' reasons, checklist items, emails) is the same; times aside.
            Assert.Equal(await StoredTextsAsync(english), await StoredTextsAsync(_database));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { english, english + "-wal", english + "-shm" }) if (File.Exists(file)) File.Delete(file);
        }
    }

    private static async Task<List<string>> StoredTextsAsync(string database)
    {
        await using var db = TestDatabases.Sqlite(database);
        var ct = TestContext.Current.CancellationToken;
        var texts = await db.Set<EligibilityCheck>().Select(c => c.Reason).ToListAsync(ct);
        texts.AddRange(await db.Set<ScreeningDecision>().SelectMany(d => d.Answers).Select(a => a.Item).ToListAsync(ct));
        texts.AddRange(await db.Outbox.Select(m => m.Body).ToListAsync(ct));
        Assert.NotEmpty(texts);
        return [.. texts.Select(t => System.Text.RegularExpressions.Regex.Replace(t ?? "", @"\d", "#")).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Exports_in_spanish_say_so_in_spanish_and_write_the_same_workbooks_diagram_and_verification_as_in_english()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo", "--force-demo")).ExitCode);
        var inEnglish = Path.ChangeExtension(_workbook, ".en.xlsx");
        try
        {
            var spanish = await RunAsync("ledger", "export", "--out", _workbook, "--language", "es");
            Assert.True(spanish.ExitCode == 0, spanish.Output);
            AssertSpoken(spanish.Output.Replace(Path.GetFullPath(_workbook), "FILE", StringComparison.Ordinal), "es", "asientos del libro mayor en FILE");
            Assert.Matches(@"saldo CHF \d{1,3}(\.\d{3})*,\d{2}[,;]", spanish.Output);
            Assert.Contains("La línea de cada moneda solo contiene los asientos", spanish.Output);
            Assert.Equal(0, (await RunAsync("ledger", "export", "--out", inEnglish)).ExitCode);
            Assert.Equal(Cells(inEnglish), Cells(_workbook));

            // Its unmatched ledger entries name their kind, as the web's pages do in the reader's language: not here.
            spanish = await RunAsync("reconciliation", "export", "--out", _workbook, "--language", "es");
            AssertSpoken(spanish.Output.Replace(Path.GetFullPath(_workbook), "FILE", StringComparison.Ordinal), "es", "Libro de conciliación escrito en FILE");
            Assert.Equal(0, (await RunAsync("reconciliation", "export", "--out", inEnglish)).ExitCode);
            Assert.Equal(Cells(inEnglish), Cells(_workbook));
        }
        finally
        {
            File.Delete(inEnglish);
        }

        foreach (var args in new[] { new[] { "workflows", "graph", "caf-grant" }, ["audit", "verify"], ["workflows", "graph", "caf-grant", "--format", "dot"] })
        {
            var english = await RunAsync(args);
            var french = await RunAsync([.. args, "--language", "fr"]);
            Assert.True(english.ExitCode == 0, english.Output);
            Assert.Equal(english, french);
        }
        var unknown = await RunAsync("workflows", "graph", "no-such-workflow", "--language", "fr");
        Assert.Equal(2, unknown.ExitCode);
        AssertSpoken(unknown.Output, "fr", "Il n'y a pas de processus «\u00A0no-such-workflow\u00A0».");
    }

    /// <summary>Every cell of every sheet, by sheet and address, except the time the workbook was generated.</summary>
    private static List<string> Cells(string path)
    {
        using var workbook = new XLWorkbook(path);
        return [.. workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed()
            .Where(c => sheet.Cell(c.Address.RowNumber, 1).GetString() != "Generated")
            .Select(c => $"{sheet.Name}!{c.Address}: {c.Value}"))];
    }

    [Theory]
    [InlineData("fr_CH.UTF-8", null, "fr", "migration(s) appliquée(s)\u00A0: ")]
    [InlineData("fr_CH.UTF-8", "es", "es", "Se aplicaron ")]
    [InlineData("C.UTF-8", null, "en", "Applied ")]
    public async Task Without_the_option_the_language_comes_from_the_environment(string lang, string? cafLanguage, string language, string expected)
    {
        var environment = new Dictionary<string, string> { ["LANG"] = lang };
        if (cafLanguage is not null) environment["CAF_LANGUAGE"] = cafLanguage;

        var migrated = await CafProcess.RunAsync(_database, environment, "migrate");

        Assert.True(migrated.ExitCode == 0, migrated.Output);
        AssertSpoken(migrated.Output, language, expected);
    }

    /// <summary>
    /// The verb said <paramref name="sentence"/>, with no resource key, unfilled placeholder or English text beside it in another
    /// language (its log, in English for whoever reads logs, aside).
    /// </summary>
    private static void AssertSpoken(string output, string language, string sentence)
    {
        Assert.Contains(sentence, output);
        var said = string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("info:", StringComparison.Ordinal)
            && !l.StartsWith("warn:", StringComparison.Ordinal) && !l.StartsWith(' ')));
        Assert.DoesNotMatch(@"\bCli\.[A-Z]", said);
        Assert.DoesNotMatch(@"\{\d+(:[^}]*)?\}", said);
        if (language != "en") Assert.Empty(EnglishText.FoundIn(said, language));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _workbook })
            if (File.Exists(file)) File.Delete(file);
    }
}
