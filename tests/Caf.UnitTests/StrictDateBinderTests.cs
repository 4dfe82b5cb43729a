using Caf.Web.Infrastructure;

namespace Caf.UnitTests;

/// <summary>How a form reads a typed date: YYYY-MM-DD only, so that a French 05.11.2026 never becomes 11 May.</summary>
public sealed class StrictDateBinderTests
{
    [Fact]
    public void A_date_written_year_month_day_is_read() =>
        Assert.Equal(new DateOnly(2026, 11, 5), StrictDateBinder.Read("2026-11-05"));

    [Theory]
    [InlineData("05.11.2026")]
    [InlineData("12/01/2026")]
    [InlineData("1 Dec 2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026-11-05T00:00:00")]
    [InlineData("20261105")]
    public void A_date_written_any_other_way_is_refused_not_guessed(string typed) =>
        Assert.Null(StrictDateBinder.Read(typed));
}
