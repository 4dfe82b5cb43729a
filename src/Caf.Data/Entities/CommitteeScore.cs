using System.Text.Json;
using Caf.Data.Committee;

namespace Caf.Data.Entities;

/// <summary>A member's score on one criterion: 1–5, or null for "not applicable", with an optional comment.</summary>
public sealed record CriterionScore(string Code, int? Score, string? Comment);

/// <summary>
/// One committee member's scores for an application, criterion by criterion under the round's rubric. Revisable until
/// the decision; each revision is counted and the audit trail keeps what it replaced.
/// </summary>
public sealed class CommitteeScore : IAudited
{
    private CommitteeScore() { }

    internal CommitteeScore(Guid applicationId, string memberUserId, string memberName, ScoringRubric rubric,
        IReadOnlyList<CriterionScore> criteria, string? comment, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        MemberUserId = memberUserId;
        MemberName = memberName;
        RubricVersion = rubric.Version;
        Set(rubric.Items, criteria, comment, nowUtc);
        Revision = 1;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string MemberUserId { get; private set; } = "";
    public string MemberName { get; private set; } = "";
    public int RubricVersion { get; private set; } = 1;
    /// <summary>1 for the first submission, then one more per revision.</summary>
    public int Revision { get; private set; } = 1;
    /// <summary>The member's weighted score over the criteria they scored (not-applicable left out).</summary>
    public decimal WeightedScore { get; private set; }
    /// <summary>The weighted score rounded to a whole level, for short lists.</summary>
    public int Score { get; private set; }
    public string CriteriaJson { get; private set; } = "[]";
    public string? Comment { get; private set; }
    public DateTime SubmittedAtUtc { get; private set; }

    public IReadOnlyList<CriterionScore> Criteria =>
        JsonSerializer.Deserialize<List<CriterionScore>>(CriteriaJson) ?? [];

    internal void Revise(ScoringRubric rubric, IReadOnlyList<CriterionScore> criteria, string? comment, DateTime nowUtc)
    {
        if (rubric.Version != RubricVersion)
            throw new DomainException(DomainText.Get("Scoring.RevisedUnderVersion", RubricVersion));
        Set(rubric.Items, criteria, comment, nowUtc);
        Revision++;
    }

    private void Set(IReadOnlyList<RubricItem> rubric, IReadOnlyList<CriterionScore> criteria, string? comment, DateTime nowUtc)
    {
        foreach (var item in rubric)
            if (criteria.FirstOrDefault(c => c.Code == item.Code) is not { } given)
                throw new DomainException(ScoreSheet.Unscored(ScoringRubrics.NameOf(item)), $"{nameof(ScoreSheet.Scores)}[{item.Code}]");
            else if (given.Score is < 1 or > 5)
                throw new DomainException(DomainText.Get("Scoring.ScoreRange", ScoringRubrics.NameOf(item)), item.Code);
        var ordered = rubric.Select(item => criteria.First(c => c.Code == item.Code))
            .Select(c => c with { Comment = string.IsNullOrWhiteSpace(c.Comment) ? null : c.Comment.Trim() }).ToList();
        var weighted = CommitteeAggregation.Aggregate(rubric.Select(i => i.Criterion).ToList(),
            [new MemberScores(MemberUserId, MemberName, false, ordered.ToDictionary(c => c.Code, c => c.Score))]).WeightedMean
            ?? throw new DomainException(DomainText.Get("Scoring.AtLeastOne"));
        CriteriaJson = JsonSerializer.Serialize(ordered);
        WeightedScore = weighted;
        Score = (int)CommitteeAggregation.RoundScore(weighted, 0);
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        SubmittedAtUtc = nowUtc;
    }
}
