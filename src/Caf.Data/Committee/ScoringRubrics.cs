namespace Caf.Data.Committee;

/// <summary>A criterion with what each level 1–5 means, as members see it on the scoring form.</summary>
public sealed record RubricItem(string Code, string Name, int Weight, IReadOnlyList<string> Levels)
{
    public RubricCriterion Criterion => new(Code, Name, Weight);
}

/// <summary>
/// The scoring rubrics by version. Version 1 is DESIGN.md §5's default rubric; a round names the version it uses
/// (FundingRound.RubricVersion) and each score keeps the version it was given under.
/// </summary>
public static class ScoringRubrics
{
    private static readonly string[] Levels =
    [
        "weak: the proposal does not show this",
        "limited: shown in part, with important gaps",
        "adequate: shown, with some gaps",
        "good: clearly shown",
        "excellent: shown convincingly, with evidence",
    ];

    public static readonly IReadOnlyList<RubricItem> Version1 =
    [
        new("relevance", "Relevance to the Convention and its action plan", 25, Levels),
        new("learning", "South-South learning value", 20, Levels),
        new("feasibility", "Feasibility and national ownership", 15, Levels),
        new("gender", "Gender and diversity", 15, Levels),
        new("cost", "Cost-effectiveness", 15, Levels),
        new("follow-up", "Follow-up and sustainability", 10, Levels),
    ];

    public static IReadOnlyList<RubricItem> Get(int version) => version switch
    {
        1 => Version1,
        _ => throw new DomainException($"Scoring rubric version {version} is not known; the rubric in use is version 1."),
    };
}
