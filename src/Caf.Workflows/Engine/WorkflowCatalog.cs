using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Engine;

/// <summary>An imported version's content was edited instead of being published as a new version.</summary>
public sealed class WorkflowVersionChangedException(string message) : Exception(message);

/// <summary>
/// The definitions the application runs: imported from workflows/*.json into the database by (id, version) with a
/// content hash, then every imported version loaded into the registry, so running instances keep their version.
/// </summary>
public sealed class WorkflowCatalog(WorkflowRegistry registry, WorkflowVocabulary vocabulary, WorkflowEngine engine,
    IEnumerable<IWorkflowSubjectLoader> subjectLoaders, CafDbContext db, TimeProvider clock)
{
    /// <summary>Validates and imports every file of the folder, refusing a changed version, then loads all versions.</summary>
    public async Task<IReadOnlyList<string>> ImportFolderAsync(string folder, CancellationToken ct = default)
    {
        var report = new List<string>();
        var seen = new Dictionary<(string, int), string>();
        var parsed = new Dictionary<string, WorkflowDefinition>();
        foreach (var file in WorkflowRegistry.DefinitionFiles(folder))
        {
            var content = Normalize(await File.ReadAllTextAsync(file, ct));
            var name = Path.GetFileName(file);
            var definition = WorkflowDefinitionLoader.Parse(content, name, vocabulary);
            WorkflowNamesInCode.Check(definition, name);
            if (seen.TryGetValue((definition.Id, definition.Version), out var other))
                throw new WorkflowVersionChangedException(
                    $"{name} and {other} both declare version {definition.Version} of '{definition.Id}'. Give one of them a new version.");
            seen[(definition.Id, definition.Version)] = name;
            var hash = Hash(content);
            parsed[hash] = definition;
            var existing = await db.WorkflowDefinitions.FindAsync([definition.Id, definition.Version], ct);
            if (existing is null)
            {
                db.WorkflowDefinitions.Add(new WorkflowDefinitionRecord(definition.Id, definition.Version, content, hash, name,
                    clock.GetUtcNow().UtcDateTime));
                db.AuditEvents.Add(new AuditEvent("workflow.imported", "WorkflowDefinition", $"{definition.Id}@{definition.Version}",
                    JsonSerializer.Serialize(new { file = name, hash })));
                report.Add($"{name}: imported '{definition.Id}' version {definition.Version}");
            }
            else if (existing.ContentHash != hash)
            {
                throw new WorkflowVersionChangedException(
                    $"{name}: version {definition.Version} of '{definition.Id}' was imported on {existing.ImportedAtUtc:yyyy-MM-dd HH:mm} UTC " +
                    $"with different content, and running applications depend on it. Undo the edit and publish the change " +
                    $"as version {definition.Version + 1} instead.");
            }
            else
            {
                report.Add($"{name}: '{definition.Id}' version {definition.Version} is already imported");
            }
        }
        await db.SaveChangesAsync(ct);
        await LoadImportedAsync(parsed, ct);
        return report;
    }

    /// <summary>
    /// Loads every imported version into the registry (validated again against today's guards and actions). A version
    /// whose content was just validated from its file (<paramref name="validated"/>, by content hash) is not validated
    /// twice: the start-up imports the folder, then loads (issue 16's cold start).
    /// </summary>
    private async Task LoadImportedAsync(IReadOnlyDictionary<string, WorkflowDefinition> validated, CancellationToken ct)
    {
        var records = await db.WorkflowDefinitions.AsNoTracking().OrderBy(r => r.DefinitionId).ThenBy(r => r.Version).ToListAsync(ct);
        registry.Replace(records.Select(r =>
        {
            // The same content is the same definition: its id and version are part of it.
            if (validated.GetValueOrDefault(r.ContentHash) is { } same) return same;
            var source = $"'{r.DefinitionId}' version {r.Version} as imported from {r.SourceFile}";
            var definition = WorkflowDefinitionLoader.Parse(r.Content, source, vocabulary);
            WorkflowNamesInCode.Check(definition, source);
            return definition;
        }));
    }

    /// <summary>
    /// Moves the running (non-terminal) instances of one version to another, each stage through <paramref name="map"/>
    /// or, when the target has a stage of the same id, to that stage. Refuses, changing nothing, when any current stage
    /// has nowhere to go. Each move is recorded in the instance's history and the audit trail.
    /// </summary>
    public async Task<int> MigrateInstancesAsync(string definitionId, int fromVersion, int toVersion,
        IReadOnlyDictionary<string, string> map, WorkflowActor actor, CancellationToken ct = default)
    {
        var source = registry.Get(definitionId, fromVersion);
        var target = registry.Get(definitionId, toVersion);
        foreach (var (from, to) in map)
        {
            if (source.Stages.All(s => s.Id != from))
                throw new WorkflowVersionChangedException($"--map {from}={to}: version {fromVersion} has no stage '{from}'.");
            if (target.Stages.All(s => s.Id != to))
                throw new WorkflowVersionChangedException($"--map {from}={to}: version {toVersion} has no stage '{to}'.");
        }
        var terminal = source.Stages.Where(s => s.Terminal).Select(s => s.Id).ToList();
        var instances = await db.WorkflowInstances
            .Where(i => i.DefinitionId == definitionId && i.DefinitionVersion == fromVersion && !terminal.Contains(i.Stage))
            .ToListAsync(ct);
        string? TargetOf(string stage) => map.TryGetValue(stage, out var mapped) ? mapped : target.Stages.Any(s => s.Id == stage) ? stage : null;
        var unmapped = instances.Select(i => i.Stage).Distinct().Where(s => TargetOf(s) is null).Order().ToList();
        if (unmapped.Count > 0)
            throw new WorkflowVersionChangedException(
                $"Version {toVersion} of '{definitionId}' has no stage {string.Join(", ", unmapped.Select(s => $"'{s}'"))}; " +
                $"say where running applications there should go with --map {unmapped[0]}=NewStage. Nothing was moved.");

        var loader = subjectLoaders.FirstOrDefault();
        foreach (var instance in instances)
        {
            var fromStage = instance.Stage;
            await engine.LeaveStageAsync(instance, ct);
            instance.MigrateTo(toVersion, TargetOf(fromStage)!, actor.UserId, actor.UserName, clock.GetUtcNow().UtcDateTime);
            db.AuditEvents.Add(new AuditEvent("workflow.instance-migrated", "WorkflowInstance", instance.Id.ToString(),
                JsonSerializer.Serialize(new { workflow = definitionId, fromVersion, toVersion, fromStage, toStage = instance.Stage })));
            if (loader is not null && await loader.LoadAsync(db, instance.Id, ct) is { } subject)
                await engine.EnterStageAsync(instance, subject, target, ct);
        }
        await db.SaveChangesAsync(ct);
        return instances.Count;
    }

    // Line endings are not content: a checkout on Windows must not look like an edit.
    private static string Normalize(string content) => content.Replace("\r\n", "\n");

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
