namespace Caf.Data.Finance.Statements;

/// <summary>International bank account numbers as statements give them: compared without spaces, in capitals, with their check digits.</summary>
internal static class Iban
{
    /// <summary>"CH93 0076 2011 6238 5295 7" → "CH9300762011623852957".</summary>
    public static string Normalize(string iban) => new([.. iban.Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant)]);

    /// <summary>
    /// Whether a normalized IBAN is well formed (two letters, two digits, up to 30 letters or digits) and its check digits are right
    /// (ISO 13616: moved to the end, letters as 10–35, the number leaves 1 when divided by 97), so that a mistyped digit is caught.
    /// </summary>
    public static bool IsValid(string iban)
    {
        if (iban.Length is < 5 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            return false;
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
        }
        return remainder == 1;
    }
}
