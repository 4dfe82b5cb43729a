using System.Globalization;

namespace Caf.UnitTests;

/// <summary>Runs a read as a reader of a language would (a request's culture, issue 15), then gives the thread its culture back.</summary>
internal static class InLanguage
{
    public static T Read<T>(string language, Func<T> read)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
