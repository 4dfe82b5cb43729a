using System.Globalization;

namespace Caf.Web.Features.Rounds;

/// <summary>The ISU announces and types round times in Geneva time; the database keeps UTC. See ADR 0009.</summary>
public static class GenevaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The UTC instant of a wall-clock time in Geneva, or null for a time that does not exist there (the hour skipped when
    /// clocks go forward). In the hour that happens twice in autumn, the first (summer-time) one is meant.
    /// </summary>
    public static DateTime? ToUtc(DateTime geneva)
    {
        var local = DateTime.SpecifyKind(geneva, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) return null;
        if (Zone.IsAmbiguousTime(local))
            return DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>"15 March 2027, 12:00 Geneva time".</summary>
    public static string Describe(DateTime utc) =>
        FromUtc(utc).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " Geneva time";

    /// <summary>The value of an HTML datetime-local input, to the minute.</summary>
    public static string InputValue(DateTime? geneva) =>
        geneva?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";
}
