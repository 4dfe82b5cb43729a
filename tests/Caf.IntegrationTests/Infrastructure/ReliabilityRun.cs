using System.Globalization;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// What the reliability scenarios share (issue 16). The suite runs them at the sizes, but for the database outage,
/// whose full form (20 s down, every answer within 1 s) is for a machine doing nothing else: the suite takes it down for
/// 5 s and allows 2 s; CAF_RELIABILITY_FULL=1 (eng/reliability.sh, one scenario at a time) runs it in full. Each reports
/// its numbers on one line "reliability NAME: …".
/// </summary>
internal static class ReliabilityRun
{
    public static bool Full => Environment.GetEnvironmentVariable("CAF_RELIABILITY_FULL") == "1";

    /// <summary>The short or the full size of a scenario.</summary>
    public static T Size<T>(T shortForm, T fullForm) => Full ? fullForm : shortForm;

    /// <summary>The scenario's line; numbers in it are written with the helpers below (invariant culture).</summary>
    public static void Report(string scenario, string numbers)
    {
        var line = $"reliability {scenario}: {numbers}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    /// <summary>The value below which <paramref name="share"/> of the sorted values lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Seconds with one decimal, for the report lines.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A rate or a share with one decimal.</summary>
    public static string OneDecimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds without decimals.</summary>
    public static string Milliseconds(double ms) => ms.ToString("0", CultureInfo.InvariantCulture);
}
