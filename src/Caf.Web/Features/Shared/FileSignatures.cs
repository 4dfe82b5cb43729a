using System.Text;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Checks that a file is what its name says by its first bytes, not its extension: a script renamed report.pdf is
/// refused. The allowed kinds are the documents grantees send: PDF, Word, OpenDocument text, Excel and plain text.
/// </summary>
public static class FileSignatures
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        [".pdf"] = "a PDF document",
        [".docx"] = "a Word document",
        [".doc"] = "a Word 97–2003 document",
        [".odt"] = "an OpenDocument text",
        [".xlsx"] = "an Excel workbook",
        [".txt"] = "a plain-text file",
    };

    public static bool IsAllowedExtension(string fileName) => Kinds.ContainsKey(Path.GetExtension(fileName).ToLowerInvariant());

    public static bool ContentMatchesName(string fileName, ReadOnlySpan<byte> content) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".pdf" => content.StartsWith(Pdf),
            ".docx" or ".xlsx" or ".odt" => content.StartsWith(Zip),
            ".doc" => content.StartsWith(OleCompound),
            ".txt" => IsPlainText(content),
            _ => false,
        };

    // Text is UTF-8 without control bytes other than tab, line feed, carriage return and form feed.
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        foreach (var b in content)
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C)) return false;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
