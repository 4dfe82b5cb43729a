using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.UnitTests;

/// <summary>The Mermaid and DOT text drawn from the real workflows/caf-grant.json and from a small hand-written definition.</summary>
public sealed class WorkflowDiagramTests : IDisposable
{
    private readonly ServiceProvider _services = WorkflowServiceProvider();

    public void Dispose() => _services.Dispose();

    private WorkflowDefinition CafGrant => LoadCafGrant(_services);

    private static ServiceProvider WorkflowServiceProvider() => new ServiceCollection()
        .AddOptions()
        .AddCafWorkflows(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    private static WorkflowDefinition LoadCafGrant(IServiceProvider services) =>
        WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, services.GetRequiredService<WorkflowVocabulary>())
            .Latest(WorkflowServices.GrantWorkflowId);

    private static readonly WorkflowDefinition Small = new()
    {
        Id = "small",
        Version = 1,
        Title = "Small",
        InitialStage = "Draft",
        Stages =
        [
            new() { Id = "Draft", Label = new() { En = "Draft" } },
            new() { Id = "InReview", Label = new() { En = "In review: \"first\" pass; #1" } },
            new() { Id = "Done", Label = new() { En = "Done" }, Terminal = true },
            new() { Id = "Dropped", Label = new() { En = "Dropped" }, Terminal = true },
        ],
        Transitions =
        [
            new() { Trigger = "send", Label = new() { En = "Send" }, From = ["Draft"], To = "InReview", Roles = ["Applicant"] },
            new() { Trigger = "finish", Label = new() { En = "Finish: \"all\" good" }, From = ["InReview"], To = "Done", Roles = ["Officer", "Chair"] },
            new() { Trigger = "drop", Label = new() { En = "Drop" }, From = ["Draft", "InReview"], To = "Dropped" },
        ],
    };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();

    [Fact]
    public void Mermaid_for_the_small_definition_is_exactly_this()
    {
        Assert.Equal("""
            stateDiagram-v2
                state "Draft" as Draft
                state "In review#58; #34;first#34; pass#59; #35;1" as InReview
                state "Done" as Done
                state "Dropped" as Dropped
                [*] --> Draft
                Draft --> InReview : Send [Applicant]
                InReview --> Done : Finish#58; #34;all#34; good [Officer, Chair]
                Draft --> Dropped : Drop
                InReview --> Dropped : Drop
                Done --> [*]
                Dropped --> [*]

            """.ReplaceLineEndings("\n"), WorkflowDiagram.ToMermaid(Small));
    }

    [Fact]
    public void Every_caf_grant_stage_is_declared_with_its_English_label()
    {
        var definition = CafGrant;
        var lines = Lines(WorkflowDiagram.ToMermaid(definition));

        Assert.Equal(definition.Stages.Count, lines.Count(l => l.StartsWith("state ", StringComparison.Ordinal)));
        Assert.All(definition.Stages, s => Assert.Contains($"state \"{s.Label.En}\" as {s.Id}", lines));
        Assert.Contains("state \"Eligibility screening\" as EligibilityScreening", lines);
    }

    [Fact]
    public void Every_caf_grant_transition_is_drawn_once_from_each_of_its_sources()
    {
        var definition = CafGrant;
        var lines = Lines(WorkflowDiagram.ToMermaid(definition));
        var edges = lines.Where(l => l.Contains(" --> ", StringComparison.Ordinal) && !l.Contains("[*]", StringComparison.Ordinal)).ToList();

        Assert.Equal(definition.Transitions.Sum(t => t.From.Count), edges.Count);
        foreach (var t in definition.Transitions)
            foreach (var from in t.From)
                Assert.Single(edges, $"{from} --> {t.To} : {t.Label.En} [{string.Join(", ", t.Roles)}]");
        Assert.Contains("Draft --> Submitted : Submit [Applicant]", edges);
        Assert.Equal(6, edges.Count(e => e.EndsWith(" --> Withdrawn : Withdraw the application [Applicant]", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_initial_stage_is_entered_from_the_start_marker_and_terminal_stages_lead_to_the_end_marker()
    {
        var definition = CafGrant;
        var lines = Lines(WorkflowDiagram.ToMermaid(definition));

        Assert.Equal(["[*] --> Draft"], lines.Where(l => l.StartsWith("[*]", StringComparison.Ordinal)));
        Assert.Equal(
            definition.Stages.Where(s => s.Terminal).Select(s => $"{s.Id} --> [*]"),
            lines.Where(l => l.EndsWith("--> [*]", StringComparison.Ordinal)));
        Assert.Contains("Closed --> [*]", lines);
        Assert.DoesNotContain("Approved --> [*]", lines);
    }

    [Fact]
    public void Without_a_current_stage_or_path_no_classes_are_drawn()
    {
        Assert.DoesNotContain("class", WorkflowDiagram.ToMermaid(CafGrant), StringComparison.Ordinal);
        Assert.DoesNotContain("class", WorkflowDiagram.ToMermaid(Small, currentStage: null, path: []), StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_stage_is_marked_current_and_the_other_stages_on_the_path_visited()
    {
        var lines = Lines(WorkflowDiagram.ToMermaid(CafGrant, "EligibilityScreening",
            [("Draft", "Submitted"), ("Submitted", "EligibilityScreening"), ("EligibilityScreening", "ClarificationRequested"),
             ("ClarificationRequested", "EligibilityScreening")]));

        Assert.Single(lines, l => l.StartsWith("classDef current ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("classDef visited ", StringComparison.Ordinal));
        Assert.Contains("class EligibilityScreening current", lines);
        // Definition order, and the current stage is not also marked visited.
        Assert.Contains("class Draft,Submitted,ClarificationRequested visited", lines);
    }

    [Fact]
    public void Stages_the_definition_does_not_have_are_not_marked()
    {
        var lines = Lines(WorkflowDiagram.ToMermaid(Small, "Nowhere", [("Draft", "Elsewhere")]));

        Assert.DoesNotContain(lines, l => l.StartsWith("classDef current", StringComparison.Ordinal));
        Assert.Contains("class Draft visited", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Nowhere", StringComparison.Ordinal) || l.Contains("Elsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public void Colons_quotes_semicolons_and_hashes_in_labels_are_written_as_Mermaid_entities()
    {
        var text = WorkflowDiagram.ToMermaid(Small);
        var labels = Lines(text).Where(l => l.Contains(" : ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(" : ", StringComparison.Ordinal) + 3)..]);

        Assert.Contains("InReview --> Done : Finish#58; #34;all#34; good [Officer, Chair]", Lines(text));
        Assert.All(labels, l => Assert.DoesNotContain(l, c => c is ':' or '"'));
        Assert.Contains("state \"In review#58; #34;first#34; pass#59; #35;1\" as InReview", Lines(text));
    }

    [Fact]
    public void Stage_ids_Mermaid_cannot_take_are_replaced_by_unique_safe_ids()
    {
        var definition = Small with
        {
            InitialStage = "in review",
            Stages = [new() { Id = "in review", Label = new() { En = "In review" } }, new() { Id = "in-review", Label = new() { En = "Also" } },
                      new() { Id = "end", Label = new() { En = "End" }, Terminal = true }],
            Transitions = [new() { Trigger = "t", Label = new() { En = "Go" }, From = ["in review", "in-review"], To = "end" }],
        };

        var lines = Lines(WorkflowDiagram.ToMermaid(definition, "end"));

        Assert.Contains("state \"In review\" as s_in_review", lines);
        Assert.Contains("state \"Also\" as s_in_review_2", lines);
        Assert.Contains("[*] --> s_in_review", lines);
        Assert.Contains("s_in_review_2 --> s_end : Go", lines);
        Assert.Contains("class s_end current", lines);
    }

    [Fact]
    public void Dot_for_the_small_definition_is_exactly_this()
    {
        Assert.Equal("""
            digraph "small" {
                rankdir=TB;
                node [shape=box, style=rounded, fontname="Helvetica"];
                edge [fontname="Helvetica", fontsize=10];
                "__start__" [shape=point, label=""];
                "Draft" [label="Draft"];
                "InReview" [label="In review: \"first\" pass; #1"];
                "Done" [label="Done", shape=doublecircle];
                "Dropped" [label="Dropped", shape=doublecircle];
                "__start__" -> "Draft";
                "Draft" -> "InReview" [label="Send [Applicant]"];
                "InReview" -> "Done" [label="Finish: \"all\" good [Officer, Chair]"];
                "Draft" -> "Dropped" [label="Drop"];
                "InReview" -> "Dropped" [label="Drop"];
            }

            """.ReplaceLineEndings("\n"), WorkflowDiagram.ToDot(Small));
    }

    [Fact]
    public void Dot_for_caf_grant_has_every_stage_terminal_ones_double_circled_and_every_edge_labelled()
    {
        var definition = CafGrant;
        var dot = WorkflowDiagram.ToDot(definition);
        var lines = Lines(dot);

        Assert.StartsWith("digraph \"caf-grant\" {\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
        Assert.All(definition.Stages, s => Assert.Single(lines, l => l.StartsWith($"\"{s.Id}\" [label=\"{s.Label.En}\"", StringComparison.Ordinal)));
        Assert.Equal(
            definition.Stages.Where(s => s.Terminal).Select(s => s.Id),
            definition.Stages.Where(s => lines.Contains($"\"{s.Id}\" [label=\"{s.Label.En}\", shape=doublecircle];")).Select(s => s.Id));
        var edges = lines.Where(l => l.Contains(" -> ", StringComparison.Ordinal) && !l.StartsWith("\"__start__\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(definition.Transitions.Sum(t => t.From.Count), edges.Count);
        Assert.All(edges, e => Assert.Contains(" [label=\"", e, StringComparison.Ordinal));
        Assert.Contains("\"Draft\" -> \"Submitted\" [label=\"Submit [Applicant]\"];", lines);
    }

    [Fact]
    public void The_same_definition_always_gives_the_same_text()
    {
        var path = new[] { ("Draft", "Submitted"), ("Submitted", "EligibilityScreening") };
        using var otherServices = WorkflowServiceProvider();
        var reloaded = LoadCafGrant(otherServices);
        Assert.NotSame(CafGrant, reloaded);

        Assert.Equal(WorkflowDiagram.ToMermaid(CafGrant, "EligibilityScreening", path), WorkflowDiagram.ToMermaid(reloaded, "EligibilityScreening", path));
        Assert.Equal(WorkflowDiagram.ToMermaid(CafGrant, "EligibilityScreening", path), WorkflowDiagram.ToMermaid(CafGrant, "EligibilityScreening", [.. path.Reverse()]));
        Assert.Equal(WorkflowDiagram.ToDot(CafGrant), WorkflowDiagram.ToDot(reloaded));
        Assert.DoesNotContain('\r', WorkflowDiagram.ToMermaid(CafGrant) + WorkflowDiagram.ToDot(CafGrant));
    }
}
