using System.Globalization;

namespace Caf.Web.Features.Reporting;

/// <summary>Reads an interim report's number from the page's address ("…/{id}/{number}"), never from what a form sent.</summary>
internal static class ReportRoute
{
    public static int? Number(RouteData route) =>
        route.Values.TryGetValue("number", out var value) && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None,
            CultureInfo.InvariantCulture, out var number) ? number : null;
}
