using System.Globalization;
using System.Resources;
using System.Text;
using Caf.Data;

namespace Caf.Web.Infrastructure;

/// <summary>
/// What the command line says to the person running it, in English, French or Spanish (ADR 0034): the language given with
/// <c>--language</c>, else the first of CAF_LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set ("fr_CH.UTF-8" is French),
/// else English. Sentences come from Resources/CliText*.resx by symbolic keys ("Cli.Migrate.UpToDate"), their numbers and
/// money written as that language writes them. Only what is said follows the language: the verbs work, store and write
/// their files in the invariant culture.
/// </summary>
internal static class CliText
{
    private const string Option = "--language";
    private static readonly string[] Variables = ["CAF_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"];
    private static readonly ResourceManager Texts = new("Caf.Web.Resources.CliText", typeof(CliText).Assembly);
    private static readonly string English = InterfaceLanguage.Codes[0];

    // The language of this run, for the rest of its asynchronous flow; English until chosen.
    private static readonly AsyncLocal<string?> Spoken = new();

    /// <summary>
    /// The language of a run: <c>--language</c> if given (Unknown holds a value that names no language CafGrants speaks),
    /// else the first variable of the environment that is set (one naming another language, C or POSIX, means English);
    /// and the arguments without the option.
    /// </summary>
    public static (string Language, string[] Arguments, string? Unknown) Choose(string[] args, Func<string, string?> environment)
    {
        var at = Array.IndexOf(args, Option);
        if (at < 0)
            return (CodeOf(Variables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))) ?? English, args, null);
        var value = at + 1 < args.Length ? args[at + 1] : "";
        return (CodeOf(value) ?? English, WithoutLanguage(args), CodeOf(value) is null ? value : null);
    }

    /// <summary>The arguments without <c>--language</c> and its value, wherever they stand.</summary>
    public static string[] WithoutLanguage(string[] args) =>
        Array.IndexOf(args, Option) is var at and >= 0 ? [.. args[..at], .. args[Math.Min(at + 2, args.Length)..]] : args;

    /// <summary>"fr", "FR", "fr-CH", "fr_CH.UTF-8" and "fr_CH@euro" are French; "C", "POSIX" and "de_DE.UTF-8" none of ours.</summary>
    internal static string? CodeOf(string? value) =>
        value?.Split('.', '@', '_', '-')[0].ToLowerInvariant() is { } code && InterfaceLanguage.Codes.Contains(code) ? code : null;

    /// <summary>Says everything from here to the end of the run in <paramref name="language"/>.</summary>
    public static void Speak(string language) => Spoken.Value = language;

    private static string Language => Spoken.Value ?? English;

    // English keeps the invariant culture the command line has always written in, so that its output reads as it did.
    private static CultureInfo Culture => Language == English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(Language);

    /// <summary>The text of <paramref name="key"/> in the run's language; the key itself if no file has it (a test fails on that).</summary>
    public static string Get(string key) => Texts.GetString(key, Culture) ?? key;

    /// <summary>The text of <paramref name="key"/> with its placeholders filled as the run's language writes them.</summary>
    public static string Format(string key, params object?[] args) =>
        string.Format(Culture, CompositeFormat.Parse(Get(key)), [.. args.Select(a => a is Money money ? Amount(money) : a)]);

    /// <summary>A sentence the web's interface also says (Resources/SharedResource), in the run's language.</summary>
    public static string Interface(string key, params object?[] args) =>
        string.Format(Culture, CompositeFormat.Parse(InterfaceLanguage.Text(key, Language)), args);

    /// <summary>Amounts in several currencies, one after the other ("CHF 1,000.00; USD 200.00").</summary>
    public static string Amounts(IEnumerable<Money> amounts) => string.Join(Get("Cli.AmountSeparator"), amounts.Select(Amount));

    // In English the form Money keeps in data ("CHF 1,234.50"), as the command line always printed it.
    private static string Amount(Money money) => Language == English ? money.ToString() : money.Written(Culture);
}
