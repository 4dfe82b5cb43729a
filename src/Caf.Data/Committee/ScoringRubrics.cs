using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.Committee;

/// <summary>A criterion with what each level 1–5 means, as members see it on the scoring form.</summary>
public sealed record RubricItem(string Code, string Name, int Weight, IReadOnlyList<string> Levels)
{
    public RubricCriterion Criterion => new(Code, Name, Weight);
}

/// <summary>
/// The default rubric (DESIGN.md §5), which the database holds as version 1 of <see cref="ScoringRubric"/>, and how a
/// published version is read back. A round names the version it uses (FundingRound.RubricVersion).
/// </summary>
public static class ScoringRubrics
{
    /// <summary>What levels 1 to 5 mean unless the ISU words them otherwise.</summary>
    public static readonly IReadOnlyList<string> DefaultLevels =
    [
        "weak: the proposal does not show this",
        "limited: shown in part, with important gaps",
        "adequate: shown, with some gaps",
        "good: clearly shown",
        "excellent: shown convincingly, with evidence",
    ];

    public static readonly IReadOnlyList<RubricItem> Version1 =
    [
        new("relevance", "Relevance to the Convention and its action plan", 25, DefaultLevels),
        new("learning", "South-South learning value", 20, DefaultLevels),
        new("feasibility", "Feasibility and national ownership", 15, DefaultLevels),
        new("gender", "Gender and diversity", 15, DefaultLevels),
        new("cost", "Cost-effectiveness", 15, DefaultLevels),
        new("follow-up", "Follow-up and sustainability", 10, DefaultLevels),
    ];

    /// <summary>The published rubric of that version, with its criteria; a plain message when there is none.</summary>
    public static async Task<ScoringRubric> GetAsync(this IQueryable<ScoringRubric> rubrics, int version, CancellationToken ct) =>
        await rubrics.AsNoTracking().Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Version == version, ct)
        ?? throw new DomainException(DomainText.Get("Scoring.NotPublished", version));

    /// <summary>The keys of the default criteria's names (version 1), by code.</summary>
    private static readonly Dictionary<string, string> CriterionKeys = new()
    {
        ["relevance"] = "Scoring.Criterion.Relevance",
        ["learning"] = "Scoring.Criterion.Learning",
        ["feasibility"] = "Scoring.Criterion.Feasibility",
        ["gender"] = "Scoring.Criterion.Gender",
        ["cost"] = "Scoring.Criterion.Cost",
        ["follow-up"] = "Scoring.Criterion.FollowUp",
    };

    private static readonly string[] LevelKeys =
        ["Scoring.Level.Weak", "Scoring.Level.Limited", "Scoring.Level.Adequate", "Scoring.Level.Good", "Scoring.Level.Excellent"];

    /// <summary>
    /// A criterion's name in the reader's language when it is one of the default rubric's, worded as the default words it;
    /// a name the ISU wrote in a later version is shown as written.
    /// </summary>
    public static string NameOf(RubricItem item) => NameOf(item.Code, item.Name);

    /// <inheritdoc cref="NameOf(RubricItem)"/>
    public static string NameOf(string code, string name) =>
        Version1.Any(d => d.Code == code && d.Name == name) && CriterionKeys.TryGetValue(code, out var key) ? DomainText.Get(key) : name;

    /// <summary>What level <paramref name="index"/> + 1 means, in the reader's language when it is the default wording.</summary>
    public static string LevelText(int index, string text) =>
        index >= 0 && index < DefaultLevels.Count && DefaultLevels[index] == text ? DomainText.Get(LevelKeys[index]) : text;
}
