using Caf.Web.Features.Shared;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.UnitTests;

/// <summary>The actions that ask for confirmation are named in C#: each must still be an action of every workflow version.</summary>
public sealed class DestructiveActionsTests
{
    [Fact]
    public void Every_destructive_action_is_a_transition_of_every_workflow_version()
    {
        using var services = new ServiceCollection().AddOptions().AddCafWorkflows(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var registry = WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, services.GetRequiredService<WorkflowVocabulary>());

        foreach (var definition in registry.All.Where(d => d.Id == WorkflowServices.GrantWorkflowId))
            Assert.Subset(definition.Transitions.Select(t => t.Trigger).ToHashSet(), DestructiveActions.Triggers.ToHashSet());
        Assert.Equal(["declare-ineligible", "reject", "terminate", "withdraw"], DestructiveActions.Triggers.Order());
    }
}
