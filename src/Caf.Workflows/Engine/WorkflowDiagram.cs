using System.Text;
using System.Text.RegularExpressions;

namespace Caf.Workflows.Engine;

/// <summary>
/// Draws a workflow definition as text a diagram tool can render: Mermaid for the web pages, Graphviz DOT for documents.
/// Stages and edges come out in definition order, so the same definition always gives the same text.
/// </summary>
public static partial class WorkflowDiagram
{
    // Mermaid reads these as syntax even inside a label; its "#code;" entities are decoded only after layout.
    private static readonly Dictionary<char, string> MermaidEntities = new()
    {
        [':'] = "#58;", ['"'] = "#34;", [';'] = "#59;", ['#'] = "#35;", ['%'] = "#37;",
        ['<'] = "#60;", ['>'] = "#62;", ['{'] = "#123;", ['}'] = "#125;",
    };

    // Words the stateDiagram grammar takes as keywords when they stand where a state id is expected.
    private static readonly HashSet<string> MermaidKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "state", "as", "note", "end", "direction", "class", "classDef", "style", "scale", "hide", "accTitle", "accDescr", "click",
    };

    /// <summary>
    /// A Mermaid <c>stateDiagram-v2</c>. The <paramref name="currentStage"/> is marked <c>current</c> and every other stage
    /// on <paramref name="path"/> (the transitions an instance has taken) is marked <c>visited</c>; unknown stages are ignored.
    /// Pages pass <paramref name="roleName"/> so that people read roles in words, not as the definition's ids.
    /// </summary>
    public static string ToMermaid(WorkflowDefinition d, string? currentStage = null, IReadOnlyCollection<(string From, string To)>? path = null,
        Func<string, string>? roleName = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        var ids = MermaidIds(d);
        string Id(string stage) => ids.TryGetValue(stage, out var id) ? id : SafeId(stage);

        var sb = new StringBuilder();
        Line(sb, "stateDiagram-v2");
        foreach (var s in d.Stages)
            Line(sb, $"    state \"{MermaidText(s.Label.En.Length > 0 ? s.Label.En : s.Id)}\" as {Id(s.Id)}");
        if (d.InitialStage.Length > 0)
            Line(sb, $"    [*] --> {Id(d.InitialStage)}");
        foreach (var t in d.Transitions)
        {
            var label = MermaidText(EdgeLabel(t, roleName));
            foreach (var from in t.From.Distinct())
                Line(sb, label.Length > 0 ? $"    {Id(from)} --> {Id(t.To)} : {label}" : $"    {Id(from)} --> {Id(t.To)}");
        }
        foreach (var s in d.Stages.Where(s => s.Terminal))
            Line(sb, $"    {Id(s.Id)} --> [*]");

        var current = d.Stages.FirstOrDefault(s => s.Id == currentStage);
        var onPath = path?.SelectMany(p => new[] { p.From, p.To }).ToHashSet() ?? [];
        var visited = d.Stages.Where(s => onPath.Contains(s.Id) && s.Id != current?.Id).ToList();
        if (visited.Count > 0)
        {
            Line(sb, "    classDef visited fill:#dbeafe,stroke:#1e40af,color:#1b1f24");
            Line(sb, $"    class {string.Join(",", visited.Select(s => Id(s.Id)))} visited");
        }
        if (current is not null)
        {
            Line(sb, "    classDef current fill:#fde68a,stroke:#92400e,stroke-width:3px,color:#1b1f24,font-weight:bold");
            Line(sb, $"    class {Id(current.Id)} current");
        }
        return sb.ToString();
    }

    /// <summary>A Graphviz DOT digraph named after the definition: terminal stages drawn as double circles, edges labelled.</summary>
    public static string ToDot(WorkflowDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        const string start = "__start__";
        var sb = new StringBuilder();
        Line(sb, $"digraph {DotQuote(d.Id)} {{");
        Line(sb, "    rankdir=TB;");
        Line(sb, "    node [shape=box, style=rounded, fontname=\"Helvetica\"];");
        Line(sb, "    edge [fontname=\"Helvetica\", fontsize=10];");
        if (d.InitialStage.Length > 0)
            Line(sb, $"    {DotQuote(start)} [shape=point, label=\"\"];");
        foreach (var s in d.Stages)
        {
            var label = s.Label.En.Length > 0 ? s.Label.En : s.Id;
            Line(sb, s.Terminal
                ? $"    {DotQuote(s.Id)} [label={DotQuote(label)}, shape=doublecircle];"
                : $"    {DotQuote(s.Id)} [label={DotQuote(label)}];");
        }
        if (d.InitialStage.Length > 0)
            Line(sb, $"    {DotQuote(start)} -> {DotQuote(d.InitialStage)};");
        foreach (var t in d.Transitions)
        {
            var label = DotQuote(EdgeLabel(t));
            foreach (var from in t.From.Distinct())
                Line(sb, $"    {DotQuote(from)} -> {DotQuote(t.To)} [label={label}];");
        }
        Line(sb, "}");
        return sb.ToString();
    }

    /// <summary>"Submit [Applicant]": what the transition is called and who may fire it.</summary>
    private static string EdgeLabel(TransitionDefinition t, Func<string, string>? roleName = null)
    {
        var name = t.Label.En.Length > 0 ? t.Label.En : t.Trigger;
        return t.Roles.Count == 0 ? name : $"{name} [{string.Join(", ", t.Roles.Select(roleName ?? (r => r)))}]";
    }

    /// <summary>Each stage's Mermaid id: its own id when the grammar accepts it, otherwise a cleaned one made unique.</summary>
    private static Dictionary<string, string> MermaidIds(WorkflowDefinition d)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in d.Stages.Select(s => s.Id).Where(id => !ids.ContainsKey(id)))
        {
            var id = SafeId(stage);
            for (var n = 2; !taken.Add(id); n++) id = $"{SafeId(stage)}_{n}";
            ids[stage] = id;
        }
        return ids;
    }

    private static string SafeId(string stage)
    {
        if (PlainId().IsMatch(stage) && !MermaidKeywords.Contains(stage)) return stage;
        var cleaned = NotIdCharacter().Replace(stage, "_");
        return "s_" + cleaned;
    }

    private static string MermaidText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (MermaidEntities.TryGetValue(c, out var entity)) sb.Append(entity);
            else if (char.IsControl(c)) sb.Append(' ');
            else sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    private static string DotQuote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(char.IsControl(c) ? ' ' : c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    // Fixed "\n" line ends, so the text is the same whichever platform drew it.
    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append('\n');

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex PlainId();

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotIdCharacter();
}
