using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Caf.UnitTests;

/// <summary>
/// Which types of one feature folder use another feature folder's types. A feature is the first namespace part under
/// the root ("Caf.Web.Features.Applications"), found by reflection, so a new folder is checked without a new line here.
/// </summary>
internal static class FeatureDependencies
{
    public const string Shared = "Shared";

    public static IReadOnlyList<string> FeaturesIn(Assembly assembly, string root) =>
        assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith(root + ".", StringComparison.Ordinal))
            .Select(ns => ns[(root.Length + 1)..].Split('.')[0])
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// One line per (feature, feature it reaches into), naming the offending types; empty when none does.
    /// <paramref name="allowed"/> names single types (full names) that every feature may still use.
    /// </summary>
    public static IReadOnlyList<string> Violations(Assembly assembly, string root, params string[] allowed)
    {
        var features = FeaturesIn(assembly, root);
        var types = Types.InAssembly(assembly);
        var violations = new List<string>();
        foreach (var feature in features.Where(f => f != Shared))
            foreach (var other in features.Where(f => f != feature && f != Shared))
                if (Offenders(types, $"{root}.{feature}", Forbidden(assembly, $"{root}.{other}", allowed)) is { Count: > 0 } offenders)
                    violations.Add($"{root}.{feature} depends on {root}.{other} (only {root}.{Shared} is shared): {string.Join(", ", offenders)}");
        return violations;
    }

    /// <summary>The types of <paramref name="root"/>.Shared that use any feature; empty when none does.</summary>
    public static IReadOnlyList<string> SharedViolations(Assembly assembly, string root, params string[] allowed)
    {
        var forbidden = FeaturesIn(assembly, root).Where(f => f != Shared).SelectMany(f => Forbidden(assembly, $"{root}.{f}", allowed)).ToArray();
        return forbidden.Length == 0 ? [] : Offenders(Types.InAssembly(assembly), $"{root}.{Shared}", forbidden);
    }

    /// <summary>
    /// NetArchTest 1.3.2 selects by namespace with a plain string prefix ("…Features.Api" would take in "…Features.Applications"),
    /// so the namespace is matched exactly (or a namespace below it) by a regular expression. Its dependency search compares
    /// whole name parts, so "…Features.Api" there does not match "…Features.Applications"; ArchitectureTests prove both.
    /// </summary>
    private static List<string> Offenders(Types types, string @namespace, string[] forbidden)
    {
        var result = types.That().ResideInNamespaceMatching($"^{Regex.Escape(@namespace)}(\\..+)?$")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful ? [] : (result.FailingTypeNames ?? []).Select(DeclaringTypeName).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The feature's namespace; or, when some of its types are allowed, each of its other types by name.</summary>
    private static string[] Forbidden(Assembly assembly, string feature, string[] allowed)
    {
        if (!allowed.Any(a => a.StartsWith(feature + ".", StringComparison.Ordinal))) return [feature];
        return assembly.GetTypes()
            .Where(t => t.Namespace == feature || t.Namespace?.StartsWith(feature + ".", StringComparison.Ordinal) == true)
            .Where(t => t.DeclaringType is null)
            .Select(t => t.FullName!)
            .Where(name => !allowed.Contains(name))
            .ToArray();
    }

    // A lambda or an async method is a nested compiler type ("DetailsModel/<OnGetAsync>d__5"): name the type a person wrote.
    private static string DeclaringTypeName(string name) => name.Split('/')[0];
}
