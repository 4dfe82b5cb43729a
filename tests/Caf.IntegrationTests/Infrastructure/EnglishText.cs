using System.Text.RegularExpressions;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// Finds English left on a page meant to be in French or Spanish (issue 15): any English text of the interface's resource
/// files that the other language writes differently, and English function words ("the", "with", "your") that no French or
/// Spanish sentence uses. Names (of states, of people, of files) and what people typed are the page's own business: the
/// journeys that use this type their content in the page's language.
/// </summary>
public static partial class EnglishText
{
    private static readonly string[] FunctionWords =
    [
        "the", "and", "of", "with", "for", "not", "yet", "your", "you", "this", "that", "are", "was", "has", "have", "from",
        "by", "at", "be", "will", "been", "which", "what", "who", "there", "their", "its", "it", "into", "should", "would",
        "can", "cannot", "only", "when", "where", "how", "why", "all", "any", "each", "every", "more", "than", "then", "after",
        "before", "until", "about", "between", "during", "without", "within", "here", "these", "those", "our", "we", "they",
        "them", "he", "she", "his", "her", "my", "is", "to", "or", "on", "in", "an",
    ];

    /// <summary>The English found in <paramref name="text"/>, as a page in <paramref name="language"/> shows it; empty when none.</summary>
    public static IReadOnlyList<string> FoundIn(string text, string language)
    {
        var found = new List<string>();
        var words = Word().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        // Both French and Spanish have some of these short words ("on" in French, "a" in both): those are left out above,
        // and "en"/"in" differ. A function word counts only in lower case, as it stands inside a sentence.
        found.AddRange(FunctionWords.Where(w => words.Contains(w) && !AlsoIn(language, w)).Select(w => $"the word '{w}'"));
        foreach (var english in Phrases(language).Where(p => text.Contains(p, StringComparison.Ordinal)))
            found.Add($"the text '{english}'");
        return found;
    }

    private static bool AlsoIn(string language, string word) => (language, word) switch
    {
        ("fr", "on") => true,
        ("es", "he" or "has" or "son") => true,
        _ => false,
    };

    /// <summary>Every English text of the interface of two words or more that <paramref name="language"/> writes otherwise.</summary>
    private static IEnumerable<string> Phrases(string language)
    {
        var english = Read("");
        var other = Read(language);
        return english.Where(p => Placeholder().Replace(p.Value, "").Trim().Contains(' ') && other.TryGetValue(p.Key, out var t) && t != p.Value)
            .SelectMany(p => Placeholder().Split(p.Value))
            .Select(part => part.Trim(' ', ':', '.', ',', '(', ')', '—', '–'))
            .Where(part => part.Contains(' '))
            .Distinct();
    }

    /// <summary>The texts of one language as the application reads them (its embedded resources), without falling back to English.</summary>
    internal static Dictionary<string, string> Read(string language) =>
        new System.Resources.ResourceManager("Caf.Web.Resources.SharedResource", typeof(Caf.Web.SharedResource).Assembly)
            .GetResourceSet(language.Length == 0 ? System.Globalization.CultureInfo.InvariantCulture : new System.Globalization.CultureInfo(language),
                createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
