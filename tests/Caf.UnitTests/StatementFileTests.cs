using System.Text;
using Caf.Data.Finance.Statements;

namespace Caf.UnitTests;

/// <summary>Which reader a statement file goes to, by what it says once its byte order mark is read.</summary>
public sealed class StatementFileTests
{
    private static string Sample(string name) => File.ReadAllText(Camt053ReaderTests.StatementFile(name));

    public static TheoryData<string> Encodings => ["utf-8", "utf-8 BOM", "utf-16LE BOM", "utf-16BE BOM"];

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "utf-8 BOM" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        "utf-16LE BOM" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text.Replace("UTF-8", "UTF-16", StringComparison.Ordinal))],
        _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text.Replace("UTF-8", "UTF-16", StringComparison.Ordinal))],
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_camt_053_file_is_told_by_its_content_in_utf_8_or_utf_16_and_read_whole(string encoding)
    {
        var (read, format) = StatementFile.Read(Encode(Sample("camt053.001.08.chf.xml"), encoding));

        Assert.Equal(StatementFile.Camt08, format);
        Assert.True(read.IsClean, string.Join("\n", read.Problems));
        Assert.Equal(Camt053Reader.Read(File.ReadAllBytes(Camt053ReaderTests.StatementFile("camt053.001.08.chf.xml"))).Statements.Single().Lines,
            read.Statements.Single().Lines);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void An_older_camt_053_is_told_apart_from_a_08_and_a_csv_file_goes_to_the_csv_reader(string encoding)
    {
        Assert.Equal(StatementFile.Camt04, StatementFile.FormatOf(Encode(Sample("camt053.001.04.usd-eur.xml"), encoding)));
        Assert.Equal(StatementFile.Csv, StatementFile.FormatOf(Encode(Sample("statements.csv"), encoding)));
    }

    [Fact]
    public void An_empty_file_is_a_csv_file_and_says_it_is_empty()
    {
        var (read, format) = StatementFile.Read([]);

        Assert.Equal(StatementFile.Csv, format);
        Assert.StartsWith("line 1: The file is empty.", Assert.Single(read.Problems).ToString());
    }
}
