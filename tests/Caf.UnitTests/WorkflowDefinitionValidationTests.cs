using Caf.Workflows.Engine;

namespace Caf.UnitTests;

/// <summary>The loader refuses small hand-written definitions, naming the JSON path of each problem.</summary>
public sealed class WorkflowDefinitionValidationTests
{
    private static readonly HashSet<string> Guards = ["has-budget-lines"];
    private static readonly HashSet<string> Actions = ["assign-reference"];

    private const string ValidStages = """
        { "id": "Draft", "label": { "en": "Draft" } },
        { "id": "Submitted", "label": { "en": "Submitted" } },
        { "id": "Closed", "label": { "en": "Closed" }, "terminal": true }
        """;

    private const string ValidTransitions = """
        { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"],
          "guards": ["has-budget-lines"], "actions": ["assign-reference"] },
        { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
        """;

    private static string Definition(string stages = ValidStages, string transitions = ValidTransitions) => $$"""
        {
          // comments and trailing commas are allowed, as in the real file's editors
          "id": "test",
          "version": 1,
          "title": "Test",
          "initialStage": "Draft",
          "stages": [ {{stages}} ],
          "transitions": [ {{transitions}} ],
        }
        """;

    private static WorkflowDefinition Parse(string json) =>
        WorkflowDefinitionLoader.Parse(json, "test.json", new WorkflowVocabulary(Guards, Actions, ["activity-end"]));

    private static IReadOnlyList<string> ErrorsOf(string json)
    {
        var ex = Assert.Throws<WorkflowDefinitionException>(() => Parse(json));
        Assert.Contains("test.json is not a valid workflow definition", ex.Message);
        return ex.Errors;
    }

    [Fact]
    public void A_small_valid_definition_loads()
    {
        var definition = Parse(Definition());

        Assert.Equal(["Draft", "Submitted", "Closed"], definition.Stages.Select(s => s.Id));
        Assert.Equal(["submit", "close"], definition.Transitions.Select(t => t.Trigger));
        Assert.Equal(["has-budget-lines"], definition.Transitions[0].Guards);
    }

    [Fact]
    public void A_transition_to_an_unknown_stage_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Sent", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains("$.transitions[0].to: 'Sent' is not a declared stage", errors);
    }

    [Fact]
    public void A_transition_from_an_unknown_stage_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted", "Archived"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains("$.transitions[1].from[1]: 'Archived' is not a declared stage", errors);
    }

    [Fact]
    public void A_transition_for_an_unknown_role_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance", "Treasurer"] }
            """));

        Assert.Contains("$.transitions[1].roles[1]: 'Treasurer' is not a known role", errors);
    }

    [Fact]
    public void A_transition_that_no_role_may_fire_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": [] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains(errors, e => e.StartsWith("$.transitions[0].roles:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_system_role_may_fire_a_transition()
    {
        var definition = Parse(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["System"] }
            """));

        Assert.Equal(["System"], definition.Transitions[1].Roles);
    }

    [Fact]
    public void A_transition_naming_an_unregistered_guard_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"],
              "guards": ["has-budget-lines", "moon-is-full"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains("$.transitions[0].guards[1]: no guard is registered as 'moon-is-full'", errors);
    }

    [Fact]
    public void A_transition_naming_an_unregistered_action_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"], "actions": ["send-flowers"] }
            """));

        Assert.Contains("$.transitions[1].actions[0]: no action is registered as 'send-flowers'", errors);
    }

    [Fact]
    public void A_guard_name_given_as_an_action_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"], "actions": ["has-budget-lines"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains("$.transitions[0].actions[0]: no action is registered as 'has-budget-lines'", errors);
    }

    [Fact]
    public void A_stage_id_used_twice_is_refused()
    {
        var errors = ErrorsOf(Definition(stages: """
            { "id": "Draft", "label": { "en": "Draft" } },
            { "id": "Submitted", "label": { "en": "Submitted" } },
            { "id": "Closed", "label": { "en": "Closed" }, "terminal": true },
            { "id": "Submitted", "label": { "en": "Submitted again" } }
            """));

        Assert.Contains("$.stages[3].id: the stage id 'Submitted' is used twice", errors);
    }

    [Fact]
    public void A_stage_that_cannot_be_reached_from_the_initial_stage_is_refused()
    {
        var errors = ErrorsOf(Definition(
            stages: ValidStages + """
                , { "id": "Limbo", "label": { "en": "Limbo" } }
                """,
            transitions: ValidTransitions + """
                , { "trigger": "leave", "label": { "en": "leave" }, "from": ["Limbo"], "to": "Closed", "roles": ["Admin"] }
                """));

        Assert.Equal(["$.stages[3]: 'Limbo' cannot be reached from 'Draft'"], errors);
    }

    [Fact]
    public void A_terminal_stage_with_a_way_out_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: ValidTransitions + """
            , { "trigger": "reopen", "label": { "en": "reopen" }, "from": ["Closed"], "to": "Submitted", "roles": ["Admin"] }
            """));

        Assert.Equal(["$.stages[2]: 'Closed' is terminal but has a transition out of it"], errors);
    }

    [Fact]
    public void A_terminal_stage_that_loops_on_itself_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: ValidTransitions + """
            , { "trigger": "annotate", "label": { "en": "annotate" }, "from": ["Closed"], "to": "Closed", "roles": ["Admin"] }
            """));

        Assert.Equal(["$.stages[2]: 'Closed' is terminal but has a transition out of it"], errors);
    }

    [Fact]
    public void A_stage_that_is_not_terminal_and_has_no_way_out_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Draft"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Equal(["$.stages[1]: 'Submitted' is not terminal but has no transition to another stage"], errors);
    }

    [Fact]
    public void A_stage_whose_only_transition_returns_to_itself_has_no_way_out()
    {
        var errors = ErrorsOf(Definition(transitions: ValidTransitions.Replace(
            "\"from\": [\"Submitted\"], \"to\": \"Closed\"", "\"from\": [\"Submitted\"], \"to\": \"Submitted\"",
            StringComparison.Ordinal)));

        Assert.Contains("$.stages[1]: 'Submitted' is not terminal but has no transition to another stage", errors);
    }

    [Fact]
    public void An_initial_stage_that_is_not_declared_is_refused()
    {
        var errors = ErrorsOf(Definition().Replace("\"initialStage\": \"Draft\"", "\"initialStage\": \"Start\"", StringComparison.Ordinal));

        Assert.Contains("$.initialStage: 'Start' is not a declared stage", errors);
    }

    [Fact]
    public void A_stage_without_an_English_label_is_refused()
    {
        var errors = ErrorsOf(Definition(stages: """
            { "id": "Draft", "label": { "fr": "Brouillon" } },
            { "id": "Submitted", "label": { "en": "Submitted" } },
            { "id": "Closed", "label": { "en": "Closed" }, "terminal": true }
            """));

        Assert.Equal(["$.stages[0].label.en: 'en' is required"], errors);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Clerk"], "guards": ["nope"] },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"], "actions": ["nothing"] }
            """));

        Assert.Equal(
        [
            "$.transitions[0].roles[0]: 'Clerk' is not a known role",
            "$.transitions[0].guards[0]: no guard is registered as 'nope'",
            "$.transitions[1].actions[0]: no action is registered as 'nothing'",
        ], errors);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_refused()
    {
        var errors = ErrorsOf("""{ "id": "test", "stages": [ """);

        var error = Assert.Single(errors);
        Assert.StartsWith("$", error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_path()
    {
        var errors = ErrorsOf(Definition().Replace("\"version\": 1", "\"version\": \"one\"", StringComparison.Ordinal));

        Assert.Equal("$.version: must be a whole number", Assert.Single(errors));
    }

    // An explicit null deserializes to null: null lists make Validate throw NullReferenceException, and a null
    // transition label is accepted and only fails later, in the engine's messages.
    [Theory]
    [InlineData("\"guards\": null", "$.transitions[0].guards")]
    [InlineData("\"roles\": null", "$.transitions[0].roles")]
    [InlineData("\"label\": null", "$.transitions[0].label")]
    public void A_null_where_a_list_or_label_is_expected_is_refused_with_its_path(string member, string path)
    {
        var errors = ErrorsOf(Definition(transitions: $$"""
            { "trigger": "submit", "label": { "en": "submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"], {{member}} },
            { "trigger": "close", "label": { "en": "close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains(errors, e => e.StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_that_loop_without_ever_reaching_a_terminal_stage_are_refused()
    {
        // A loop always strands at least two stages, so this rule is checked here rather than in BrokenWorkflows/.
        var errors = ErrorsOf(Definition(
            stages: ValidStages + """, { "id": "Review", "label": { "en": "Review" } }""",
            transitions: """
            { "trigger": "submit", "label": { "en": "Submit" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "review", "label": { "en": "Review" }, "from": ["Submitted"], "to": "Review", "roles": ["IsuOfficer"] },
            { "trigger": "return", "label": { "en": "Return" }, "from": ["Review"], "to": "Submitted", "roles": ["IsuOfficer"] },
            { "trigger": "close", "label": { "en": "Close" }, "from": ["Draft"], "to": "Closed", "roles": ["Applicant"] }
            """));

        Assert.Equal(
        [
            "$.stages[1]: from 'Submitted' no path leads to a terminal stage",
            "$.stages[3]: from 'Review' no path leads to a terminal stage",
        ], errors);
    }

    [Fact]
    public void A_transition_without_an_English_label_is_refused()
    {
        var errors = ErrorsOf(Definition(transitions: """
            { "trigger": "submit", "label": { "fr": "Soumettre" }, "from": ["Draft"], "to": "Submitted", "roles": ["Applicant"] },
            { "trigger": "close", "label": { "en": "Close" }, "from": ["Submitted"], "to": "Closed", "roles": ["Finance"] }
            """));

        Assert.Contains("$.transitions[0].label.en: 'en' is required", errors);
    }

    [Fact]
    public void A_null_stage_is_refused_with_its_path()
    {
        var errors = ErrorsOf(Definition(stages: ValidStages + ", null"));

        Assert.Contains(errors, e => e.StartsWith("$.stages[3]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_holding_only_null_is_refused()
    {
        Assert.Equal(["$: the file is empty"], ErrorsOf("null"));
    }
}
