using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Workflows;

public static class WorkflowServices
{
    public const string GrantWorkflowId = "caf-grant";

    /// <summary>Registers the engine, the CAF guards and actions, and the definitions in <paramref name="workflowsFolder"/>.</summary>
    public static IServiceCollection AddCafWorkflows(this IServiceCollection services, IConfiguration configuration, string workflowsFolder)
    {
        services.Configure<GrantRulesOptions>(configuration.GetSection(GrantRulesOptions.Section));
        foreach (var type in typeof(WorkflowServices).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true }))
        {
            if (typeof(IWorkflowGuard).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowGuard), type);
            if (typeof(IWorkflowAction).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowAction), type);
        }
        services.AddSingleton(sp => WorkflowRegistry.LoadFolder(workflowsFolder,
            sp.GetServices<IWorkflowGuard>().Select(g => g.Name).ToHashSet(),
            sp.GetServices<IWorkflowAction>().Select(a => a.Name).ToHashSet()));
        services.AddScoped<WorkflowEngine>();
        return services;
    }
}
