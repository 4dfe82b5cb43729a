using Caf.Web.Infrastructure;

namespace Caf.UnitTests;

/// <summary>How a form reads a typed amount: one way only, so that "1,5" never becomes fifteen.</summary>
public sealed class StrictDecimalBinderTests
{
    [Theory]
    [InlineData("1500", "1500")]
    [InlineData(" 1500.50 ", "1500.50")]
    [InlineData("-3.25", "-3.25")]
    [InlineData("1,500.00", "1500.00")]
    [InlineData("1,500,000", "1500000")]
    [InlineData("1'500.5", "1500.5")]
    [InlineData("12 345.67", "12345.67")]
    [InlineData("0.5", "0.5")]
    public void A_number_written_with_a_decimal_point_and_grouped_thousands_is_read(string typed, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StrictDecimalBinder.Read(typed.Trim()));

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,500")]
    [InlineData("1.500,00")]
    [InlineData("1,50")]
    [InlineData("15,00")]
    [InlineData("1,5000")]
    [InlineData("12,34,567")]
    [InlineData("1e5")]
    [InlineData("NaN")]
    [InlineData("٣")]
    [InlineData("+5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1 000 000 000 000 000 000 000 000 000 000 000")]
    public void A_number_written_any_other_way_is_refused_not_guessed(string typed) => Assert.Null(StrictDecimalBinder.Read(typed));
}
