using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Caf.UnitTests;

/// <summary>
/// The interface's text exists in English, French and Spanish alike (issue 15): every key of the English resource file
/// stands, not empty, in the French and the Spanish ones, and neither holds a key English lacks; a placeholder ({0}) in
/// one language stands in the others.
/// </summary>
public sealed partial class ResourceFilesTests
{
    private static Dictionary<string, string> Read(string suffix) =>
        XDocument.Load(Path.Combine(RepositoryFiles.Root, "src", "Caf.Web", "Resources", $"SharedResource{suffix}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [InlineData(".fr")]
    [InlineData(".es")]
    public void Every_text_exists_in_the_language_not_empty_with_the_same_placeholders(string suffix)
    {
        var english = Read("");
        var other = Read(suffix);
        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(english.Keys));
        Assert.All(english, pair =>
        {
            Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in English.");
            Assert.False(string.IsNullOrWhiteSpace(other[pair.Key]), $"{pair.Key} is empty in {suffix}.");
            Assert.Equal(Placeholders(pair.Value), Placeholders(other[pair.Key]));
        });
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
