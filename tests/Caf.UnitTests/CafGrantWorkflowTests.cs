using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.UnitTests;

/// <summary>The real workflows/caf-grant.json against the guards and actions the application registers.</summary>
public sealed class CafGrantWorkflowTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddOptions()
        .AddCafWorkflows(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private HashSet<string> GuardNames => _services.GetServices<IWorkflowGuard>().Select(g => g.Name).ToHashSet();
    private HashSet<string> ActionNames => _services.GetServices<IWorkflowAction>().Select(a => a.Name).ToHashSet();

    private WorkflowVocabulary Vocabulary => _services.GetRequiredService<WorkflowVocabulary>();

    private WorkflowDefinition Definition => WorkflowDefinitionLoader.Parse(
        File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsFolder, "caf-grant.json")), "caf-grant.json", Vocabulary);

    [Fact]
    public void Caf_grant_json_is_valid_with_the_registered_guards_and_actions()
    {
        var definition = Definition;

        Assert.Equal("caf-grant", definition.Id);
        Assert.Equal("Draft", definition.InitialStage);
        Assert.Equal(14, definition.Stages.Count);
        Assert.Equal(16, definition.Transitions.Count);
    }

    [Fact]
    public void Every_guard_and_action_the_definition_names_is_registered()
    {
        var definition = Definition;

        Assert.Subset(GuardNames, definition.Transitions.SelectMany(t => t.Guards).ToHashSet());
        Assert.Subset(ActionNames, definition.Transitions.SelectMany(t => t.Actions).ToHashSet());
    }

    [Fact]
    public void Guard_and_action_names_are_each_registered_once()
    {
        var guards = _services.GetServices<IWorkflowGuard>().Select(g => g.Name).ToList();
        var actions = _services.GetServices<IWorkflowAction>().Select(a => a.Name).ToList();

        Assert.Equal(guards.Count, guards.Distinct().Count());
        Assert.Equal(actions.Count, actions.Distinct().Count());
        Assert.Contains("has-budget-lines", guards);
        Assert.Contains("committee-quorum", guards);
        Assert.Contains("assign-reference", actions);
        Assert.Contains("commit-funds", actions);
    }

    [Fact]
    public void The_registry_loads_the_caf_grant_workflow_from_the_folder()
    {
        var registry = WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, Vocabulary);

        var latest = registry.Latest(WorkflowServices.GrantWorkflowId);
        Assert.Equal("caf-grant", latest.Id);
        Assert.Equal(4, latest.Version);
        Assert.Same(latest, registry.Get("caf-grant", 4));
        Assert.Equal(3, registry.Get("caf-grant", 3).Version);
        Assert.Equal(2, registry.Get("caf-grant", 2).Version);
        Assert.Equal(1, registry.Get("caf-grant", 1).Version);
    }

    [Fact]
    public void Version_4_plans_the_reports_on_approval_and_chases_the_interim_reports_on_the_same_timers_and_changes_nothing_else()
    {
        var registry = WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, Vocabulary);
        var (v3, v4) = (registry.Get("caf-grant", 3), registry.Get("caf-grant", 4));
        Assert.Equal(["commit-funds", "plan-reports", "notify-committee-decision"], v4.Transitions.Single(t => t.Trigger == "approve").Actions);
        var interim = v4.Timers.Where(t => t.Id.StartsWith("interim-report", StringComparison.Ordinal)).ToList();
        Assert.All(interim, t => Assert.Equal(("Active", "interim-report-due"), (t.Stage, t.Schedule.Field)));
        // The same offsets as the final report's: 14 and 3 days before, the day after, 14 days after.
        Assert.Equal(v3.Timers.Where(t => t.Id.StartsWith("final-report", StringComparison.Ordinal)).Select(t => t.Schedule.Offset).Order(),
            interim.Select(t => t.Schedule.Offset).Order());
        Assert.Equal(v3.Timers.Select(t => t.Id).Concat(interim.Select(t => t.Id)).Order(), v4.Timers.Select(t => t.Id).Order());
        Assert.Equal(v3.Transitions.Select(t => (t.Trigger, t.To)), v4.Transitions.Select(t => (t.Trigger, t.To)));
        Assert.Equal(v3.Stages.Select(s => s.Id), v4.Stages.Select(s => s.Id));
    }

    [Fact]
    public void Version_3_adds_the_overdue_notice_the_day_after_the_final_report_is_due_and_changes_nothing_else()
    {
        var registry = WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, Vocabulary);
        var (v2, v3) = (registry.Get("caf-grant", 2), registry.Get("caf-grant", 3));
        var overdue = Assert.Single(v3.Timers, t => t.Id == "final-report-overdue");
        Assert.Equal(("Reporting", "notify-final-report-overdue"), (overdue.Stage, overdue.Action));
        Assert.Equal(v2.Timers.Select(t => t.Id).Append("final-report-overdue").Order(), v3.Timers.Select(t => t.Id).Order());
        Assert.Equal(v2.Transitions.Count, v3.Transitions.Count);
        Assert.Equal(v2.Stages.Select(s => s.Id), v3.Stages.Select(s => s.Id));
    }

    [Fact]
    public void Version_2_asks_for_a_complete_proposal_a_reason_to_withdraw_and_names_its_form_pages()
    {
        var v2 = WorkflowRegistry.LoadFolder(RepositoryFiles.WorkflowsFolder, Vocabulary).Get("caf-grant", 2);
        var submit = v2.Transitions.Single(t => t.Trigger == "submit");
        Assert.Contains("proposal-complete", submit.Guards);
        Assert.Equal(["assign-reference", "record-version", "confirm-submission"], submit.Actions);
        Assert.Equal("/Eligibility/Screen", v2.Transitions.Single(t => t.Trigger == "declare-eligible").Form);
        Assert.Contains("eligibility-checks-passed", v2.Transitions.Single(t => t.Trigger == "declare-eligible").Guards);
        Assert.True(v2.Transitions.Single(t => t.Trigger == "withdraw").CommentRequired);
        Assert.Equal("/Committee/Decide", v2.Transitions.Single(t => t.Trigger == "approve").Form);
    }

    [Fact]
    public void Every_stage_is_labelled_in_English_French_and_Spanish()
    {
        Assert.All(Definition.Stages, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Label.En), $"{s.Id} has no English label");
            Assert.False(string.IsNullOrWhiteSpace(s.Label.Fr), $"{s.Id} has no French label");
            Assert.False(string.IsNullOrWhiteSpace(s.Label.Es), $"{s.Id} has no Spanish label");
        });
    }

    [Fact]
    public void Every_transition_is_labelled_in_English_French_and_Spanish()
    {
        Assert.All(Definition.Transitions, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Label.En), $"{t.Trigger} has no English label");
            Assert.False(string.IsNullOrWhiteSpace(t.Label.Fr), $"{t.Trigger} has no French label");
            Assert.False(string.IsNullOrWhiteSpace(t.Label.Es), $"{t.Trigger} has no Spanish label");
        });
    }

    public static TheoryData<string, string, string, string> Lifecycle => new()
    {
        { "submit", "Draft", "Submitted", "Applicant" },
        { "start-screening", "Submitted", "EligibilityScreening", "IsuOfficer" },
        { "request-clarification", "EligibilityScreening", "ClarificationRequested", "IsuOfficer" },
        { "respond", "ClarificationRequested", "EligibilityScreening", "Applicant" },
        { "declare-ineligible", "EligibilityScreening", "Ineligible", "IsuOfficer" },
        { "declare-eligible", "EligibilityScreening", "GenderReview", "IsuOfficer" },
        { "complete-checklist", "GenderReview", "CommitteeReview", "GenderFocalPoint" },
        { "approve", "CommitteeReview", "Approved", "CommitteeChair" },
        { "reject", "CommitteeReview", "Rejected", "CommitteeChair" },
        { "defer", "CommitteeReview", "CommitteeReview", "CommitteeChair" },
        { "sign-agreement", "Approved", "Active", "Finance" },
        { "reports-due", "Active", "Reporting", "System" },
        { "accept-final-reports", "Reporting", "FinalReconciliation", "IsuOfficer" },
        { "close", "FinalReconciliation", "Closed", "Finance" },
        { "withdraw", "Draft", "Withdrawn", "Applicant" },
        { "withdraw", "CommitteeReview", "Withdrawn", "Applicant" },
        { "terminate", "Approved", "FinalReconciliation", "IsuOfficer" },
        { "terminate", "Reporting", "FinalReconciliation", "IsuOfficer" },
    };

    [Theory]
    [MemberData(nameof(Lifecycle))]
    public void The_lifecycle_of_the_design_is_in_the_definition(string trigger, string from, string to, string role)
    {
        var transition = Assert.Single(Definition.Transitions, t => t.Trigger == trigger && t.From.Contains(from));

        Assert.Equal(to, transition.To);
        Assert.Contains(role, transition.Roles);
    }

    [Theory]
    [InlineData("Ineligible")]
    [InlineData("Rejected")]
    [InlineData("Closed")]
    [InlineData("Withdrawn")]
    public void The_end_stages_of_the_design_are_terminal(string stage)
    {
        Assert.True(Definition.Stage(stage).Terminal);
    }

    [Theory]
    [InlineData("Approved")]
    [InlineData("Active")]
    [InlineData("Reporting")]
    [InlineData("FinalReconciliation")]
    public void An_application_cannot_be_withdrawn_once_approved(string stage)
    {
        Assert.DoesNotContain(Definition.TransitionsFrom(stage), t => t.Trigger == "withdraw");
    }

    [Fact]
    public void Submission_checks_budget_partner_ceiling_and_round_then_assigns_a_reference()
    {
        var submit = Assert.Single(Definition.Transitions, t => t.Trigger == "submit");

        Assert.Equal(["has-budget-lines", "has-partner", "round-open", "within-ceiling"], submit.Guards.Order());
        Assert.Equal(["assign-reference"], submit.Actions);
    }

    /// <summary>The guard the approve, reject and defer transitions name, as the engine resolves it by that name.</summary>
    [Theory]
    [InlineData(2, 1, false)]
    [InlineData(3, 0, true)]
    [InlineData(3, 1, true)]
    [InlineData(2, 2, false)]
    public async Task The_quorum_guard_of_the_decision_counts_only_members_who_are_not_recused(int scoring, int declaredConflicts, bool quorate)
    {
        var approve = Assert.Single(Definition.Transitions, t => t.Trigger == "approve");
        var guard = _services.GetServices<IWorkflowGuard>().Single(g => g.Name == Assert.Single(approve.Guards, n => n.StartsWith("committee-quorum", StringComparison.Ordinal)));
        var given = new GrantApplicationBuilder();
        var now = GrantApplicationBuilder.Now;
        var workflow = new Caf.Data.Entities.WorkflowInstance("caf-grant", 1, "CommitteeReview", now);
        var application = new Caf.Data.Entities.GrantApplication(GrantApplicationBuilder.Round(), given.Applicant, "Exchange", workflow, "user-1", now);
        var rubric = Caf.Data.Entities.ScoringRubric.Default(now);
        for (var i = 0; i < scoring + declaredConflicts; i++) application.AddScore(rubric, $"m{i}", $"Member {i}", null, 3, null, now);
        // Members who scored and then declared a conflict: their scores stay on record but do not count.
        for (var i = 0; i < declaredConflicts; i++) application.DeclareConflict($"m{scoring + i}", $"Member {scoring + i}", null, "Co-finances the host.", now);

        var result = await guard.EvaluateAsync(new WorkflowContext(workflow, application, WorkflowActor.System, null!, TimeProvider.System,
            approve, null), TestContext.Current.CancellationToken);

        Assert.Equal(quorate, result.Met);
        if (!quorate) Assert.Contains($"{scoring} scored so far", result.Reason);
    }

    [Fact]
    public void Approval_needs_a_quorum_and_a_recorded_decision_and_commits_the_funds()
    {
        var approve = Assert.Single(Definition.Transitions, t => t.Trigger == "approve");

        Assert.Equal(["committee-quorum", "decision-recorded"], approve.Guards.Order());
        Assert.Equal(["commit-funds"], approve.Actions);
    }
}
