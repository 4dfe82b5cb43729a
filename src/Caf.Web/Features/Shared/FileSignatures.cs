using System.Text;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Checks that a file is what its name says by its first bytes, not its extension: a script renamed report.pdf is
/// refused. The allowed kinds are the documents grantees send (<see cref="Kinds"/>: PDF, Word, OpenDocument text, Excel and
/// plain text) and, for a signed paper document, its scan (<see cref="ScanKinds"/>: PDF, JPEG, PNG).
/// </summary>
public static class FileSignatures
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The kinds accepted, by extension, each with the key of how a person calls it ("a PDF document").</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        [".pdf"] = "File.Pdf",
        [".docx"] = "File.Word",
        [".doc"] = "File.Word97",
        [".odt"] = "File.OpenDocument",
        [".xlsx"] = "File.Excel",
        [".txt"] = "File.Text",
    };

    /// <summary>A signed paper document as it comes back, scanned or photographed (the grant agreement): PDF, JPEG or PNG.</summary>
    public static readonly IReadOnlyDictionary<string, string> ScanKinds = new Dictionary<string, string>
    {
        [".pdf"] = "File.Pdf",
        [".jpg"] = "File.Jpeg",
        [".jpeg"] = "File.Jpeg",
        [".png"] = "File.Png",
    };

    public static bool IsAllowedExtension(string fileName) => IsAllowedExtension(fileName, Kinds);

    public static bool IsAllowedExtension(string fileName, IReadOnlyDictionary<string, string> kinds) =>
        kinds.ContainsKey(Path.GetExtension(fileName).ToLowerInvariant());

    public static bool ContentMatchesName(string fileName, ReadOnlySpan<byte> content) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".pdf" => content.StartsWith(Pdf),
            ".docx" or ".xlsx" or ".odt" => content.StartsWith(Zip),
            ".doc" => content.StartsWith(OleCompound),
            ".txt" => IsPlainText(content),
            ".jpg" or ".jpeg" => content.StartsWith(Jpeg),
            ".png" => content.StartsWith(Png),
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
