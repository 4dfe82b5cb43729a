using System.Net;
using System.Security.Cryptography;
using System.Text;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// The scale data set (issue 16), at its small size: the command line adds it on a new database, the same rows every run,
/// an audit trail that verifies and runs forward in time; on SQLite and PostgreSQL the pages read it.
/// </summary>
public sealed class ScaleSeedCliTests : IDisposable
{
    private readonly string _first = TestDatabases.NewSqliteFile();
    private readonly string _second = TestDatabases.NewSqliteFile();

    [Fact]
    public async Task Seed_scale_adds_the_same_rows_every_run_once_with_an_audit_trail_that_verifies_and_runs_forward_in_time()
    {
        var added = await CafProcess.RunAsync(_first, null, ["seed", "--scale", "small", "--force-demo"]);
        Assert.True(added.ExitCode == 0, added.Output);
        Assert.Contains("Scale data set 'small' added in", added.Output);
        var again = await CafProcess.RunAsync(_first, null, ["seed", "--scale", "small", "--force-demo"]);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("The scale data set was already there; nothing changed.", again.Output);
        var verified = await CafProcess.RunAsync(_first, null, ["audit", "verify"]);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("ok: ", verified.Output);
        Assert.Equal(0, (await CafProcess.RunAsync(_second, null, ["seed", "--scale", "small", "--force-demo"])).ExitCode);
        var unknown = await CafProcess.RunAsync(_second, null, ["seed", "--scale", "huge", "--force-demo"]);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("--scale large or --scale small", unknown.Output);

        var size = ScaleSize.Small;
        await using (var db = TestDatabases.Sqlite(_first))
        {
            Assert.Equal(size.Applications - size.Applications / 20, await db.Applications.CountAsync(a => a.Reference!.StartsWith("SCALE-")));
            Assert.Equal(size.Rounds, await db.Rounds.CountAsync(r => r.Title.StartsWith("Scale round ")));
            Assert.Equal(size.LedgerEntries, await db.LedgerEntries.CountAsync(e => e.RecordedByUserId == "scale"));
            Assert.Equal(size.Users, await db.Users.CountAsync(u => u.Email!.StartsWith("scale.user")));
            // Every stage of the workflow has applications.
            var stages = await db.WorkflowInstances.Where(w => w.DefinitionId == "caf-grant").Select(w => w.Stage).Distinct().CountAsync();
            Assert.Equal(14, stages);
            // The history: the records the set adds and the demo's after them, time never going back along the chain, over years.
            var trail = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.OccurredAtUtc).ToListAsync();
            Assert.True(trail.Count >= size.AuditRecords, $"{trail.Count} records");
            Assert.True(trail.Zip(trail.Skip(1)).All(p => p.First <= p.Second), "time goes backwards along the chain");
            Assert.True(trail[^1] - trail[0] > TimeSpan.FromDays(4 * 365), $"the trail spans {trail[^1] - trail[0]}");
        }
        // The same rows in a second database: applications, their stages and amounts, ledger entries, the trail's actions.
        Assert.Equal(await DigestAsync(_first), await DigestAsync(_second));
    }

    private static async Task<string> DigestAsync(string path)
    {
        await using var db = TestDatabases.Sqlite(path);
        var text = new StringBuilder();
        foreach (var a in await db.Applications.AsNoTracking().Where(a => a.CreatedByUserId == "scale").OrderBy(a => a.Id)
                     .Select(a => new { a.Id, a.Reference, a.Title, a.ApprovedAmountValue, a.CreatedAtUtc, a.Workflow!.Stage }).ToListAsync())
            text.AppendLine(a.ToString());
        foreach (var e in await db.LedgerEntries.AsNoTracking().Where(e => e.RecordedByUserId == "scale").OrderBy(e => e.Id)
                     .Select(e => new { e.Id, e.Kind, e.ValueDate, e.Description }).ToListAsync())
            text.AppendLine(e.ToString());
        foreach (var e in await db.AuditEvents.AsNoTracking().Where(e => e.UserName.StartsWith("scale.user")).OrderBy(e => e.Sequence)
                     .Select(e => new { e.Action, e.EntityType, e.Details, e.UserName }).ToListAsync())
            text.AppendLine(e.ToString());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _first, _second }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
            if (File.Exists(file)) File.Delete(file);
    }
}

/// <summary>The pages read the scale data set at every stage, on each provider.</summary>
public abstract class ScaleSeedPageTests(CafAppFactory factory)
{
    [Fact]
    public async Task The_pages_read_the_scale_data_set_at_every_stage()
    {
        await factory.ResetAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<ScaleSeeder>();
            await seeder.AppendAuditHistoryAsync(ScaleSize.Small, CancellationToken.None);
            await seeder.SeedAsync(ScaleSize.Small, CancellationToken.None);
            Assert.True(await seeder.IsThereAsync(CancellationToken.None));
        }
        var verification = await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db, null, null, CancellationToken.None));
        Assert.True(verification.Ok, verification.ToString());

        var journey = new GrantJourney(factory);
        using var isu = await journey.SignInAsync(GrantJourney.Isu);
        foreach (var url in new[] { "/", "/Tasks", "/Dashboard" })
            Assert.Equal(HttpStatusCode.OK, (await isu.GetAsync(url)).Status);
        // Applications 21 to 39 are at every stage but a draft (20), which staff do not see.
        for (var n = 21; n < 40; n++)
        {
            var (status, html) = await isu.GetAsync($"/Applications/Details/{ScaleSql.IdOf(23, n)}");
            Assert.True(status == HttpStatusCode.OK, $"application {n}: {(int)status}");
            Assert.Contains($"SCALE-{n}", html);
        }
        using var finance = await journey.SignInAsync(GrantJourney.Finance);
        foreach (var url in new[] { "/Finance/Ledger", "/Dashboard", $"/Finance/GrantLedger/{ScaleSql.IdOf(23, 33)}" })
            Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync(url)).Status);
        using (var auditor = await journey.SignInAsync("auditor@caf.demo"))
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/Audit")).Status);
        // A person of the set signs in with the demo password and reads their state's applications.
        using var applicant = await journey.SignInAsync("scale.user001@caf.example");
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync("/")).Status);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteScaleSeedPageTests(SqliteAppFactory factory) : ScaleSeedPageTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresScaleSeedPageTests(PostgresAppFactory factory) : ScaleSeedPageTests(factory);
