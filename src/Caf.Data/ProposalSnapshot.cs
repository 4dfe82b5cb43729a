using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caf.Data.Entities;

namespace Caf.Data;

/// <summary>One line of a proposal as submitted: where it is on the form and what it said.</summary>
public sealed record SnapshotField(string Section, string Field, string Value);

/// <summary>A change between two submitted versions.</summary>
public sealed record FieldChange(string Section, string Field, string? Before, string? After);

/// <summary>
/// The proposal flattened to labelled fields, kept with each submitted version so that the ISU can see, field by field,
/// what a resubmission changed — even after the draft tables have moved on.
/// </summary>
public static partial class ProposalSnapshot
{
    /// <summary>The field holding what the applicant asked for, read back by the eligibility screening.</summary>
    public const string TotalRequested = "Total requested";

    public static IReadOnlyList<SnapshotField> Of(GrantApplication a, IReadOnlyDictionary<Guid, string> stateNames,
        IReadOnlyDictionary<Guid, string> actionLabels)
    {
        var c = CultureInfo.InvariantCulture;
        string State(Guid? id) => id is { } g && stateNames.TryGetValue(g, out var n) ? n : "";
        var fields = new List<SnapshotField>();
        void Add(ProposalSection section, string field, string? value) => fields.Add(new(section.ToString(), field, value ?? ""));

        Add(ProposalSection.General, "Title", a.Title);
        Add(ProposalSection.General, "Summary", a.Summary);
        Add(ProposalSection.General, "Activities start", a.ActivityStart?.ToString("yyyy-MM-dd", c));
        Add(ProposalSection.General, "Activities end", a.ActivityEnd?.ToString("yyyy-MM-dd", c));
        Add(ProposalSection.General, "Thematic areas", a.ThematicAreas.ToString());
        Add(ProposalSection.General, "Action-plan actions",
            string.Join("; ", a.ActionLinks.Select(l => actionLabels.GetValueOrDefault(l.ActionPlanActionId, "")).Order()));
        foreach (var (p, i) in a.Partners.Select((p, i) => (p, i + 1)))
            Add(ProposalSection.Partners, $"Partner {i}", $"{State(p.StatePartyId)} ({p.Role})");
        Add(ProposalSection.Objectives, "Objectives", a.Objectives);
        foreach (var r in a.Results.OrderBy(r => r.Position))
        {
            Add(ProposalSection.Objectives, $"Result {r.Position}", r.Result);
            Add(ProposalSection.Objectives, $"Result {r.Position} indicator", r.Indicator);
            Add(ProposalSection.Objectives, $"Result {r.Position} target", r.Target);
            Add(ProposalSection.Objectives, $"Result {r.Position} disaggregation",
                (r.DisaggregatedBySex, r.DisaggregatedByAge) switch { (true, true) => "by sex and age", (true, false) => "by sex", (false, true) => "by age", _ => "none" });
        }
        foreach (var x in a.Activities.OrderBy(x => x.Position))
            Add(ProposalSection.Activities, $"Activity {x.Position}",
                $"{x.Description}, {x.Start?.ToString("yyyy-MM-dd", c)} – {x.End?.ToString("yyyy-MM-dd", c)}, {x.Place} {State(x.StatePartyId)}".Trim());
        foreach (var (p, i) in a.Participants.Select((p, i) => (p, i + 1)))
            Add(ProposalSection.Delegation, $"Participant {i}",
                $"{p.Name}, {p.Function}, {p.Organisation}, {p.Sex}, age {p.AgeBand}, disability {p.Disability}");
        foreach (var l in a.BudgetLines.OrderBy(l => l.Position))
            Add(ProposalSection.Budget, $"Budget line {l.Position}",
                $"{l.Category}: {l.Description}, {l.Quantity.ToString("0.##", c)} × {l.UnitCost} = {l.Total}");
        Add(ProposalSection.Budget, TotalRequested, a.RequestedAmount.ToString());
        Add(ProposalSection.Budget, "National contribution in cash",
            a.NationalContributionCash is { } cash ? new Money(cash, a.Currency).ToString() : "");
        Add(ProposalSection.Budget, "National contribution in kind", a.NationalContributionInKind);
        Add(ProposalSection.GenderAndSafeguarding, "Gender and diversity analysis", a.GenderAnalysis);
        Add(ProposalSection.GenderAndSafeguarding, "Do no harm and safeguarding", a.DoNoHarm);
        Add(ProposalSection.FollowUp, "Follow-up plan", a.FollowUpPlan);
        foreach (var (f, i) in a.Attachments.OrderBy(f => f.UploadedAtUtc).Select((f, i) => (f, i + 1)))
            Add(ProposalSection.Attachments, f.Kind == AttachmentKind.EndorsementLetter ? "Endorsement letter" : $"Supporting document {i}", f.FileName);
        return fields;
    }

    public static string ToJson(IReadOnlyList<SnapshotField> fields) => JsonSerializer.Serialize(fields);

    /// <summary>
    /// The snapshot with every delegation member named <paramref name="name"/> (whatever its capitals) written as
    /// "(name erased)", their other details kept; null when no member had that name.
    /// </summary>
    public static string? WithoutParticipantName(string json, string name)
    {
        var prefix = name.Trim() + ", ";
        var fields = FromJson(json);
        var erased = fields.Select(f => f.Section == nameof(ProposalSection.Delegation) && f.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? f with { Value = Participant.ErasedName + ", " + f.Value[prefix.Length..] }
            : f).ToList();
        return erased.SequenceEqual(fields) ? null : ToJson(erased);
    }

    public static IReadOnlyList<SnapshotField> FromJson(string json) => JsonSerializer.Deserialize<List<SnapshotField>>(json) ?? [];

    /// <summary>
    /// The change with each enum value its fields hold (written above as identifiers, so that old versions compare unchanged)
    /// replaced by <paramref name="words"/>.
    /// </summary>
    public static FieldChange InWords(FieldChange change, Func<Enum, string> words) =>
        change with { Before = InWords(change.Section, change.Field, change.Before, words), After = InWords(change.Section, change.Field, change.After, words) };

    private static string? InWords(string section, string field, string? value, Func<Enum, string> words)
    {
        if (value is null) return null;
        string Word<T>(Group g) where T : struct, Enum => Enum.TryParse<T>(g.Value, out var e) ? words(e) : g.Value;
        Match m;
        switch (Enum.TryParse<ProposalSection>(section, out var s) ? s : (ProposalSection?)null)
        {
            case ProposalSection.General when field == "Thematic areas":
                return Enum.TryParse<ThematicArea>(value, out var areas) ? words(areas) : value;
            case ProposalSection.Partners when (m = PartnerValue().Match(value)).Success:
                return $"{m.Groups["state"].Value} ({Word<PartnerRole>(m.Groups["role"])})";
            case ProposalSection.Delegation when (m = ParticipantValue().Match(value)).Success:
                return $"{m.Groups["who"].Value}, {Word<Sex>(m.Groups["sex"])}, age {Word<AgeBand>(m.Groups["age"])}, disability {Word<Disability>(m.Groups["disability"])}";
            case ProposalSection.Budget when (m = BudgetLineValue().Match(value)).Success:
                return $"{Word<BudgetCategory>(m.Groups["category"])}: {m.Groups["rest"].Value}";
            default:
                return value;
        }
    }

    [GeneratedRegex(@"^(?<state>.*) \((?<role>[A-Za-z]+)\)$", RegexOptions.Singleline)]
    private static partial Regex PartnerValue();

    [GeneratedRegex(@"^(?<who>.*), (?<sex>[A-Za-z]+), age (?<age>[A-Za-z0-9]+), disability (?<disability>[A-Za-z]+)$", RegexOptions.Singleline)]
    private static partial Regex ParticipantValue();

    [GeneratedRegex(@"^(?<category>[A-Za-z]+): (?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex BudgetLineValue();

    /// <summary>Every field added, removed or changed from <paramref name="before"/> to <paramref name="after"/>, in form order.</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyList<SnapshotField> before, IReadOnlyList<SnapshotField> after)
    {
        var old = before.ToDictionary(f => (f.Section, f.Field), f => f.Value);
        var @new = after.ToDictionary(f => (f.Section, f.Field), f => f.Value);
        var keys = after.Select(f => (f.Section, f.Field)).Concat(before.Select(f => (f.Section, f.Field))).Distinct();
        return keys
            .Select(k => new FieldChange(k.Section, k.Field, old.GetValueOrDefault(k), @new.GetValueOrDefault(k)))
            .Where(change => change.Before != change.After)
            .ToList();
    }
}
