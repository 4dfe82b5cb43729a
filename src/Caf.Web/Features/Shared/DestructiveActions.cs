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

    /// <summary>The keys of each action's question, consequence and button (Decide.Destructive.{name}.Question…), each ending in a dot.</summary>
    private static readonly Dictionary<string, string> Actions = new()
    {
        [GrantTriggers.Withdraw] = "Decide.Destructive.Withdraw.",
        [GrantTriggers.DeclareIneligible] = "Decide.Destructive.Ineligible.",
        [GrantTriggers.Reject] = "Decide.Destructive.Reject.",
        [GrantTriggers.Terminate] = "Decide.Destructive.Terminate.",
    };

    /// <summary>The triggers, for the test that each one is still a transition of every workflow version.</summary>
    public static IEnumerable<string> Triggers => Actions.Keys;

    public static bool Is(string? trigger) => trigger is not null && Actions.ContainsKey(trigger);

    public static string Question(string trigger) => InterfaceLanguage.Text(Actions[trigger] + "Question");

    public static string Consequence(string trigger) => InterfaceLanguage.Text(Actions[trigger] + "Consequence");

    /// <summary>The confirmation button's words: the action itself, never a bare "Yes".</summary>
    public static string Confirm(string trigger) => InterfaceLanguage.Text(Actions[trigger] + "Confirm");
}
