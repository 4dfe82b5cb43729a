using System.Globalization;
using Caf.Data;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Values as a person reads them on a page, in the page's language (issue 15): "CHF 1 234,50" in French, "CHF 1.234,50" in
/// Spanish, "CHF 1,234.50" in English. <see cref="Money.ToString"/> stays one invariant form, since it is also kept in data.
/// </summary>
internal static class Shown
{
    public static string Money(Money money) => money.Written(CultureInfo.CurrentCulture);

    public static string Money(Money? money) => money is { } m ? Money(m) : "";

    /// <summary>Names in the alphabetical order of the page's language ("Cambodge" before "Colombie"), whatever their capitals.</summary>
    public static StringComparer Alphabetical => StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);

    /// <summary>A state by its name in the page's language (the States Parties import gives the three).</summary>
    public static string State(Caf.Data.Entities.StateParty? state) => state?.NameIn(InterfaceLanguage.Current) ?? "";

    /// <summary>"3 décembre 2026, 14:00 (heure de Genève)": a moment as the fund's business day reads it, in the page's language.</summary>
    public static string GenevaTime(DateTime utc) =>
        InterfaceLanguage.Format("Time.Geneva", FundTime.FromUtc(utc).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture));
}
