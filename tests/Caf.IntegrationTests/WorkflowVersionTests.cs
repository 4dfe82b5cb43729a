using System.Text.Json.Nodes;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Definition versions, through the real executable: a new version leaves running applications where they are,
/// migrate-instances moves them only when every stage has somewhere to go, and an edited imported version stops start-up.
/// </summary>
public sealed class WorkflowVersionTests : IDisposable
{
    private readonly string _database = TestDatabases.NewSqliteFile();
    private readonly string _folder = Directory.CreateTempSubdirectory("caf-workflows-").FullName;

    private Dictionary<string, string> Settings => new() { ["Workflows__Folder"] = _folder };

    private static string RealDefinition =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "caf-grant.json"));

    /// <summary>Version 2: "Submitted" (a stage the code does not name) is renamed "Received" everywhere.</summary>
    private static string Version2 =>
        RealDefinition.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"Submitted\"", "\"Received\"", StringComparison.Ordinal);

    [Fact]
    public async Task A_new_version_leaves_running_applications_on_theirs_until_they_are_migrated_with_a_stage_map()
    {
        File.WriteAllText(Path.Combine(_folder, "caf-grant.json"), RealDefinition);
        var seed = await CafProcess.RunAsync(_database, Settings, "seed", "--demo", "--force-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        var before = await InstancesAsync();
        Assert.All(before, i => Assert.Equal(1, i.Version));
        Assert.Contains(before, i => i.Stage == "Submitted");

        File.WriteAllText(Path.Combine(_folder, "caf-grant-v2.json"), Version2);
        var refused = await CafProcess.RunAsync(_database, Settings, "workflows", "migrate-instances", "--id", "caf-grant", "--from", "1", "--to", "2");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("has no stage 'Submitted'", refused.Output);
        Assert.Contains("--map Submitted=NewStage", refused.Output);
        Assert.Equal(before, await InstancesAsync());

        await using (var db = TestDatabases.Sqlite(_database))
            Assert.Equal([1, 2], await db.WorkflowDefinitions.Select(d => d.Version).OrderBy(v => v).ToListAsync(TestContext.Current.CancellationToken));

        var moved = await CafProcess.RunAsync(_database, Settings, "workflows", "migrate-instances", "--id", "caf-grant",
            "--from", "1", "--to", "2", "--map", "Submitted=Received");
        Assert.True(moved.ExitCode == 0, moved.Output);
        Assert.Contains($"Moved {before.Count} running application(s)", moved.Output);

        var after = await InstancesAsync();
        Assert.All(after, i => Assert.Equal(2, i.Version));
        Assert.Contains(after, i => i.Stage == "Received");
        Assert.DoesNotContain(after, i => i.Stage == "Submitted");
        await using var check = TestDatabases.Sqlite(_database);
        var moves = await check.WorkflowTransitions.Where(t => t.Trigger == WorkflowInstance.MigrateVersionTrigger).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before.Count, moves.Count);
        Assert.Contains(moves, m => m.FromStage == "Submitted" && m.ToStage == "Received");
        foreach (var instance in await check.WorkflowInstances.Include(i => i.History).ToListAsync(TestContext.Current.CancellationToken))
            Assert.Equal(Enumerable.Range(1, instance.History.Count), instance.History.Select(h => h.Sequence).Order());
        Assert.Equal(before.Count, await check.AuditEvents.CountAsync(e => e.Action == "workflow.instance-migrated", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Editing_an_imported_version_stops_start_up_with_a_clear_error()
    {
        File.WriteAllText(Path.Combine(_folder, "caf-grant.json"), RealDefinition);
        Assert.Equal(0, (await CafProcess.RunAsync(_database, Settings, "seed", "--demo", "--force-demo")).ExitCode);

        var edited = JsonNode.Parse(RealDefinition)!;
        edited["title"] = "Cooperation and Assistance Fund grant (edited)";
        File.WriteAllText(Path.Combine(_folder, "caf-grant.json"), edited.ToJsonString());

        var start = await CafProcess.RunAsync(_database, Settings, "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("CafGrants cannot start", start.Output);
        Assert.Contains("version 1 of 'caf-grant' was imported", start.Output);
        Assert.Contains("as version 2 instead", start.Output);
    }

    [Fact]
    public async Task A_version_missing_a_stage_or_trigger_the_code_names_is_refused_at_start_up_naming_both()
    {
        File.WriteAllText(Path.Combine(_folder, "caf-grant.json"), RealDefinition);
        var lacking = JsonNode.Parse(RealDefinition.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"CommitteeReview\"", "\"CommitteeMeeting\"", StringComparison.Ordinal))!;
        foreach (var transition in lacking["transitions"]!.AsArray())
            if ((string?)transition!["trigger"] == "approve") transition["trigger"] = "endorse";
        File.WriteAllText(Path.Combine(_folder, "caf-grant-v2.json"), lacking.ToJsonString());

        var start = await CafProcess.RunAsync(_database, Settings, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("CafGrants cannot start", start.Output);
        Assert.Contains("caf-grant-v2.json: version 2 of 'caf-grant' has no stage 'CommitteeReview' (used as GrantStages.CommitteeReview), " +
            "no trigger 'approve' (used as GrantTriggers.Approve)", start.Output);
        await using var db = TestDatabases.Sqlite(_database);
        Assert.DoesNotContain(2, await db.WorkflowDefinitions.Select(d => d.Version).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_invalid_definition_stops_start_up_naming_the_problem()
    {
        var broken = JsonNode.Parse(RealDefinition)!;
        broken["transitions"]![0]!["guards"] = new JsonArray("no-such-guard");
        File.WriteAllText(Path.Combine(_folder, "caf-grant.json"), broken.ToJsonString());

        var start = await CafProcess.RunAsync(_database, Settings, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains("CafGrants cannot start", start.Output);
        Assert.Contains("$.transitions[0].guards[0]: no guard is registered as 'no-such-guard'", start.Output);
    }

    private async Task<List<(Guid Id, int Version, string Stage)>> InstancesAsync()
    {
        await using var db = TestDatabases.Sqlite(_database);
        var rows = await db.WorkflowInstances.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.DefinitionVersion, i.Stage }).ToListAsync(TestContext.Current.CancellationToken);
        return rows.Select(r => (r.Id, r.DefinitionVersion, r.Stage)).ToList();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        Directory.Delete(_folder, recursive: true);
    }
}
