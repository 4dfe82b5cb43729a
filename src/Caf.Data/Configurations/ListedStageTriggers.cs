namespace Caf.Data.Configurations;

/// <summary>
/// The triggers that copy a workflow instance's stage onto its application's row (GrantApplication.ListedStage,
/// ADR 0043): one when an application is inserted, one when an instance's stage changes. They are made by the migration
/// ApplicationsListedStage, in each provider's own SQL.
/// </summary>
public static class ListedStageTriggers
{
    public const string OnApplications = "TR_Applications_ListedStage";
    public const string OnWorkflowInstances = "TR_WorkflowInstances_ListedStage";
}
