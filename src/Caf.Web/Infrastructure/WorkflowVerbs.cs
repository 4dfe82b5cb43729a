using Caf.Data;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Infrastructure;

/// <summary>The "workflows" verbs: validate definition files, print a diagram, move running instances between versions.</summary>
internal static class WorkflowVerbs
{
    /// <summary>Prints "ok FILE" for each valid file and every error of each invalid one; 0 only when all are valid.</summary>
    public static int Validate(IServiceProvider services, IReadOnlyList<string> files)
    {
        var vocabulary = services.GetRequiredService<WorkflowVocabulary>();
        var paths = files.Count > 0
            ? files
            : WorkflowRegistry.DefinitionFiles(StartupTasks.WorkflowsFolder(services.GetRequiredService<IConfiguration>()));
        var invalid = 0;
        foreach (var given in paths)
        {
            var path = Resolve(given);
            if (!File.Exists(path))
            {
                Console.WriteLine(CliText.Format("Cli.Workflows.NoSuchFile", path));
                invalid++;
                continue;
            }
            try
            {
                WorkflowDefinitionLoader.Parse(File.ReadAllText(path), path, vocabulary);
                // "ok FILE" reads the same in the three languages, and scripts look for it.
                Console.WriteLine($"ok {path}");
            }
            catch (WorkflowDefinitionException ex)
            {
                invalid++;
                Console.WriteLine(CliText.Format("Cli.Workflows.Errors", path, ex.Errors.Count));
                foreach (var error in ex.Errors) Console.WriteLine($"  {error}");
            }
        }
        return invalid == 0 ? 0 : 1;
    }

    /// <summary>Draws a definition from the workflows folder or, for a version no longer there, as imported into the database.</summary>
    public static async Task<int> GraphAsync(IServiceProvider services, string id, string? versionText, string? format)
    {
        if (format is not (null or "mermaid" or "dot")) return CliVerbs.Fail(CliText.Format("Cli.Workflows.NotAFormat", format));
        int? version = null;
        if (versionText is not null)
        {
            if (!int.TryParse(versionText, out var v)) return CliVerbs.Fail(CliText.Format("Cli.Workflows.NotAVersion", versionText));
            version = v;
        }
        var vocabulary = services.GetRequiredService<WorkflowVocabulary>();
        var folder = WorkflowRegistry.LoadFolder(StartupTasks.WorkflowsFolder(services.GetRequiredService<IConfiguration>()), vocabulary);
        var definition = folder.All.Where(d => d.Id == id && (version is null || d.Version == version)).MaxBy(d => d.Version);
        if (definition is null && version is not null)
        {
            var record = await services.GetRequiredService<CafDbContext>().WorkflowDefinitions.AsNoTracking()
                .FirstOrDefaultAsync(r => r.DefinitionId == id && r.Version == version);
            if (record is not null) definition = WorkflowDefinitionLoader.Parse(record.Content, record.SourceFile, vocabulary);
        }
        if (definition is null)
            return CliVerbs.Fail(version is null ? CliText.Format("Cli.Workflows.NoWorkflow", id) : CliText.Format("Cli.Workflows.NoWorkflowVersion", id, version));
        Console.Write(format == "dot" ? WorkflowDiagram.ToDot(definition) : WorkflowDiagram.ToMermaid(definition));
        return 0;
    }

    public static async Task<int> MigrateInstancesAsync(IServiceProvider services, string id, int from, int to, IReadOnlyList<string> maps)
    {
        var map = new Dictionary<string, string>();
        foreach (var entry in maps)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                return CliVerbs.Fail(CliText.Format("Cli.Workflows.NotAMap", entry));
            map[parts[0]] = parts[1];
        }
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        try
        {
            await catalog.ImportFolderAsync(StartupTasks.WorkflowsFolder(services.GetRequiredService<IConfiguration>()));
            var actor = new WorkflowActor("system", $"cli:{Environment.UserName}", new HashSet<string> { Caf.Data.CafRoles.System });
            var moved = await catalog.MigrateInstancesAsync(id, from, to, map, actor);
            Console.WriteLine(CliText.Format("Cli.Workflows.Moved", moved, id, from, to));
            return 0;
        }
        catch (Exception ex) when (ex is WorkflowVersionChangedException or WorkflowDefinitionException or WorkflowNamesMissingException
            or KeyNotFoundException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>
    /// A relative path is looked for in the current folder, then in its parents: "dotnet run --project src/Caf.Web"
    /// runs in the project's folder, and people type paths from the repository root.
    /// </summary>
    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return path;
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, path))) return Path.Combine(folder.FullName, path);
        return path;
    }
}
