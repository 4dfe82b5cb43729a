using Caf.Workflows.Engine;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Workflows;

public static class WorkflowServices
{
    public const string GrantWorkflowId = Caf.Data.GrantWorkflowNames.WorkflowId;

    /// <summary>
    /// Registers the engine and the CAF guards, actions, date fields and loaders. The registry starts empty: the
    /// start-up imports workflows/*.json through <see cref="WorkflowCatalog"/> and loads every imported version.
    /// </summary>
    public static IServiceCollection AddCafWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GrantRulesOptions>(configuration.GetSection(GrantRulesOptions.Section));
        // Business dates are dates in the fund's zone; the zone is a property of the deployment, set once here.
        Caf.Data.FundTime.Use(configuration[$"{GrantRulesOptions.Section}:{nameof(GrantRulesOptions.TimeZone)}"]);
        foreach (var type in typeof(WorkflowServices).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true }))
        {
            if (typeof(IWorkflowGuard).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowGuard), type);
            if (typeof(IWorkflowAction).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowAction), type);
            if (typeof(IWorkflowDateField).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowDateField), type);
            if (typeof(IWorkflowTaskScope).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowTaskScope), type);
            if (typeof(IWorkflowSubjectLoader).IsAssignableFrom(type)) services.AddSingleton(typeof(IWorkflowSubjectLoader), type);
        }
        services.AddSingleton(sp => new WorkflowVocabulary(sp.GetServices<IWorkflowGuard>(), sp.GetServices<IWorkflowAction>(),
            sp.GetServices<IWorkflowDateField>()));
        services.AddSingleton<WorkflowRegistry>();
        services.AddScoped<WorkflowEngine>();
        services.AddScoped<WorkflowCatalog>();
        services.AddSingleton<WorkflowTimerRunner>();
        // The web host registers its own (its configured public address); this one only says that none was.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<IPublicLinks, NoPublicLinks>(services);
        return services;
    }
}
