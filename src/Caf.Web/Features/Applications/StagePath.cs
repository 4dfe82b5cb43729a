using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

public enum StepState { Done, Current, ToCome }

/// <summary>One step of the road an application travels, as its page shows it.</summary>
public sealed record PathStep(string Label, StepState State);

/// <summary>
/// Where an application stands, as a list of steps drawn in HTML (issue 15): readable without the diagram library, with
/// JavaScript off, on a phone and by a screen reader. The grant's main road, each step done, current or to come; a side
/// stage (a clarification, a rejection, a withdrawal) is shown where the application left the road.
/// </summary>
public static class StagePath
{
    /// <summary>The road every funded grant travels, in order.</summary>
    public static readonly IReadOnlyList<string> Road =
    [
        GrantStages.Draft, "Submitted", GrantStages.EligibilityScreening, GrantStages.GenderReview, GrantStages.CommitteeReview,
        GrantStages.Approved, GrantStages.Active, GrantStages.Reporting, GrantStages.FinalReconciliation, GrantStages.Closed,
    ];

    /// <param name="label">The stage's name for the reader (an applicant's words for an applicant).</param>
    /// <param name="terminal">Whether a stage ends the road (Ineligible, Rejected, Withdrawn): nothing comes after it.</param>
    public static IReadOnlyList<PathStep> Of(WorkflowInstance instance, Func<string, string> label, Func<string, bool> terminal)
    {
        var current = instance.Stage;
        // Only the steps the application really went through are done: a grant terminated before its reports skips them.
        var reached = instance.History.Select(h => h.ToStage).Append(Road[0]).ToHashSet();
        // A clarification stands where the screening is: the applicant answers, then the screening goes on.
        var at = IndexOf(current == GrantStages.ClarificationRequested ? GrantStages.EligibilityScreening : current);
        var steps = new List<(string Stage, StepState State)>();
        if (at >= 0)
            for (var i = 0; i < Road.Count; i++)
            {
                if (i < at && reached.Contains(Road[i])) steps.Add((Road[i], StepState.Done));
                else if (i == at) steps.Add((current, StepState.Current));
                else if (i > at) steps.Add((Road[i], StepState.ToCome));
            }
        else
        {
            // Off the road (ineligible, rejected, withdrawn): the road as far as the application went, then where it ended.
            var furthest = reached.Select(IndexOf).Max();
            steps.AddRange(Road.Where(reached.Contains).Select(stage => (stage, StepState.Done)));
            steps.Add((current, StepState.Current));
            if (!terminal(current)) steps.AddRange(Road.Skip(furthest + 1).Select(stage => (stage, StepState.ToCome)));
        }
        // An applicant reads three review stages as one "Under review": steps named alike in a row are one step.
        var shown = new List<PathStep>();
        foreach (var (stage, state) in steps)
        {
            var name = label(stage);
            if (shown.Count > 0 && shown[^1].Label == name)
                shown[^1] = shown[^1] with { State = shown[^1].State == StepState.Current || state == StepState.Current ? StepState.Current : state };
            else shown.Add(new PathStep(name, state));
        }
        return shown;
    }

    private static int IndexOf(string stage) => Road.ToList().IndexOf(stage);
}
