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
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StrictDecimalBinder.Read(typed.Trim(), System.Globalization.CultureInfo.InvariantCulture));

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
    public void A_number_written_any_other_way_is_refused_not_guessed(string typed) => Assert.Null(StrictDecimalBinder.Read(typed, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1,5", "Amount must be a number, for example 1250.50. Write 1.5 rather than 1,5: a point before the decimals, not a comma.")]
    [InlineData("1.500,25", "Amount must be a number, for example 1250.50. Write 1500.25 rather than 1.500,25: a point before the decimals, not a comma.")]
    [InlineData("1 500,25", "Amount must be a number, for example 1250.50. Write 1500.25 rather than 1 500,25: a point before the decimals, not a comma.")]
    [InlineData("1,500", "Amount must be a number, for example 1250.50. Write 1.5 or 1500 rather than 1,500: a point before the decimals, no comma.")]
    [InlineData("lots", "Amount must be a number, for example 1250.50.")]
    [InlineData("12,34,567", "Amount must be a number, for example 1250.50.")]
    public void A_number_refused_is_said_by_its_label_and_one_typed_with_a_decimal_comma_is_shown_with_a_point(string typed, string message) =>
        Assert.Equal(message, PlainBindingMessages.NotANumber("Amount", typed));

    [Theory]
    [InlineData("fr", "1234,50", "1234.50")]
    [InlineData("fr", "1 234,50", "1234.50")]
    [InlineData("fr", "1\u202F234,50", "1234.50")]
    [InlineData("fr", "1,5", "1.5")]
    [InlineData("fr", "4800.00", "4800.00")]
    [InlineData("fr", "12.5", "12.5")]
    [InlineData("es", "1.234,50", "1234.50")]
    [InlineData("es", "1.234.567", "1234567")]
    [InlineData("es", "-3,25", "-3.25")]
    [InlineData("en", "1,500.00", "1500.00")]
    public void On_a_French_or_Spanish_page_a_decimal_comma_is_read_as_that_language_writes_it(string language, string typed, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            StrictDecimalBinder.Read(typed, new System.Globalization.CultureInfo(language)));

    [Theory]
    [InlineData("fr", "1.500")]
    [InlineData("es", "2.250")]
    [InlineData("fr", "1,500.00,5")]
    [InlineData("es", "1.2,5")]
    [InlineData("en", "1,5")]
    public void On_any_page_a_number_that_reads_two_ways_is_refused(string language, string typed) =>
        Assert.Null(StrictDecimalBinder.Read(typed, new System.Globalization.CultureInfo(language)));

    [Fact]
    public void A_value_without_a_property_is_never_named_by_its_type() =>
        Assert.Equal("This value", PlainBindingMessages.Label("Nullable`1"));
}
