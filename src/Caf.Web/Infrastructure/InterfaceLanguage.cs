using System.Globalization;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Localization;

namespace Caf.Web.Infrastructure;

/// <summary>
/// The language of the interface (issue 15): a signed-in person's own choice (the one their emails use, kept in their
/// sign-in as a claim); before signing in, the language picked with the switch (a cookie), else the browser's
/// Accept-Language; else English. The page's culture follows the same language, so dates, numbers and money read as that
/// language writes them ("3 déc. 2026", "1 234,50"); forms still accept what they wrote (<see cref="StrictDecimalBinder"/>),
/// and nothing stored, hashed or exported as data depends on it (those are written with the invariant culture).
/// </summary>
internal static class InterfaceLanguage
{
    public static readonly IReadOnlyList<string> Codes = [.. CafUser.Languages.Select(l => l.Code)];

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Codes.Select(code => new CultureInfo(code)).ToList();
        options.DefaultRequestCulture = new RequestCulture(cultures[0]);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context => Task.FromResult(
                context.User.FindFirst(Features.Shared.CafClaims.Language)?.Value is { } chosen && Codes.Contains(chosen)
                    ? new ProviderCultureResult(chosen) : null)),
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>The cookie that keeps the language picked before signing in.</summary>
    public const string CookieName = "caf-language";

    private static readonly System.Resources.ResourceManager Texts = new("Caf.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, whatever the page's language (a message about a new choice).</summary>
    public static string Text(string key, string language) => Texts.GetString(key, new CultureInfo(language)) ?? key;

    /// <summary>The text of <paramref name="key"/> in the page's language, or <paramref name="fallback"/> when the files have no such key (a name made from data).</summary>
    public static string TextOr(string key, string fallback) => Texts.GetString(key, new CultureInfo(Current)) ?? fallback;

    /// <summary>The text of <paramref name="key"/> in the language of the page being made, for code outside a view.</summary>
    public static string Text(string key) => Text(key, Current);

    /// <summary>The text of <paramref name="key"/> in the page's language, its placeholders filled as that language writes them.</summary>
    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, System.Text.CompositeFormat.Parse(Text(key)), args);

    /// <summary>The language the page is in, as a two-letter code for &lt;html lang&gt;.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var code && Codes.Contains(code) ? code : Codes[0];
}
