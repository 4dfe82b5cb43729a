using System.Globalization;
using System.Text;

namespace Caf.Data.Finance;

/// <summary>
/// Text that goes to or comes from a bank (a bank reference typed by finance, a statement's references and remittance
/// information) read one way however it was typed or pasted. Two references that look the same must be the same: otherwise
/// a zero-width space, a non-breaking hyphen or a full-width digit lets one bank transfer be booked twice, and a
/// right-to-left override shows a reference other than the one stored.
/// </summary>
public static class BankText
{
    /// <summary>
    /// The text as it is kept and compared: compatibility-composed (NFKC: full-width and styled letters and digits become
    /// plain ones), invisible formatting characters removed (zero-width spaces and joiners, direction overrides, soft
    /// hyphens, byte-order marks, unpaired surrogates), every dash and minus sign made "-", control characters and runs of
    /// white space made one space, trimmed, and cut to <paramref name="maxLength"/>; null when nothing visible is left.
    /// </summary>
    public static string? Normalize(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var plain = new StringBuilder(text.Length);
        foreach (var rune in WithoutUnpairedSurrogates(text).Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (IsInvisible(rune)) continue;
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Format:
                    break;
                case UnicodeCategory.DashPunctuation:
                    plain.Append('-');
                    break;
                case UnicodeCategory.Control or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    if (plain.Length > 0 && plain[^1] != ' ') plain.Append(' ');
                    break;
                default:
                    if (rune.Value == 0x2212) plain.Append('-'); // the minus sign is a math symbol, not a dash
                    else plain.Append(rune.ToString());
                    break;
            }
        }
        var kept = plain.ToString().Trim();
        if (kept.Length > maxLength) kept = kept[..maxLength].TrimEnd();
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>
    /// Characters that show nothing though Unicode does not class them as formatting: the combining grapheme joiner,
    /// variation selectors, Hangul and Khmer fillers, the braille blank, Mongolian free variation selectors and the tag
    /// characters. (Formatting characters, U+200B and the like, go by their category.)
    /// </summary>
    private static bool IsInvisible(Rune rune) => rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2800 or 0x3164 or 0xFFA0
        or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0000 and <= 0xE0FFF);

    /// <summary>
    /// The first character of a normalized bank reference that is not printable ASCII, if any: banks write references in
    /// plain letters, digits and punctuation, and a look-alike (a Cyrillic "А" for a Latin "A", a letter with a dot below)
    /// would make one transfer two.
    /// </summary>
    public static Rune? FirstNotPlain(string normalized)
    {
        foreach (var rune in normalized.EnumerateRunes())
            if (rune.Value is < 0x20 or > 0x7E) return rune;
        return null;
    }

    /// <summary>Whether two bank references are the same once normalized, whatever the capitals.</summary>
    public static bool SameReference(string? one, string? other) =>
        Normalize(one) is { } a && Normalize(other) is { } b && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // string.Normalize refuses text with a lone surrogate (a broken emoji, a cut string); such a half character shows nothing.
    private static string WithoutUnpairedSurrogates(string text)
    {
        if (!text.Any(char.IsSurrogate)) return text;
        var whole = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) whole.Append(text[i]).Append(text[++i]);
            else if (!char.IsSurrogate(text[i])) whole.Append(text[i]);
        }
        return whole.ToString();
    }
}
