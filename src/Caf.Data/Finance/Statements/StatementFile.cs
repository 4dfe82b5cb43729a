using System.Text;

namespace Caf.Data.Finance.Statements;

/// <summary>
/// Which reader a statement file goes to (docs/features/bank-statements.md): a camt.053 file is XML, whose first character
/// after any white space is '&lt;' once its byte order mark is read (UTF-8, or UTF-16 in either byte order, as XML allows);
/// anything else is read as CSV. Pure: no database.
/// </summary>
internal static class StatementFile
{
    public const string Camt04 = "camt.053.001.04";
    public const string Camt08 = "camt.053.001.08";
    public const string Csv = "CSV";

    /// <summary>As much of the file's start as is decoded to tell its format: the root element and its namespace come first.</summary>
    private const int HeadBytes = 4096;

    /// <summary>The file read by the reader of its format, and that format (camt.053.001.04, camt.053.001.08 or CSV).</summary>
    public static (StatementReadResult Read, string Format) Read(byte[] content)
    {
        var format = FormatOf(content);
        return (format == Csv ? StatementCsvReader.Read(content) : Camt053Reader.Read(content), format);
    }

    /// <summary>camt.053.001.08 when its namespace is in the file's first characters, camt.053.001.04 for any other XML, else CSV.</summary>
    public static string FormatOf(ReadOnlySpan<byte> content)
    {
        var head = Head(content).TrimStart();
        return !head.StartsWith('<') ? Csv
            : head.Contains(Camt053Reader.Namespace08, StringComparison.Ordinal) ? Camt08
            : Camt04;
    }

    /// <summary>The first characters of the file in the encoding its byte order mark names; UTF-8 without one.</summary>
    private static string Head(ReadOnlySpan<byte> content)
    {
        var (encoding, mark) = content switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            _ => (Encoding.UTF8, 0),
        };
        var head = content[mark..];
        return encoding.GetString(head[..Math.Min(head.Length, HeadBytes)]);
    }
}
