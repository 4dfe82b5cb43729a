using Caf.Data;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>Spending against what was approved for it: the variance, its percentage, and the flag above the fund's percentage either way.</summary>
public sealed class ExpenditureVarianceTests
{
    private static Money Chf(decimal amount) => new(amount, "CHF");

    [Theory]
    [InlineData(2_000, 1_200, -800, -40, true)]
    [InlineData(2_000, 1_900, -100, -5, false)]
    [InlineData(2_000, 2_200, 200, 10, false)] // exactly 10 %: not more than it
    [InlineData(2_000, 2_200.01, 200.01, 10, true)] // 10.0005 %, shown 10.00 %: flagged on the exact figures
    [InlineData(3_000, 1_000, -2_000, -66.67, true)]
    [InlineData(2_000, 2_000, 0, 0, false)]
    public void The_variance_is_spent_less_budget_with_its_percentage_of_the_budget_and_flagged_above_the_percentage_either_way(
        decimal budget, decimal spent, decimal variance, decimal percent, bool flagged)
    {
        var result = ExpenditureVariance.Of(Chf(budget), Chf(spent), 10m);

        Assert.Equal((Chf(variance), percent, flagged), (result.Variance, result.Percent!.Value, result.Flagged));
    }

    [Fact]
    public void Spending_on_a_budget_of_zero_has_no_percentage_and_is_flagged()
    {
        var result = ExpenditureVariance.Of(Chf(0m), Chf(50m), 10m);

        Assert.Equal((Chf(50m), (decimal?)null, true), (result.Variance, result.Percent, result.Flagged));
        Assert.False(ExpenditureVariance.Of(Chf(0m), Chf(0m), 10m).Flagged);
    }

    [Fact]
    public void Amounts_in_two_currencies_are_refused()
    {
        Assert.Throws<DomainException>(() => ExpenditureVariance.Of(Chf(100m), new Money(100m, "USD"), 10m));
    }
}
