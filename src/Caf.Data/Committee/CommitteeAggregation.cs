using System.Linq.Expressions;
using Caf.Data.Entities;

namespace Caf.Data.Committee;

/// <summary>A criterion of a scoring rubric: its code, name and weight (the weights of a rubric sum to 100).</summary>
public sealed record RubricCriterion(string Code, string Name, int Weight);

/// <summary>One member's scores on one application: per criterion 1–5, or null for "not applicable".</summary>
public sealed record MemberScores(string MemberId, string MemberName, bool Recused, IReadOnlyDictionary<string, int?> ByCriterion);

/// <summary>The mean of one criterion over the members who scored it, and whether they disagree strongly.</summary>
public sealed record CriterionResult(string Code, string Name, int Weight, decimal? Mean, int Scored, int? Lowest, int? Highest, bool Spread);

/// <summary>What the committee's scores on one application add up to.</summary>
public sealed record ApplicationAggregate(
    decimal? WeightedMean,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<(string MemberName, decimal? WeightedScore)> Members,
    int CountingMembers,
    int RecusedMembers,
    bool Spread);

/// <summary>
/// How individual scores become the committee's view (DESIGN.md §5): recused members never count; "not applicable" is
/// left out, not counted as zero; a criterion nobody could score drops out and the other weights are scaled up to 100.
/// </summary>
public static class CommitteeAggregation
{
    /// <summary>Members disagree strongly when their scores on a criterion, or their weighted scores, differ by more than this.</summary>
    public const decimal DefaultSpreadThreshold = 2m;

    public static ApplicationAggregate Aggregate(IReadOnlyList<RubricCriterion> rubric, IReadOnlyList<MemberScores> scores,
        decimal spreadThreshold = DefaultSpreadThreshold)
    {
        if (rubric.Sum(c => c.Weight) != 100)
            throw new ArgumentException($"The rubric's weights sum to {rubric.Sum(c => c.Weight)}, not 100.", nameof(rubric));
        var counting = scores.Where(s => !s.Recused).ToList();
        var criteria = rubric.Select(c =>
        {
            var values = counting.Select(s => s.ByCriterion.GetValueOrDefault(c.Code)).OfType<int>().ToList();
            return values.Count == 0
                ? new CriterionResult(c.Code, c.Name, c.Weight, null, 0, null, null, false)
                : new CriterionResult(c.Code, c.Name, c.Weight, Round((decimal)values.Sum() / values.Count), values.Count,
                    values.Min(), values.Max(), values.Max() - values.Min() > spreadThreshold);
        }).ToList();
        var members = counting.Select(s => (s.MemberName, Weighted(rubric, c => s.ByCriterion.GetValueOrDefault(c.Code)))).ToList();
        var memberTotals = members.Select(m => m.Item2).OfType<decimal>().ToList();
        var spread = criteria.Any(c => c.Spread) || (memberTotals.Count > 1 && memberTotals.Max() - memberTotals.Min() > spreadThreshold);
        return new ApplicationAggregate(
            Weighted(rubric, c => criteria.Single(r => r.Code == c.Code).Mean),
            criteria, members, counting.Count, scores.Count - counting.Count, spread);
    }

    /// <summary>Σ weight × value over the criteria that have a value, divided by the sum of those weights; null when none has.</summary>
    private static decimal? Weighted(IReadOnlyList<RubricCriterion> rubric, Func<RubricCriterion, decimal?> valueOf)
    {
        var scored = rubric.Select(c => (c.Weight, Value: valueOf(c))).Where(x => x.Value is not null).ToList();
        var weights = scored.Sum(x => x.Weight);
        return weights == 0 ? null : Round(scored.Sum(x => x.Weight * x.Value!.Value) / weights);
    }

    private static decimal Round(decimal value) => RoundScore(value, 2);

    /// <summary>
    /// THE rounding rule for committee figures (ADR 0017): means and weighted scores to two decimals, a member's overall
    /// score to whole points, always a half away from zero (3.445 → 3.45), the way the committee checks them by hand.
    /// </summary>
    public static decimal RoundScore(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A ranked application in a round's table. <see cref="Counts"/>: it still claims part of the envelope (awaiting the
/// decision, or approved); <see cref="Cumulative"/> is the running total of the claims up to and including it.
/// </summary>
public sealed record RankedApplication(Guid Id, string Reference, string Title, decimal? WeightedMean, decimal Requested,
    int? GenderMarker, decimal Cumulative, bool WithinEnvelope, bool Counts);

public static class RoundRanking
{
    /// <summary>The stages of the applications a ranking lists: with the committee, or decided by it (funded or not).</summary>
    private static readonly string[] ListedStages =
    [
        GrantStages.CommitteeReview, GrantStages.Approved, GrantStages.Rejected, GrantStages.Active, GrantStages.Reporting,
        GrantStages.FinalReconciliation, GrantStages.Closed,
    ];

    /// <summary>Whether a round's ranking lists an application at this stage.</summary>
    public static bool Lists(string stage) => ListedStages.Contains(stage);

    /// <summary>The applications of the round that its ranking lists (<see cref="Lists"/>), asked of the database.</summary>
    public static IQueryable<GrantApplication> ListedIn(this IQueryable<GrantApplication> applications, Guid roundId) =>
        applications.Where(a => a.RoundId == roundId && ListedStages.Contains(a.Workflow!.Stage));

    /// <summary>The rounds that have a ranking: every round once opened, closed ones included; a draft takes no applications.</summary>
    public static Expression<Func<FundingRound, bool>> IsRanked { get; } = r => r.Status != RoundStatus.Draft;

    /// <summary>What an application claims of the envelope: the approved amount once approved, else what its budget asks.</summary>
    public static decimal Claim(decimal? approvedAmount, IEnumerable<BudgetLine> budgetLines, string currency) =>
        approvedAmount ?? GrantApplication.RequestedOf(budgetLines, currency).Amount;

    /// <summary>Stages that end an application unfunded: it no longer claims any part of the envelope.</summary>
    private static readonly HashSet<string> Unfunded = [GrantStages.Rejected, GrantStages.Withdrawn, GrantStages.Ineligible];

    /// <summary>Whether an application at this stage can still be (or has been) funded, and so counts against the envelope.</summary>
    public static bool ClaimsEnvelope(string stage) => !Unfunded.Contains(stage);

    /// <summary>
    /// Best weighted mean first (unscored last; ties by the smaller amount, then reference); the running total of the
    /// amounts — approved amount once approved, else the request — marks which fit in the envelope. Applications that
    /// no longer claim the envelope (rejected, withdrawn, ineligible) follow, outside the running total.
    /// </summary>
    public static IReadOnlyList<RankedApplication> Rank(
        IEnumerable<(Guid Id, string Reference, string Title, decimal? WeightedMean, decimal Requested, int? GenderMarker, bool Counts)> applications,
        decimal envelope)
    {
        var cumulative = 0m;
        return applications
            .OrderByDescending(a => a.Counts)
            .ThenByDescending(a => a.WeightedMean.HasValue).ThenByDescending(a => a.WeightedMean).ThenBy(a => a.Requested).ThenBy(a => a.Reference, StringComparer.Ordinal)
            .Select(a =>
            {
                if (a.Counts) cumulative += a.Requested;
                return new RankedApplication(a.Id, a.Reference, a.Title, a.WeightedMean, a.Requested, a.GenderMarker, cumulative,
                    a.Counts && cumulative <= envelope, a.Counts);
            })
            .ToList();
    }
}
