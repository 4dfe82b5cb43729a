using System.Text.RegularExpressions;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.UnitTests;

/// <summary>
/// A disabled action's reason is shown under the action's own button: it must say what to do or wait for, never repeat
/// the action ("Complete the gender-lens checklist first" under "Complete the gender-lens checklist").
/// </summary>
public sealed partial class DisabledReasonTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddOptions()
        .AddCafWorkflows(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task No_reason_repeats_the_label_of_its_transition_in_any_workflow_version()
    {
        var registry = WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, _services.GetRequiredService<WorkflowVocabulary>());
        var guards = _services.GetServices<IWorkflowGuard>().ToLookup(g => g.Name);
        var builder = new GrantApplicationBuilder();
        var checkedReasons = 0;
        var repeats = new List<string>();
        foreach (var definition in registry.All.Where(d => d.Id == WorkflowServices.GrantWorkflowId))
        foreach (var transition in definition.Transitions)
        foreach (var reference in transition.Guards)
        {
            // A blank draft leaves every guard but the round's dates and ceiling unmet, so each reason is produced.
            var application = builder.Draft();
            var (name, _) = WorkflowVocabulary.ParseReference(reference);
            var guard = guards[name].MaxBy(g => g.Version)!;
            var context = new WorkflowContext(application.Workflow!, application, WorkflowActor.System, null!,
                new FixedClock(GrantApplicationBuilder.Now), transition, null);
            var result = await guard.EvaluateAsync(context, CancellationToken.None);
            if (result.Met) continue;
            checkedReasons++;
            var reason = result.Reason ?? guard.Description;
            if (Repeats(reason, transition.Label.En))
                repeats.Add($"caf-grant v{definition.Version} '{transition.Label.En}' ({name}): \"{reason}\"");
        }

        Assert.True(checkedReasons >= 20, $"Only {checkedReasons} unmet guards were produced; the test no longer covers the workflow.");
        Assert.True(repeats.Count == 0, "Reasons that repeat their action's name:" + Environment.NewLine + string.Join(Environment.NewLine, repeats));
    }

    [Theory]
    [InlineData("Complete the gender-lens checklist first.", "Complete the gender-lens checklist", true)]
    [InlineData("The checklist is incomplete: complete the gender-lens checklist.", "Complete the gender-lens checklist", true)]
    [InlineData("Record the approved amount and the rationale.", "Approve", false)]
    [InlineData("Answer each item of the checklist and choose the gender marker.", "Complete the gender-lens checklist", false)]
    public void A_reason_repeats_its_label_when_it_contains_it_or_all_its_words(string reason, string label, bool repeats) =>
        Assert.Equal(repeats, Repeats(reason, label));

    /// <summary>The label as a phrase, or (for longer labels) every one of its words of four letters or more.</summary>
    private static bool Repeats(string reason, string label)
    {
        if (Regex.IsMatch(reason, $@"\b{Regex.Escape(label)}\b", RegexOptions.IgnoreCase)) return true;
        var words = Words(label).Where(w => w.Length >= 4).ToList();
        return words.Count >= 2 && words.All(Words(reason).Contains);
    }

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }
}
