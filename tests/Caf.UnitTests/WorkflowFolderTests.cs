using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.UnitTests;

/// <summary>
/// Every definition in workflows/ loads with the registered guards, actions and date fields; each file in
/// BrokenWorkflows/ holds exactly one defect and is refused with the error that names it, and only that error.
/// </summary>
public sealed class WorkflowFolderTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddOptions()
        .AddCafWorkflows(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private WorkflowVocabulary Vocabulary => _services.GetRequiredService<WorkflowVocabulary>();

    private static string BrokenWorkflowsFolder => Path.Combine(RepositoryFiles.Root, "tests", "Caf.UnitTests", "BrokenWorkflows");

    /// <summary>Each broken file, the JSON path its error names, and words the error must say.</summary>
    private static readonly (string File, string Path, string Words)[] BrokenFiles =
    [
        // Names that are not declared or not registered
        ("unknown-stage-in-from.json", "$.transitions[1].from[1]", "'Archived' is not a declared stage"),
        ("unknown-stage-in-to.json", "$.transitions[2].to", "'Withdrawn' is not a declared stage"),
        ("unknown-initial-stage.json", "$.initialStage", "'Start' is not a declared stage"),
        ("unknown-role.json", "$.transitions[1].roles[0]", "'Treasurer' is not a known role"),
        ("unknown-guard.json", "$.transitions[0].guards[1]", "no guard is registered as 'moon-is-full'"),
        ("unknown-guard-version.json", "$.transitions[0].guards[0]", "no guard is registered as 'has-budget-lines@2'"),
        ("unknown-action.json", "$.transitions[1].actions[0]", "no action is registered as 'send-flowers'"),
        ("guard-named-as-action.json", "$.transitions[1].actions[0]", "no action is registered as 'grant-balanced'"),
        ("unknown-timer-action.json", "$.timers[0].action", "no action is registered as 'send-flowers'"),
        ("unknown-timer-stage.json", "$.timers[0].stage", "'Archived' is not a declared stage"),
        ("unknown-date-field.json", "$.timers[0].schedule.field", "no date field is registered as 'activity-start'"),
        ("unknown-task-due-field.json", "$.tasks[0].due.field", "no date field is registered as 'grant-end'"),
        ("unknown-task-stage.json", "$.tasks[0].stage", "'Screening' is not a declared stage"),
        ("unknown-task-role.json", "$.tasks[0].role", "'Treasurer' is not a role a person holds"),
        ("task-for-system-role.json", "$.tasks[0].role", "'System' is not a role a person holds"),

        // The shape of the process
        ("unreachable-stage.json", "$.stages[2]", "'Limbo' cannot be reached from 'Draft'"),
        ("non-terminal-without-way-out.json", "$.stages[1]", "'Submitted' is not terminal but has no transition to another stage"),
        ("only-self-transition-is-no-way-out.json", "$.stages[1]", "'Submitted' is not terminal but has no transition to another stage"),
        ("terminal-with-way-out.json", "$.stages[2]", "'Closed' is terminal but has a transition out of it"),
        ("ambiguous-transitions.json", "$.transitions[2]", "'decide' from 'CommitteeReview' is also declared at $.transitions[1], and their guards could both hold"),
        ("ambiguous-unguarded-transition.json", "$.transitions[2]", "'decide' from 'CommitteeReview' is also declared at $.transitions[1], and their guards could both hold"),

        // Ids used twice
        ("duplicate-stage-id.json", "$.stages[3].id", "the stage id 'Submitted' is used twice"),
        ("duplicate-timer-id.json", "$.timers[1].id", "the timer id 'reminder' is used twice"),
        ("duplicate-task-id.json", "$.tasks[1].id", "the task id 'complete' is used twice"),

        // Schedules
        ("invalid-after-duration.json", "$.timers[0].schedule.after", "'P14' is not a duration in days and hours"),
        ("duration-too-large.json", "$.timers[0].schedule.after", "'P99999999D' is not a duration in days and hours"),
        ("negative-after.json", "$.timers[0].schedule.after", "is negative"),
        ("after-with-offset.json", "$.timers[0].schedule.offset", "an offset applies to a 'field', not to 'after'"),
        ("invalid-offset-duration.json", "$.tasks[0].due.offset", "'P1M2' is not a duration in days and hours"),
        ("schedule-with-after-and-field.json", "$.timers[0].schedule", "give either 'after'"),
        ("schedule-without-after-or-field.json", "$.tasks[0].due", "give either 'after'"),

        // Timers
        ("timer-trigger-not-leaving-stage.json", "$.timers[0].trigger", "no transition 'submit' leaves the stage 'Submitted'"),
        ("timer-trigger-without-system-role.json", "$.timers[0].trigger", "the transition 'close' does not allow the role 'System'"),
        ("timer-with-trigger-and-action.json", "$.timers[0]", "a timer fires either a trigger or an action, exactly one of them"),
        ("timer-without-trigger-or-action.json", "$.timers[0]", "a timer fires either a trigger or an action, exactly one of them"),

        // Labels the schema lets through
        ("blank-stage-label.json", "$.stages[1].label.en", "a stage needs an English label"),
        ("blank-transition-label.json", "$.transitions[0].label.en", "a transition needs an English label"),

        // Text the schema accepts but a definition cannot hold
        ("version-out-of-range.json", "$.version", "not valid JSON for a workflow"),

        // workflow.schema.json
        ("schema-missing-required-property.json", "$.transitions[1].roles", "'roles' is required"),
        ("schema-unknown-property.json", "$.stages[2].final", "is not a property a workflow definition has"),
        ("schema-wrong-type.json", "$.stages[2].terminal", "must be true or false"),
        ("schema-null-list.json", "$.transitions[1].guards", "must be a list"),
        ("schema-bad-id-pattern.json", "$.id", "does not have the required form"),
        ("schema-bad-stage-id-pattern.json", "$.stages[1].id", "does not have the required form"),
        ("schema-bad-guard-name-pattern.json", "$.transitions[0].guards[0]", "does not have the required form"),
        ("schema-version-below-one.json", "$.version", "must be at least 1"),
        ("schema-empty-english-label.json", "$.stages[1].label.en", "must not be empty"),
        ("schema-transition-from-no-stage.json", "$.transitions[1].from", "needs at least one item"),
        ("schema-no-stages.json", "$.stages", "needs at least one item"),

        // Not a definition at all
        ("not-json.json", "$", "not valid JSON"),
        ("empty-file.json", "$", "not valid JSON"),
        ("null-definition.json", "$", "the file is empty"),
    ];

    public static TheoryData<string, string, string> BrokenFileRows => new(BrokenFiles);

    [Fact]
    public void Every_definition_in_the_workflows_folder_loads_with_the_registered_vocabulary()
    {
        var files = WorkflowRegistry.DefinitionFiles(RepositoryFiles.WorkflowsFolder);

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var definition = WorkflowDefinitionLoader.Parse(File.ReadAllText(file), Path.GetFileName(file), Vocabulary);
            Assert.NotEmpty(definition.Stages);
        }
    }

    [Theory]
    [MemberData(nameof(BrokenFileRows))]
    public void A_broken_definition_is_refused_with_the_one_error_for_its_defect(string file, string path, string words)
    {
        var json = File.ReadAllText(Path.Combine(BrokenWorkflowsFolder, file));

        var ex = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.Parse(json, file, Vocabulary));

        Assert.Equal(file, ex.File);
        var error = Assert.Single(ex.Errors);
        Assert.StartsWith(path + ": ", error, StringComparison.Ordinal);
        Assert.Contains(words, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_definition_file_has_a_theory_row()
    {
        var files = Directory.EnumerateFiles(BrokenWorkflowsFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var rows = BrokenFiles.Select(r => r.File).Order(StringComparer.Ordinal);

        Assert.Equal(files, rows);
    }
}
