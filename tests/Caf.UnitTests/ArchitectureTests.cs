using NetArchTest.Rules;

namespace Caf.UnitTests;

/// <summary>
/// Feature folders use one another only through Caf.Web.Features.Shared, and the lower projects never use the web.
/// Caf.Web.Infrastructure and Caf.Web.Seeding put the features together and may use any of them. Razor views compile
/// to AspNetCoreGeneratedDocument and are not covered here.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Features = "Caf.Web.Features";
    private static readonly System.Reflection.Assembly Web = typeof(Caf.Web.Features.Shared.DisplayNames).Assembly;

    [Fact]
    public void No_feature_uses_another_features_types()
    {
        var violations = FeatureDependencies.Violations(Web, Features);
        Assert.True(violations.Count == 0, "A feature reaches into another; move what they share to Features/Shared:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Shared_uses_no_feature()
    {
        var offenders = FeatureDependencies.SharedViolations(Web, Features);
        Assert.True(offenders.Count == 0, $"{Features}.Shared must not depend on a feature folder: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Every_feature_folder_is_found()
    {
        // Guards against the rule passing because it found nothing to check.
        Assert.Superset(new HashSet<string> { "Account", "Admin", "Api", "Applications", "Committee", "Finance", "Rounds", "Shared" },
            FeatureDependencies.FeaturesIn(Web, Features).ToHashSet());
    }

    [Fact]
    public void Data_and_workflows_do_not_use_the_web()
    {
        var data = Types.InAssembly(typeof(Caf.Data.CafDbContext).Assembly).ShouldNot().HaveDependencyOnAny("Caf.Web", "Caf.Workflows").GetResult();
        var workflows = Types.InAssembly(typeof(Caf.Workflows.WorkflowServices).Assembly).ShouldNot().HaveDependencyOn("Caf.Web").GetResult();
        Assert.True(data.IsSuccessful, "Caf.Data depends on Caf.Web or Caf.Workflows: " + string.Join(", ", data.FailingTypeNames ?? []));
        Assert.True(workflows.IsSuccessful, "Caf.Workflows depends on Caf.Web: " + string.Join(", ", workflows.FailingTypeNames ?? []));
    }

    private const string Fixture = "Caf.UnitTests.ArchitectureFixture.Features";

    [Fact]
    public void The_rule_names_each_feature_that_reaches_into_another_and_tells_Api_from_Applications()
    {
        Assert.Equal(
        [
            $"{Fixture}.A depends on {Fixture}.Applications (only {Fixture}.Shared is shared): {Fixture}.A.Reacher",
            $"{Fixture}.A depends on {Fixture}.B (only {Fixture}.Shared is shared): {Fixture}.A.Reacher",
            $"{Fixture}.B depends on {Fixture}.Applications (only {Fixture}.Shared is shared): {Fixture}.B.Target",
        ], FeatureDependencies.Violations(typeof(ArchitectureTests).Assembly, Fixture));
        Assert.Empty(FeatureDependencies.SharedViolations(typeof(ArchitectureTests).Assembly, Fixture));
    }

    [Fact]
    public void An_allowed_type_is_allowed_with_its_nested_types_and_nothing_else_of_its_feature()
    {
        // A uses only Drafts (and its nested Page); B uses Draft too, which stays forbidden.
        Assert.Equal(
        [
            $"{Fixture}.A depends on {Fixture}.B (only {Fixture}.Shared is shared): {Fixture}.A.Reacher",
            $"{Fixture}.B depends on {Fixture}.Applications (only {Fixture}.Shared is shared): {Fixture}.B.Target",
        ], FeatureDependencies.Violations(typeof(ArchitectureTests).Assembly, Fixture, $"{Fixture}.Applications.Drafts"));
    }
}
