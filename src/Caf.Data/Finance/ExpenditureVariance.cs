namespace Caf.Data.Finance;

/// <summary>
/// How far spending is from what was approved for it: a grant's reported spending against its approved amount, and (once
/// final reports give expenditure per budget line) a line's spending against its budget. Flagged for the ISU when it
/// differs by more than the fund's percentage (Grants:VarianceFlagPercent), over or under.
/// </summary>
public sealed record ExpenditureVariance(Money Budget, Money Spent, Money Variance, decimal? Percent, bool Flagged)
{
    /// <summary>
    /// Spent less budget (negative: under budget), and that as a percentage of the budget rounded to two decimals (none for a
    /// budget of zero, where any spending is flagged). The flag compares the exact figures, not the rounded percentage.
    /// </summary>
    public static ExpenditureVariance Of(Money budget, Money spent, decimal flagPercent)
    {
        var variance = spent - budget;
        if (budget.Amount == 0) return new(budget, spent, variance, null, variance.Amount != 0);
        var percent = decimal.Round(variance.Amount / budget.Amount * 100m, 2, MidpointRounding.AwayFromZero);
        return new(budget, spent, variance, percent, Math.Abs(variance.Amount) * 100m > flagPercent * Math.Abs(budget.Amount));
    }
}
