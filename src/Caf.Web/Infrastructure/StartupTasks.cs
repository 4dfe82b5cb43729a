using Caf.Data;
using Caf.Web.Seeding;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Runs before the app serves: applies migrations (if configured), imports and loads the workflow definitions
/// (refusing to start when one is invalid or an imported version was edited), adds the demo data (if configured),
/// and fires the timers whose time passed while the app was down.
/// </summary>
internal sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seedDemo = configuration.GetValue("Seed:Demo", false);
        if (seedDemo)
        {
            try
            {
                DemoSeeder.EnsureAllowed(environment, configuration.GetValue("Seed:AllowOutsideDevelopment", false),
                    "set Seed:AllowOutsideDevelopment=true", logger);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"CafGrants cannot start: Seed:Demo is true. {ex.Message}", ex);
            }
        }
        await PrepareAsync(services, configuration, logger,
            migrate: configuration.GetValue("Database:MigrateOnStartup", true),
            seedDemo: seedDemo,
            cancellationToken);
        var fired = await services.GetRequiredService<WorkflowTimerRunner>().RunDueAsync(cancellationToken);
        if (fired > 0) InfrastructureLog.StartupSweepFired(logger, fired);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string WorkflowsFolder(IConfiguration configuration) =>
        configuration["Workflows:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "workflows");

    public static async Task PrepareAsync(IServiceProvider root, IConfiguration configuration, ILogger logger, bool migrate,
        bool seedDemo, CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var sp = scope.ServiceProvider;
        if (migrate) await sp.GetRequiredService<CafDbContext>().Database.MigrateAsync(ct);
        var folder = WorkflowsFolder(configuration);
        try
        {
            foreach (var line in await sp.GetRequiredService<WorkflowCatalog>().ImportFolderAsync(folder, ct))
                InfrastructureLog.WorkflowsImported(logger, line);
        }
        catch (Exception ex) when (ex is WorkflowDefinitionException or WorkflowVersionChangedException or WorkflowNamesMissingException
            or DirectoryNotFoundException)
        {
            InfrastructureLog.WorkflowsUnusable(logger, folder, ex.Message);
            throw new InvalidOperationException($"CafGrants cannot start: {ex.Message}", ex);
        }
        if (seedDemo) await sp.GetRequiredService<DemoSeeder>().SeedAsync(includeApplications: true, ct);
    }
}
