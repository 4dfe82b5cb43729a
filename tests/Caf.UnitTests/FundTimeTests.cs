using Caf.Data;

namespace Caf.UnitTests;

/// <summary>Business dates are dates in Geneva (Europe/Zurich): at midnight, and on both daylight-saving changes.</summary>
public sealed class FundTimeTests
{
    private sealed class FrozenClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    private static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    public static TheoryData<DateTime, DateOnly> Dates => new()
    {
        // 00:30 in Geneva on 1 January is 23:30 UTC on 31 December: already the new year.
        { Utc(2026, 12, 31, 23, 30), new DateOnly(2027, 1, 1) },
        { Utc(2026, 12, 31, 22, 59), new DateOnly(2026, 12, 31) },
        // Last Sunday of March 2027 (the 28th): CET (+1) until 01:00 UTC, CEST (+2) after.
        { Utc(2027, 3, 27, 23, 30), new DateOnly(2027, 3, 28) },
        { Utc(2027, 3, 28, 21, 59), new DateOnly(2027, 3, 28) },
        { Utc(2027, 3, 28, 22, 30), new DateOnly(2027, 3, 29) },
        // Last Sunday of October 2027 (the 31st): CEST (+2) until 01:00 UTC, CET (+1) after.
        { Utc(2027, 10, 30, 22, 30), new DateOnly(2027, 10, 31) },
        { Utc(2027, 10, 31, 22, 30), new DateOnly(2027, 10, 31) },
        { Utc(2027, 10, 31, 23, 0), new DateOnly(2027, 11, 1) },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void The_fund_date_of_an_instant_is_its_date_in_Geneva(DateTime utc, DateOnly expected)
    {
        Assert.Equal(expected, FundTime.DateOf(utc));
        Assert.Equal(expected, FundTime.Today(new FrozenClock(utc)));
    }

    [Fact]
    public void The_hour_skipped_in_March_does_not_exist_and_the_hour_repeated_in_October_means_summer_time()
    {
        Assert.Null(FundTime.ToUtc(new DateTime(2027, 3, 28, 2, 30, 0)));
        Assert.Equal(Utc(2027, 3, 28, 1, 30), FundTime.ToUtc(new DateTime(2027, 3, 28, 3, 30, 0)));
        Assert.Equal(Utc(2027, 10, 31, 0, 30), FundTime.ToUtc(new DateTime(2027, 10, 31, 2, 30, 0)));
        Assert.Equal(Utc(2027, 10, 31, 2, 30), FundTime.ToUtc(new DateTime(2027, 10, 31, 3, 30, 0)));
    }

    [Fact]
    public void A_deadline_is_said_in_Geneva_time_and_in_UTC()
    {
        Assert.Equal("1 January 2027, 00:30 Geneva time (31 December 2026, 23:30 UTC)", FundTime.DescribeWithUtc(Utc(2026, 12, 31, 23, 30)));
        Assert.Equal("15 July 2027, 12:00 Geneva time", FundTime.Describe(Utc(2027, 7, 15, 10, 0)));
    }
}
