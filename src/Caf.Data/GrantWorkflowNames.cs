using System.Reflection;

namespace Caf.Data;

/// <summary>
/// The stages of the caf-grant workflow the code relies on. The workflow files own the stages; these constants are the
/// names C# may use, and start-up refuses an imported version that lacks any of them (<see cref="GrantWorkflowNames"/>).
/// </summary>
public static class GrantStages
{
    public const string Draft = "Draft";
    public const string EligibilityScreening = "EligibilityScreening";
    public const string ClarificationRequested = "ClarificationRequested";
    public const string Ineligible = "Ineligible";
    public const string GenderReview = "GenderReview";
    public const string CommitteeReview = "CommitteeReview";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Active = "Active";
    public const string Reporting = "Reporting";
    public const string FinalReconciliation = "FinalReconciliation";
    public const string Closed = "Closed";
    public const string Withdrawn = "Withdrawn";
}

/// <summary>The triggers of the caf-grant workflow the code fires or names; checked at start-up like <see cref="GrantStages"/>.</summary>
public static class GrantTriggers
{
    public const string Submit = "submit";
    public const string StartScreening = "start-screening";
    public const string RequestClarification = "request-clarification";
    public const string Respond = "respond";
    public const string DeclareEligible = "declare-eligible";
    public const string DeclareIneligible = "declare-ineligible";
    public const string CompleteChecklist = "complete-checklist";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Defer = "defer";
    public const string SignAgreement = "sign-agreement";
    public const string AcceptFinalReports = "accept-final-reports";
    public const string Close = "close";
    public const string Withdraw = "withdraw";
    public const string Terminate = "terminate";

    /// <summary>The committee's three decisions, each a trigger of the workflow.</summary>
    public static bool IsDecision(string? trigger) => trigger is Approve or Reject or Defer;
}

/// <summary>Every stage and trigger name the code uses, with the constant that names it (for start-up's message).</summary>
public static class GrantWorkflowNames
{
    public const string WorkflowId = "caf-grant";

    public static IReadOnlyList<(string Name, string Constant)> Stages { get; } = Constants(typeof(GrantStages));

    public static IReadOnlyList<(string Name, string Constant)> Triggers { get; } = Constants(typeof(GrantTriggers));

    private static (string, string)[] Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => ((string)f.GetRawConstantValue()!, $"{type.Name}.{f.Name}"))
            .ToArray();
}
