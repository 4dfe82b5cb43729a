using Caf.Data;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>Rates to the fund currency and conversions that keep their rate, date and source (ADR 0022).</summary>
public sealed class ExchangeRateTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Monday = new(2026, 11, 30);

    private static ExchangeRate Rate(string currency, DateOnly date, decimal rate) =>
        new(currency, "CHF", date, rate, "UN operational rate", "finance-1", Now);

    [Fact]
    public void A_rate_is_a_positive_number_of_fund_currency_for_one_unit_of_another_currency_with_a_source()
    {
        Assert.Empty(ExchangeRate.Problems("USD", "CHF", Monday, 0.88125m, "UN operational rate"));
        Assert.Equal(
        [
            ("Currency", "CHF is the fund's own currency: its rate is always 1."),
            ("Rate", "The rate must be more than zero."),
            ("Source", "Say where the rate comes from, such as “UN operational rate” or the bank's name."),
        ], ExchangeRate.Problems("CHF", "CHF", Monday, 0m, " "));
        Assert.Equal([("Currency", "Give the currency as its three-letter code, such as USD or EUR.")],
            ExchangeRate.Problems("usd", "CHF", Monday, 1m, "SNB"));
        Assert.Equal([("Rate", "The rate has at most 8 decimals.")], ExchangeRate.Problems("USD", "CHF", Monday, 0.123456789m, "SNB"));
        Assert.Equal([("Date", "The rate's date must be between 2000 and 2100.")],
            ExchangeRate.Problems("USD", "CHF", new DateOnly(1999, 12, 31), 1m, "SNB"));
        Assert.Throws<DomainException>(() => Rate("USD", Monday, -1m));
    }

    [Theory]
    [InlineData("2026-11-30", null)]
    [InlineData("2026-12-31", null)] // next month's UN operational rate, published ahead
    [InlineData("2027-01-01", "The rate's date, 1 January 2027, is too far ahead: a rate is recorded at most for next month, until 31 December 2026.")]
    [InlineData("2062-11-30", "The rate's date, 30 November 2062, is too far ahead: a rate is recorded at most for next month, until 31 December 2026.")]
    public void A_rate_is_recorded_at_most_for_next_month(string date, string? problem) =>
        Assert.Equal(problem, ExchangeRate.FutureProblem(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Monday));

    [Fact]
    public void A_rate_is_only_for_a_currency_the_fund_uses()
    {
        Assert.Equal([("Currency", "The fund does not use JPY. Give a rate for USD or EUR.")],
            ExchangeRate.Problems("JPY", "CHF", Monday, 0.0056m, "SNB"));
        Assert.Throws<DomainException>(() => Rate("JPY", Monday, 0.0056m));
    }

    [Fact]
    public void A_conversion_rounds_the_fund_amount_half_away_from_zero_and_keeps_its_rate_date_and_source()
    {
        var conversion = Conversion.At(new Money(1_000.05m, "USD"), "CHF", 0.88125m, Monday, "UN operational rate");

        // 1000.05 × 0.88125 = 881.2940625 → 881.29
        Assert.Equal(new Money(881.29m, "CHF"), conversion.FundAmount);
        Assert.Equal((0.88125m, Monday, "UN operational rate"), (conversion.Rate, conversion.RateDate, conversion.Source));
        Assert.Equal(new Money(0.5m, "CHF"), Conversion.At(new Money(1m, "EUR"), "CHF", 0.495m, Monday, "x").FundAmount);
        Assert.Equal(new Money(0.49m, "CHF"), Conversion.At(new Money(1m, "EUR"), "CHF", 0.4949m, Monday, "x").FundAmount);
    }

    [Fact]
    public void The_fund_currency_converts_at_one_on_its_own_date()
    {
        var (conversion, problem) = Conversion.OnDate(new Money(500m, "CHF"), "CHF", Monday, []);

        Assert.Null(problem);
        Assert.Equal(new Conversion(new Money(500m, "CHF"), new Money(500m, "CHF"), 1m, Monday, "fund currency"), conversion);
    }

    [Fact]
    public void A_date_takes_the_latest_rate_on_or_before_it_at_most_seven_days_old()
    {
        ExchangeRate[] rates = [Rate("USD", Monday.AddDays(-10), 0.90m), Rate("USD", Monday, 0.88m), Rate("EUR", Monday.AddDays(1), 0.94m),
            Rate("USD", Monday.AddDays(2), 0.89m)];

        Assert.Equal(0.88m, Conversion.RateOn("USD", Monday, rates)!.Rate);
        Assert.Equal(0.88m, Conversion.RateOn("USD", Monday.AddDays(1), rates)!.Rate);
        Assert.Equal(0.89m, Conversion.RateOn("USD", Monday.AddDays(9), rates)!.Rate);
        Assert.Null(Conversion.RateOn("USD", Monday.AddDays(10), rates));
        Assert.Equal(0.90m, Conversion.RateOn("USD", Monday.AddDays(-3), rates)!.Rate);
        Assert.Null(Conversion.RateOn("USD", Monday.AddDays(-11), rates));
        Assert.Null(Conversion.RateOn("EUR", Monday, rates));

        var (none, problem) = Conversion.OnDate(new Money(10m, "EUR"), "CHF", Monday, rates);
        Assert.Null(none);
        Assert.Equal("There is no EUR → CHF rate for 30 November 2026 or the 7 days before. Record the rate on the Exchange rates page first.", problem);
    }
}
