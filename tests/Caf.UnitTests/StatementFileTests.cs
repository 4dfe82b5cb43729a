using System.Text;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Data.Finance.Statements;

namespace Caf.UnitTests;

/// <summary>
/// Which reader a statement file goes to, by what it says once its byte order mark is read; and what finance may tick to
/// settle a statement entry by hand.
/// </summary>
public sealed class StatementFileTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

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

    private static StatementEntry Entry(decimal amount, EntryDirection direction) =>
        new(Guid.NewGuid(), "ref:BK-1", new StatementLine(1, "BK-1", new Money(amount, "CHF"), direction, Today, Today, null, null, null));

    private static LedgerEntry Contribution(decimal amount, string currency = "CHF") =>
        LedgerEntry.Contribution("Norway", null, Conversion.At(new Money(amount, currency), "CHF", 0.9m, Today, "test"), Today, null, "finance-1", Now);

    [Fact]
    public void A_statement_entry_is_settled_by_hand_by_entries_that_move_money_its_way_in_its_currency_and_add_up_to_it()
    {
        var credit = Entry(600m, EntryDirection.Credit);
        var (a, b) = (Contribution(400m), Contribution(200m));

        var matches = credit.MatchByHand([a, b], "finance-1", Now);

        Assert.Equal([a.Id, b.Id], matches.Select(m => m.LedgerEntryId));
        Assert.All(matches, m => Assert.Equal((credit.Id, true, "Split by hand between 2 ledger entries.", "finance-1"),
            (m.StatementEntryId, m.Confirmed, m.Reason, m.ConfirmedByUserId)));
        foreach (var (chosen, message) in new (LedgerEntry[], string)[]
                 {
                     ([], "Tick the ledger entries this statement entry settles."),
                     ([a], "The entries ticked add up to CHF 400.00; the statement entry is CHF 600.00."),
                     ([Contribution(600m, "USD")], "The statement entry is in CHF; tick entries in that currency."),
                 })
        {
            var refused = Assert.Throws<DomainException>(() => credit.MatchByHand(chosen, "finance-1", Now));
            Assert.Equal((StatementEntry.LedgerEntriesField, message), (refused.Field, refused.Message));
        }
        Assert.Equal("This is money out: tick payments or bank charges.",
            Assert.Throws<DomainException>(() => Entry(600m, EntryDirection.Debit).MatchByHand([a, b], "finance-1", Now)).Message);
    }
}
