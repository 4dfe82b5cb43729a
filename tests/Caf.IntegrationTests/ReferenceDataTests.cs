using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.ReferenceData;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>The States Parties import from the admin page: dated imports kept, all or nothing, every problem by line.</summary>
public abstract class ReferenceDataTests(CafAppFactory factory)
{
    private const string Page = "/Admin/ReferenceData";

    /// <summary>The demo states again, with a new state whose names hold commas, and Senegal's 2025 report now recorded.</summary>
    private static readonly string NewerFile = Encoding.UTF8.GetString(StatesPartiesImport.SampleFile())
        .Replace("SEN,Senegal,Sénégal,Senegal,1999-03-01,in-progress,2026-03-01,yes,2021;2022;2023;2024",
            "SEN,Senegal,Sénégal,Senegal,1999-03-01,in-progress,2026-03-01,yes,2021;2022;2023;2024;2025", StringComparison.Ordinal)
        + "COD,\"Congo, Democratic Republic of the\",\"Congo, République démocratique du\",\"Congo, República Democrática del\",2002-11-01,in-progress,2027-12-31,yes,2024;2025\n";

    private sealed record Counts(int Imports, int Records, int States, int Audit);

    private Task<Counts> CountAsync() => factory.WithDbAsync(async db => new Counts(await db.ReferenceDataImports.CountAsync(),
        await db.StatePartyRecords.CountAsync(), await db.StateParties.CountAsync(), await db.AuditEvents.CountAsync()));

    [Fact]
    public async Task The_demo_seed_imports_the_sample_file_keeping_the_states_names()
    {
        await factory.ResetAsync();

        var (import, states) = await factory.WithDbAsync(async db =>
            (await db.ReferenceDataImports.SingleAsync(), await db.StateParties.OrderBy(s => s.IsoCode).ToListAsync()));
        Assert.Equal(12, import.RowCount);
        Assert.Equal(12, states.Count);
        var khm = states.Single(s => s.IsoCode == "KHM");
        Assert.Equal(("Cambodia", "Cambodge", "Camboya", true), (khm.Name, khm.NameFr, khm.NameEs, khm.IsStateParty));
        Assert.False(states.Single(s => s.IsoCode == "MMR").IsStateParty);
    }

    [Fact]
    public async Task An_isu_officer_imports_a_good_file_which_is_stored_dated_and_updates_the_current_states()
    {
        await factory.ResetAsync();
        using var isu = factory.NewSession();
        await isu.SignInAsync(GrantJourney.Isu);
        var before = await CountAsync();
        var bytes = Encoding.UTF8.GetBytes(NewerFile);

        var response = await isu.PostMultipartAsync(Page, [], "Upload", "states-2026.csv", bytes, "text/csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var import = await factory.WithDbAsync(db => db.ReferenceDataImports.OrderByDescending(i => i.ImportedAtUtc).FirstAsync());
        Assert.Equal(("states-2026.csv", 13, "Irene Schmid (ISU)"), (import.FileName, import.RowCount, import.ImportedByName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), import.Sha256);
        Assert.Equal(before with { Imports = before.Imports + 1, Records = before.Records + 13, States = before.States + 1 },
            (await CountAsync()) with { Audit = before.Audit });
        Assert.True((await CountAsync()).Audit > before.Audit, "The import is in the audit trail.");
        var cod = await factory.WithDbAsync(db => db.StateParties.SingleAsync(s => s.IsoCode == "COD"));
        Assert.Equal(("Congo, Democratic Republic of the", "Congo, République démocratique du", true), (cod.Name, cod.NameFr, cod.IsStateParty));
        var sen = await factory.WithDbAsync(db => db.StatePartyRecords.SingleAsync(r => r.ImportId == import.Id && r.IsoCode == "SEN"));
        Assert.True(sen.HasArticle7ReportFor(2025));

        var (status, html) = await isu.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Imported 13 States Parties from states-2026.csv.", WebUtility.HtmlDecode(html));
        Assert.Contains("states-2026.csv", html);
        Assert.Contains("Geneva time", html);
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_every_problem_by_line_and_nothing_written()
    {
        await factory.ResetAsync();
        using var admin = factory.NewSession();
        await admin.SignInAsync("admin@caf.demo");
        var before = await CountAsync();
        var bad = string.Join('\n', StatesPartiesCsv.Header,
            "KHM,Cambodia,Cambodge,Camboya,2000-01-01,in-progress,2025-12-31,yes,2024;2025",
            "kh,Cambodge,Cambodge,Camboya,2000-01-01,in-progress,,yes,2025",
            "COD,\"Congo, Democratic Republic of the\",Congo,Congo,2002-11-01,none,,maybe,2024",
            "KHM,Cambodia,Cambodge,Camboya,2000-01-01,none,,yes,1990") + "\n";

        var response = await admin.PostMultipartAsync(Page, [], "Upload", "bad.csv", Encoding.UTF8.GetBytes(bad), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was imported: bad.csv has 5 problem(s)", html);
        Assert.Contains("Line 3: iso3: 'kh' is not an ISO code.", html);
        Assert.Contains("Line 3: article5_deadline: is empty, but article5_status is in-progress.", html);
        Assert.Contains("Line 4: victim_assistance: 'maybe' is neither yes nor no.", html);
        Assert.Contains("Line 5: iso3: KHM is already on line 2.", html);
        Assert.Contains("Line 5: article7_years: 1990 is outside 1999–", html);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("wrong header", "The first line must be the header 'iso3,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years'")]
    [InlineData("latin-1", "Line 2: has characters that are not UTF-8")]
    [InlineData("empty", "The file empty.csv is empty.")]
    [InlineData("too large", "is larger than 1 MB")]
    public async Task A_file_with_a_wrong_header_or_encoding_or_size_is_refused_with_a_clear_message(string kind, string message)
    {
        await factory.ResetAsync();
        using var isu = factory.NewSession();
        await isu.SignInAsync(GrantJourney.Isu);
        var before = await CountAsync();
        var (name, bytes) = kind switch
        {
            "wrong header" => ("header.csv", Encoding.UTF8.GetBytes("iso,name\nKHM,Cambodia\n")),
            "latin-1" => ("latin1.csv", Encoding.Latin1.GetBytes(StatesPartiesCsv.Header + "\nPER,Peru,Pérou,Perú,1999-03-01,none,,yes,2025\n")),
            "empty" => ("empty.csv", Array.Empty<byte>()),
            _ => ("large.csv", new byte[StatesPartiesImport.MaxBytes + 1]),
        };

        var response = await isu.PostMultipartAsync(Page, [], "Upload", name, bytes, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_applicant_cannot_import()
    {
        await factory.ResetAsync();
        using var applicant = factory.NewSession();
        await applicant.SignInAsync(GrantJourney.Applicant);
        var before = await CountAsync();

        var response = await applicant.PostMultipartAsync(Page, [], "Upload", "states.csv", Encoding.UTF8.GetBytes(NewerFile), "text/csv");

        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task As_of_a_date_before_the_newer_import_the_older_import_is_used()
    {
        await factory.ResetAsync();
        using var isu = factory.NewSession();
        await isu.SignInAsync(GrantJourney.Isu);
        Assert.Equal(HttpStatusCode.Redirect,
            (await isu.PostMultipartAsync(Page, [], "Upload", "newer.csv", Encoding.UTF8.GetBytes(NewerFile), "text/csv")).StatusCode);

        await factory.WithDbAsync<bool>(async db =>
        {
            var imports = await db.ReferenceDataImports.OrderBy(i => i.ImportedAtUtc).ToListAsync();
            Assert.Equal(["states-parties.sample.csv", "newer.csv"], imports.Select(i => i.FileName));
            var (older, newer) = (imports[0].ImportedAtUtc, imports[1].ImportedAtUtc);
            Assert.True(newer > older);

            var atOlder = await StatePartyRecords.AsOfAsync(db, "SEN", older);
            var justBeforeNewer = await StatePartyRecords.AsOfAsync(db, "sen", newer.AddTicks(-TimeSpan.TicksPerMillisecond));
            var atNewer = await StatePartyRecords.AsOfAsync(db, "SEN", newer);
            Assert.Equal(imports[0].Id, atOlder!.ImportId);
            Assert.False(atOlder.HasArticle7ReportFor(2025));
            Assert.True(atOlder.HasArticle7ReportFor(2024));
            Assert.Equal(imports[0].Id, justBeforeNewer!.ImportId);
            Assert.Equal(imports[1].Id, atNewer!.ImportId);
            Assert.True(atNewer.HasArticle7ReportFor(2025));
            Assert.Equal(Article5Status.InProgress, atNewer.Article5Status);
            Assert.Null(await StatePartyRecords.AsOfAsync(db, "SEN", older.AddMilliseconds(-1)));
            Assert.Null(await StatePartyRecords.AsOfAsync(db, "COD", older));
            Assert.NotNull(await StatePartyRecords.AsOfAsync(db, "COD", newer.AddDays(1)));
            return true;
        });
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteReferenceDataTests(SqliteAppFactory factory) : ReferenceDataTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresReferenceDataTests(PostgresAppFactory factory) : ReferenceDataTests(factory);

/// <summary>The import verb, run as a real process against a real SQLite file.</summary>
public sealed class ReferenceDataCliTests : IDisposable
{
    private readonly string _database = TestDatabases.NewSqliteFile();
    private readonly string _csv = Path.Combine(Path.GetTempPath(), "caf-tests", $"states-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task Import_states_parties_imports_a_good_file_and_refuses_a_bad_one_listing_every_line()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);
        await File.WriteAllBytesAsync(_csv, StatesPartiesImport.SampleFile(), TestContext.Current.CancellationToken);

        var good = await RunAsync("import", "states-parties", _csv);

        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Matches(@"Imported 12 States Parties \(import [0-9a-f-]{36}, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)\.", good.Output);

        await File.WriteAllTextAsync(_csv, StatesPartiesCsv.Header + "\nKHM,Cambodia,Cambodge,Camboya,2000-01-01,sometimes,,yes,\n" +
            "PER,,Pérou,Perú,1999-03-01,none,,yes,2025\n", TestContext.Current.CancellationToken);
        var bad = await RunAsync("import", "states-parties", _csv);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("line 2: article5_status: 'sometimes' is not one of none, in-progress, completed.", bad.Output);
        Assert.Contains("line 3: name_en: is empty.", bad.Output);
        Assert.Contains("Nothing was imported: 2 problem(s)", bad.Output);

        await using var db = TestDatabases.Sqlite(_database);
        Assert.Equal(1, await db.ReferenceDataImports.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(12, await db.StatePartyRecords.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(12, await db.StateParties.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Cambodge", (await db.StateParties.SingleAsync(s => s.IsoCode == "KHM", TestContext.Current.CancellationToken)).NameFr);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "states-parties")]
    [InlineData("import", "states-parties", "/no/such/file.csv")]
    public async Task Import_without_a_file_is_a_usage_error(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(_database), "A refused verb must not create a database.");
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => CafProcess.RunAsync(_database, null, args);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _csv })
            if (File.Exists(file)) File.Delete(file);
    }
}
