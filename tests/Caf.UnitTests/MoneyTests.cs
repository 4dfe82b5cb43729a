using System.Globalization;
using Caf.Data;

namespace Caf.UnitTests;

public sealed class MoneyTests
{
    private static Money Chf(decimal amount) => new(amount, "CHF");
    private static Money Usd(decimal amount) => new(amount, "USD");

    [Theory]
    [InlineData("chf")]
    [InlineData("Chf")]
    [InlineData("CH")]
    [InlineData("CHFF")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("C1F")]
    [InlineData("ÄBC")]
    public void A_currency_that_is_not_three_upper_case_ASCII_letters_is_refused(string currency)
    {
        var ex = Assert.Throws<DomainException>(() => new Money(10m, currency));
        Assert.Contains($"'{currency}' is not a three-letter ISO currency code", ex.Message);
    }

    [Fact]
    public void A_valid_currency_code_keeps_amount_and_currency()
    {
        var money = new Money(12.5m, "EUR");

        Assert.Equal(12.5m, money.Amount);
        Assert.Equal("EUR", money.Currency);
    }

    [Fact]
    public void Adding_amounts_in_the_same_currency_adds_the_amounts()
    {
        Assert.Equal(Chf(150.75m), Chf(100.50m) + Chf(50.25m));
    }

    [Fact]
    public void Subtracting_amounts_in_the_same_currency_subtracts_the_amounts()
    {
        Assert.Equal(Chf(-20m), Chf(30m) - Chf(50m));
    }

    [Fact]
    public void Adding_amounts_in_different_currencies_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Chf(1m) + Usd(1m));
        Assert.Equal("Cannot combine CHF and USD amounts without an exchange rate.", ex.Message);
    }

    [Fact]
    public void Subtracting_amounts_in_different_currencies_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Usd(5m) - Chf(1m));
        Assert.Equal("Cannot combine USD and CHF amounts without an exchange rate.", ex.Message);
    }

    [Fact]
    public void Multiplying_by_a_factor_keeps_the_currency()
    {
        Assert.Equal(Usd(37.5m), Usd(12.5m) * 3m);
    }

    [Fact]
    public void Comparison_in_the_same_currency_compares_the_amounts()
    {
        Assert.True(Chf(1m) < Chf(2m));
        Assert.False(Chf(2m) < Chf(1m));
        Assert.True(Chf(2m) > Chf(1m));
        Assert.False(Chf(1m) > Chf(2m));
        Assert.True(Chf(2m) <= Chf(2m));
        Assert.False(Chf(3m) <= Chf(2m));
        Assert.True(Chf(2m) >= Chf(2m));
        Assert.False(Chf(1m) >= Chf(2m));
    }

    // These pairs make the amount comparison itself true, so the currency check is reached.
    [Fact]
    public void Comparison_in_different_currencies_is_refused_when_the_amounts_would_compare_true()
    {
        Assert.Throws<DomainException>(() => Chf(1m) < Usd(2m));
        Assert.Throws<DomainException>(() => Chf(2m) > Usd(1m));
        Assert.Throws<DomainException>(() => Chf(1m) <= Usd(1m));
        Assert.Throws<DomainException>(() => Chf(1m) >= Usd(1m));
    }

    // The operators test the amounts first and short-circuit with &&, so a comparison whose amounts compare
    // false never checks the currency and quietly answers false.
    [Fact]
    public void Comparison_in_different_currencies_is_refused_whatever_the_amounts()
    {
        Assert.Throws<DomainException>(() => Chf(2m) < Usd(1m));
        Assert.Throws<DomainException>(() => Chf(1m) > Usd(2m));
        Assert.Throws<DomainException>(() => Chf(2m) <= Usd(1m));
        Assert.Throws<DomainException>(() => Chf(1m) >= Usd(2m));
    }

    [Fact]
    public void The_sum_of_no_amounts_is_zero_in_the_given_currency()
    {
        var sum = Money.Sum([], "EUR");

        Assert.Equal(0m, sum.Amount);
        Assert.Equal("EUR", sum.Currency);
    }

    [Fact]
    public void The_sum_adds_every_amount()
    {
        Assert.Equal(Chf(60.06m), Money.Sum([Chf(10.01m), Chf(20.02m), Chf(30.03m)], "CHF"));
    }

    [Fact]
    public void A_sum_over_amounts_in_another_currency_is_refused()
    {
        Assert.Throws<DomainException>(() => Money.Sum([Chf(10m), Usd(20m)], "CHF"));
    }

    public static TheoryData<decimal, decimal> HalfAwayFromZero => new()
    {
        { 0.485m, 0.49m },    // banker's rounding said 0.48: finance staff expect 0.49
        { -0.485m, -0.49m },  // symmetric: away from zero, not up
        { 2.345m, 2.35m },
        { 2.355m, 2.36m },
        { 2.3449999m, 2.34m },
        { -2.344m, -2.34m },
        { 0.005m, 0.01m },
        { -0.005m, -0.01m },
        { 7m, 7m },
    };

    [Theory]
    [MemberData(nameof(HalfAwayFromZero))]
    public void Money_rounds_to_the_cent_half_away_from_zero(decimal amount, decimal expected)
    {
        var rounded = new Money(amount, "CHF").Round();

        Assert.Equal(expected, rounded.Amount);
        Assert.Equal("CHF", rounded.Currency);
        Assert.Equal(expected, Money.Round(amount));
    }

    [Theory]
    [InlineData("USD", "0.485", "0.49")]
    [InlineData("EUR", "0.485", "0.49")]
    [InlineData("JPY", "2.5", "3")]
    [InlineData("KWD", "0.0045", "0.005")]
    public void Money_rounds_to_the_minor_unit_of_its_currency(string currency, string amount, string expected)
    {
        // Attributes cannot hold decimals; the figures travel as invariant text, never through a double.
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture),
            new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), currency).Round().Amount);
    }

    [Fact]
    public void A_budget_line_total_rounds_half_away_from_zero()
    {
        // 3 × 0.495 = 1.485: banker's rounding made the line CHF 1.48.
        Assert.Equal(1.49m, (new Money(0.495m, "CHF") * 3m).Round().Amount);
    }

    public static TheoryData<decimal, string, string> Formats => new()
    {
        { 1234.5m, "CHF", "CHF 1,234.50" },
        { 0m, "USD", "USD 0.00" },
        { 1234567.891m, "EUR", "EUR 1,234,567.89" },
        { -42.1m, "CHF", "CHF -42.10" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Money_is_written_as_currency_then_amount_with_thousands_separators_and_two_decimals(
        decimal amount, string currency, string expected)
    {
        Assert.Equal(expected, new Money(amount, currency).ToString());
    }

    [Fact]
    public void Money_is_written_the_same_way_whatever_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-CH");
            Assert.Equal("CHF 1,234.50", Chf(1234.5m).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
