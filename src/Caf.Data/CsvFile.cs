using System.Text;
using System.Text.Unicode;

namespace Caf.Data;

/// <summary>What is wrong with the file, where: a line number (1 is the header) and the column when there is one.</summary>
internal sealed record CsvProblem(int Line, string? Column, string Message)
{
    public override string ToString() => DomainText.Get("Csv.Line", Line, Message);
}

/// <summary>
/// Reads the CSV files people import (States Parties, exchange rates, bank statements): UTF-8 with or without a byte order
/// mark, or UTF-16 with one (Excel's "Unicode" files), RFC 4180
/// commas and quotes. Pure; each file's own columns and rules are its parser's.
/// </summary>
internal static class CsvFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What every encoding problem asks for, in the reader's language.</summary>
    private static string SaveAsUtf8 => DomainText.Get("Csv.SaveAsUtf8");

    /// <summary>
    /// Every record with the line it starts on (none for an empty file), or the problems that stop the file being read:
    /// lines that are not UTF-8, a quote never closed.
    /// </summary>
    public static (List<(int Line, List<string> Fields)> Records, IReadOnlyList<CsvProblem> Problems) Read(ReadOnlySpan<byte> file)
    {
        // A file saved as UTF-16 ("Unicode") says so by its byte order mark; it is read as the same text in UTF-8.
        if (file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || file.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            if (FromUtf16(file) is not { } utf8)
                return ([], [new CsvProblem(1, null, DomainText.Get("Csv.Utf16Unreadable", SaveAsUtf8))]);
            file = utf8;
        }
        if (file.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) file = file[3..];
        if (file.IsEmpty) return ([], []);
        // Text holds no NUL: a file that does is UTF-16 or UTF-32 without its byte order mark (or not text at all).
        if (file.IndexOf((byte)0) is var nul and >= 0)
            return ([], [new CsvProblem(file[..nul].Count((byte)'\n') + 1, null, DomainText.Get("Csv.Nul", SaveAsUtf8))]);
        var encodingProblems = NotUtf8Lines(file);
        if (encodingProblems.Count > 0) return ([], encodingProblems);
        var records = Records(StrictUtf8.GetString(file), out var quoteProblem);
        return quoteProblem is null ? (records, []) : ([], [quoteProblem]);
    }

    /// <summary>A UTF-16 file (after its byte order mark) as UTF-8 bytes; null when it is not whole UTF-16.</summary>
    private static byte[]? FromUtf16(ReadOnlySpan<byte> file)
    {
        var bigEndian = file[0] == 0xFE;
        try
        {
            var text = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(file[2..]);
            return StrictUtf8.GetBytes(text);
        }
        catch (ArgumentException)
        {
            return null; // an odd number of bytes, a lone surrogate: not UTF-16 whatever its mark says
        }
    }

    /// <summary>Lines (counted by line breaks, which UTF-8 never uses inside a character) whose bytes are not UTF-8.</summary>
    private static List<CsvProblem> NotUtf8Lines(ReadOnlySpan<byte> file)
    {
        var problems = new List<CsvProblem>();
        var line = 1;
        while (true)
        {
            var end = file.IndexOf((byte)'\n');
            var bytes = end < 0 ? file : file[..end];
            if (!Utf8.IsValid(bytes))
                problems.Add(new CsvProblem(line, null, DomainText.Get("Csv.NotUtf8", SaveAsUtf8)));
            if (end < 0) return problems;
            file = file[(end + 1)..];
            line++;
        }
    }

    /// <summary>RFC 4180 records, each with the line it starts on; a quoted value may hold commas, quotes ("") and line breaks.</summary>
    private static List<(int Line, List<string> Fields)> Records(string text, out CsvProblem? problem)
    {
        problem = null;
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var value = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && value.Length == 0)
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        problem = new CsvProblem(quoteLine, null, DomainText.Get("Csv.QuoteNotClosed"));
                        return records;
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { value.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    value.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    problem = new CsvProblem(line, null, DomainText.Get("Csv.TextAfterQuote"));
                    return records;
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(value.ToString());
                    value.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                case '\r':
                    fields.Add(value.ToString());
                    value.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    value.Append(c);
                    break;
            }
            i++;
        }
        if (value.Length > 0 || fields.Count > 0)
        {
            fields.Add(value.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
