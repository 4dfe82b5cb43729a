using System.Globalization;
using System.Text;
using Caf.Data.Committee;

namespace Caf.Data.Entities;

/// <summary>
/// One published version of the committee's scoring rubric: criteria with weights summing to 100 and what each level
/// 1–5 means. Versions are never edited: the ISU publishes a new one and rounds name the version they use; each score
/// keeps the version it was given under. Version 1 is DESIGN.md §5's default rubric. See ADR 0013.
/// </summary>
public sealed class ScoringRubric : IAudited
{
    public const int NameMaxLength = 200;
    public const int LevelMaxLength = 300;
    public const int CodeMaxLength = 40;

    private readonly List<ScoringRubricCriterion> _criteria = [];

    private ScoringRubric() { }

    public ScoringRubric(int version, IReadOnlyList<RubricItem> items, string createdBy, DateTime nowUtc)
    {
        if (version < 1) throw new DomainException(DomainText.Get("Scoring.VersionFromOne"), nameof(Version));
        var problem = Problems(items.Select(i => new RubricDraft(i.Name, i.Weight, i.Levels)).ToList()).FirstOrDefault();
        if (problem.Message is not null) throw new DomainException(problem.Message, problem.Field);
        if (items.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count() != items.Count || items.Any(i => !IsCode(i.Code)))
            throw new DomainException(DomainText.Get("Scoring.CriterionCodes"), "Criteria");
        Id = Guid.NewGuid();
        Version = version;
        CreatedBy = createdBy;
        CreatedAtUtc = nowUtc;
        _criteria.AddRange(items.Select((item, i) => new ScoringRubricCriterion(i + 1, item)));
    }

    /// <summary>Version 1 as the database holds it from its first migration on (for tests and seeds that build one).</summary>
    public static ScoringRubric Default(DateTime nowUtc) => new(1, ScoringRubrics.Version1, "system", nowUtc);

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public IReadOnlyList<ScoringRubricCriterion> Criteria => _criteria;

    /// <summary>The criteria in order, as the scoring form and the aggregation use them.</summary>
    public IReadOnlyList<RubricItem> Items =>
        _criteria.OrderBy(c => c.Position).Select(c => new RubricItem(c.Code, c.Name, c.Weight, c.Levels)).ToList();

    /// <summary>
    /// Every reason the criteria cannot be published, with the criterion it is about ("Criteria[2].Weight") or
    /// "Criteria" for the whole: at least one criterion, each named (once), a whole weight from 1 to 100, the weights
    /// summing to 100, and a description for each of the five levels.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<RubricDraft> criteria)
    {
        if (criteria.Count == 0)
        {
            yield return ("Criteria", DomainText.Get("Scoring.WriteOneCriterion"));
            yield break;
        }
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var name = c.Name?.Trim() ?? "";
            var label = name.Length == 0 ? DomainText.Get("Scoring.CriterionN", i + 1) : DomainText.Get("Scoring.CriterionNNamed", i + 1, name);
            if (name.Length == 0) yield return ($"Criteria[{i}].Name", DomainText.Get("Scoring.NoName", i + 1));
            else if (name.Length > NameMaxLength)
                yield return ($"Criteria[{i}].Name", DomainText.Get("Scoring.NameTooLong", i + 1, name.Length, NameMaxLength));
            else if (criteria.Take(i).Any(earlier => string.Equals(earlier.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase)))
                yield return ($"Criteria[{i}].Name", DomainText.Get("Scoring.SameName", label));
            if (c.UnreadableWeight is { } typed)
                yield return ($"Criteria[{i}].Weight", DomainText.Get("Scoring.WeightUnreadable", label, typed));
            else if (c.Weight is not { } weight) yield return ($"Criteria[{i}].Weight", DomainText.Get("Scoring.GiveWeight", label));
            else if (weight is < 1 or > 100) yield return ($"Criteria[{i}].Weight", DomainText.Get("Scoring.WeightRange", label, weight));
            for (var level = 1; level <= 5; level++)
            {
                var text = c.Levels.ElementAtOrDefault(level - 1)?.Trim() ?? "";
                if (text.Length == 0) yield return ($"Criteria[{i}].Levels[{level - 1}]", DomainText.Get("Scoring.SayLevel", label, level));
                else if (text.Length > LevelMaxLength)
                    yield return ($"Criteria[{i}].Levels[{level - 1}]", DomainText.Get("Scoring.LevelTooLong", label, level, text.Length, LevelMaxLength));
            }
        }
        if (criteria.All(c => c.Weight is >= 1 and <= 100) && criteria.Sum(c => c.Weight) is { } sum and not 100)
            yield return ("Criteria", DomainText.Get("Scoring.WeightsSum", sum));
    }

    /// <summary>
    /// The codes the criteria are stored under, in order: a criterion named as in the previous version keeps that
    /// code (so scores stay comparable across versions), whatever its row; the others get a code made from their name,
    /// never one the previous version gave to another criterion, and never twice.
    /// </summary>
    public static IReadOnlyList<string> CodesFor(IReadOnlyList<string> names, IReadOnlyList<RubricItem> previous)
    {
        var codes = names.Select(name => previous.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))?.Code)
            .ToArray();
        var taken = new HashSet<string>(previous.Select(p => p.Code).Concat(codes.OfType<string>()), StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (codes[i] is not null) continue;
            codes[i] = Slug(names[i], taken);
            taken.Add(codes[i]!);
        }
        return codes!;
    }

    private static string Slug(string name, HashSet<string> taken)
    {
        var slug = new StringBuilder();
        foreach (var ch in name.Trim().Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(ch);
            else if ((char.IsWhiteSpace(ch) || ch is '-' or '/' or '_') && slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var code = slug.ToString().Trim('-');
        if (code.Length > CodeMaxLength - 4) code = code[..(CodeMaxLength - 4)].Trim('-');
        if (code.Length == 0) code = "criterion";
        var candidate = code;
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{code}-{n}";
        return candidate;
    }

    private static bool IsCode(string code) =>
        code.Length is > 0 and <= CodeMaxLength && code.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}

/// <summary>A criterion as the ISU typed it, before it is checked and given a code.</summary>
public sealed record RubricDraft(string? Name, int? Weight, IReadOnlyList<string?> Levels)
{
    /// <summary>The weight as typed when it is not a whole number ("twenty", "12.5"): shown back in its message.</summary>
    public string? UnreadableWeight { get; init; }

    /// <summary>A row of the form: the weight as typed, the first five level texts.</summary>
    public static RubricDraft Typed(string? name, string? weight, IEnumerable<string?> levels)
    {
        var typed = weight?.Trim();
        var readable = int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var w);
        return new RubricDraft(name, readable ? w : null, levels.Take(5).ToList())
            { UnreadableWeight = readable || string.IsNullOrEmpty(typed) ? null : typed };
    }

    /// <summary>A spare row left as it came: no name, no weight, and no level text other than the suggested ones.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Weight is null && UnreadableWeight is null
        && Levels.Select((text, i) => string.IsNullOrWhiteSpace(text) || text.Trim() == ScoringRubrics.DefaultLevels.ElementAtOrDefault(i))
            .All(untouched => untouched);
}

public sealed class ScoringRubricCriterion : IAudited
{
    private ScoringRubricCriterion() { }

    internal ScoringRubricCriterion(int position, RubricItem item)
    {
        Id = Guid.NewGuid();
        Position = position;
        Code = item.Code;
        Name = item.Name.Trim();
        Weight = item.Weight;
        Level1 = item.Levels[0].Trim();
        Level2 = item.Levels[1].Trim();
        Level3 = item.Levels[2].Trim();
        Level4 = item.Levels[3].Trim();
        Level5 = item.Levels[4].Trim();
    }

    public Guid Id { get; private set; }
    public Guid RubricId { get; private set; }
    /// <summary>1-based.</summary>
    public int Position { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Weight { get; private set; }
    public string Level1 { get; private set; } = "";
    public string Level2 { get; private set; } = "";
    public string Level3 { get; private set; } = "";
    public string Level4 { get; private set; } = "";
    public string Level5 { get; private set; } = "";

    public IReadOnlyList<string> Levels => [Level1, Level2, Level3, Level4, Level5];
}
