using System.Globalization;

namespace Caf.Data;

/// <summary>
/// The fund's time (ADR 0017): instants are stored in UTC; a business date — commitment, value date, the ledger's as-of
/// date, the year of a reference number, a due date — is the date in the fund's time zone (Europe/Zurich unless
/// Grants:TimeZone says otherwise), so that 00:30 in Geneva on 1 January is already the new year. The one place that
/// turns an instant into the fund's date or wall-clock time, for Caf.Data, Caf.Workflows and Caf.Web alike.
/// </summary>
public static class FundTime
{
    public const string DefaultZoneId = "Europe/Zurich";

    /// <summary>The fund's zone, set once at start-up from configuration (<see cref="Use"/>).</summary>
    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId);

    /// <summary>How people name the zone in the current language: "Geneva", "Genève", "Ginebra" for the fund's seat, else the zone's id.</summary>
    public static string ZoneName => Zone.Id == DefaultZoneId ? DomainText.Get("Time.Geneva") : Zone.Id;

    /// <summary>Sets the fund's zone from its IANA id (Grants:TimeZone); an unknown id stops the start-up with its name.</summary>
    public static void Use(string? zoneId)
    {
        if (string.IsNullOrWhiteSpace(zoneId)) return;
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId.Trim(), out var zone)
            ? zone
            : throw new InvalidOperationException($"Grants:TimeZone '{zoneId}' is not a known time zone (for example Europe/Zurich).");
    }

    /// <summary>Today's date in the fund's zone.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>23:59 in the fund's zone on <paramref name="day"/>, as UTC: the end of a due day (never in a daylight-saving gap, which falls at night).</summary>
    public static DateTime EndOfDay(DateOnly day) => ToUtc(day.ToDateTime(new TimeOnly(23, 59)))!.Value;

    /// <summary>The fund's date of a UTC instant: 23:30 UTC on 31 December is 1 January in Geneva.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    /// <summary>The wall-clock time in the fund's zone of a UTC instant.</summary>
    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The UTC instant of a wall-clock time in the fund's zone, or null for a time that does not exist there (the hour
    /// skipped when clocks go forward). In the hour that happens twice in autumn, the first (summer-time) one is meant.
    /// </summary>
    public static DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) return null;
        if (Zone.IsAmbiguousTime(unspecified))
            return DateTime.SpecifyKind(unspecified - Zone.GetAmbiguousTimeOffsets(unspecified).Max(), DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>"15 March 2027, 12:00 Geneva time", "15 mars 2027, 12:00, heure de Genève": in the current language.</summary>
    public static string Describe(DateTime utc) => DomainText.Get("Time.Local", FromUtc(utc), ZoneName);

    /// <summary>"15 March 2027, 12:00 Geneva time (15 March 2027, 11:00 UTC)": for a message that cannot know the reader's own zone.</summary>
    public static string DescribeWithUtc(DateTime utc) =>
        DomainText.Get("Time.LocalWithUtc", Describe(utc), DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The value of an HTML datetime-local input, to the minute.</summary>
    public static string InputValue(DateTime? local) =>
        local?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";
}
