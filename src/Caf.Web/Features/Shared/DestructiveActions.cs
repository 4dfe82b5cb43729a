using Caf.Data;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The workflow actions that end an application or a grant for good. Each is styled apart from the primary action and
/// asks for confirmation on the server first, so that the question is asked without JavaScript too.
/// </summary>
internal static class DestructiveActions
{
    /// <summary>The CSS class that marks them (wwwroot/css/site.css).</summary>
    public const string CssClass = "destructive";

    private static readonly Dictionary<string, (string Question, string Consequence, string Confirm)> Actions = new()
    {
        [GrantTriggers.Withdraw] = ("Withdraw this application?",
            "A withdrawn application cannot be submitted or reopened; to apply again, you would start a new application.",
            "Withdraw the application"),
        [GrantTriggers.DeclareIneligible] = ("Declare this application ineligible?",
            "The application ends here and the applicant is told by email, with your rationale. This cannot be undone.",
            "Declare it ineligible"),
        [GrantTriggers.Reject] = ("Reject this application?",
            "The application ends here and the applicant receives the committee's decision with your rationale. This cannot be undone.",
            "Reject the application"),
        [GrantTriggers.Terminate] = ("Terminate this grant?",
            "No further tranche is paid and the grant goes to final reconciliation of what was paid and spent. This cannot be undone.",
            "Terminate the grant"),
    };

    /// <summary>The triggers, for the test that each one is still a transition of every workflow version.</summary>
    public static IEnumerable<string> Triggers => Actions.Keys;

    public static bool Is(string? trigger) => trigger is not null && Actions.ContainsKey(trigger);

    public static string Question(string trigger) => Actions[trigger].Question;

    public static string Consequence(string trigger) => Actions[trigger].Consequence;

    /// <summary>The confirmation button's words: the action itself, never a bare "Yes".</summary>
    public static string Confirm(string trigger) => Actions[trigger].Confirm;
}
