using Caf.Data;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>The fund's derived balance and what finance is told before cash leaves it below its commitments.</summary>
public sealed class FundBalanceTests
{
    private static Money Chf(decimal amount) => new(amount, "CHF");

    [Fact]
    public void Available_is_cash_less_open_commitments() =>
        Assert.Equal(Chf(50_000m), new FundBalance(Chf(250_000m), Chf(200_000m)).Available);

    [Theory]
    [InlineData(50_000, null)]
    [InlineData(0, null)]
    [InlineData(50_000.01, "After this the fund would hold CHF 199,999.99 against open commitments of CHF 200,000.00: CHF 0.01 more is promised than it holds.")]
    [InlineData(150_000, "After this the fund would hold CHF 100,000.00 against open commitments of CHF 200,000.00: CHF 100,000.00 more is promised than it holds.")]
    public void Cash_leaving_below_the_commitments_is_named_with_the_figures(decimal cashOut, string? message) =>
        Assert.Equal(message, new FundBalance(Chf(250_000m), Chf(200_000m)).OverCommitmentAfter(Chf(cashOut)));
}
