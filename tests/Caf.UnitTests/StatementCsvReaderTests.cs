using System.Text;
using Caf.Data;
using Caf.Data.Finance.Statements;

namespace Caf.UnitTests;

/// <summary>CSV statements: lines grouped by statement_id; every problem by its line and column in a finance officer's words; nothing from a bad file.</summary>
public sealed class StatementCsvReaderTests
{
    private const string Header = StatementCsvReader.Header;
    private const string GoodLine = "2026-03-CHF,CH93 0076 2011 6238 5295 7,2026-03-10,2026-03-10,48500.00,CHF,debit,260310CH0E5F6G7H,CAF-2026-001 T1,Cambodian Mine Action Centre";

    private static StatementReadResult Read(string text) => StatementCsvReader.Read(Encoding.UTF8.GetBytes(text));

    private static string Problems(StatementReadResult result) => string.Join("\n", result.Problems);

    [Fact]
    public void The_sample_file_gives_one_statement_per_statement_id_with_its_lines_in_file_order()
    {
        var result = StatementCsvReader.Read(File.ReadAllBytes(Camt053ReaderTests.StatementFile("statements.csv")));

        Assert.True(result.IsClean, Problems(result));
        Assert.Equal(
        [
            new BankStatement("2026-03-CHF", "CH9300762011623852957", "CHF", null, null, null, result.Statements[0].Lines, 0),
            new BankStatement("2026-03-USD", "CH6600762011623852958", "USD", null, null, null, result.Statements[1].Lines, 0),
        ], result.Statements);
        Assert.Equal(
        [
            new StatementLine(2, "260303CH0A1B2C3D", new Money(250_000m, "CHF"), EntryDirection.Credit, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3),
                "Contribution 2026 to the Convention Assistance Fund", null, "Federal Department of Foreign Affairs"),
            new StatementLine(3, "260310CH0E5F6G7H", new Money(48_500m, "CHF"), EntryDirection.Debit, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10),
                "CAF-2026-001 T1 first tranche, victim assistance workshop", null, "Cambodian Mine Action Centre"),
            new StatementLine(4, "260310CH0E5F6G7I", new Money(35m, "CHF"), EntryDirection.Debit, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10),
                "Charges for international transfer CAF-PAY-2026-0007", null, null),
            new StatementLine(6, "260327CH0J8K9L0M", new Money(1_200m, "CHF"), EntryDirection.Credit, new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 26),
                "Refund of unspent balance, grant caf-2026-004", null, "Mine Action Network of Colombia"),
        ], result.Statements[0].Lines);
        Assert.Equal(new StatementLine(5, "260313US0C4D5E6F", new Money(15_000m, "USD"), EntryDirection.Credit, new DateOnly(2026, 3, 13),
            new DateOnly(2026, 3, 12), "Voluntary contribution 2026", null, "Global Affairs Canada"), Assert.Single(result.Statements[1].Lines));
    }

    [Fact]
    public void Columns_may_come_in_any_order_in_capitals_and_the_optional_ones_may_be_left_out()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(
            "Amount,CURRENCY,Direction,Booking_Date,Statement_ID\r\n1500,usd, Credit ,2026-03-04,STMT-7\r\n\r\n")).ToArray();

        var result = StatementCsvReader.Read(bytes);

        Assert.True(result.IsClean, Problems(result));
        var statement = Assert.Single(result.Statements);
        Assert.Equal(("STMT-7", (string?)null, "USD"), (statement.Id, statement.Iban, statement.Currency));
        // No value date column: the booking date stands for it.
        Assert.Equal(new StatementLine(2, null, new Money(1500m, "USD"), EntryDirection.Credit, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4), null, null, null),
            Assert.Single(statement.Lines));
    }

    [Theory]
    [InlineData("amount", "1,500", "'1,500' is not an amount: write 1500.00")]
    [InlineData("amount", "1'500.50", "'1'500.50' is not an amount: write 1500.50")]
    [InlineData("amount", "12,5", "'12,5' is not an amount: write 12.50")]
    [InlineData("amount", "CHF 12", "'CHF 12' is not an amount: write it with a decimal point and no thousands separator, such as 1500.00.")]
    [InlineData("amount", "", "is empty. Give the amount, such as 1500.00.")]
    [InlineData("amount", "-35.00", "'-35.00' has a sign: write the amount without one, and say in the direction column whether it is a credit or a debit.")]
    [InlineData("amount", "0.00", "the amount is 0.00; a statement line moves money, so its amount is more than zero.")]
    [InlineData("amount", "35.005", "35.005 has more than 2 decimals; CHF amounts are to the cent.")]
    [InlineData("amount", "100000000.01", "CHF 100,000,000.01 is more than 100,000,000, more than the fund ever moves at once; check the amount.")]
    [InlineData("currency", "Francs", "'Francs' is not a currency code. Give its three letters, such as CHF, USD or EUR.")]
    [InlineData("currency", "xyz", "XYZ is not a currency of the fund's accounts: their statements are in CHF, USD, EUR.")]
    [InlineData("currency", "GBP", "GBP is not a currency of the fund's accounts: their statements are in CHF, USD, EUR.")]
    [InlineData("direction", "out", "'out' is not a direction. Write credit (money in) or debit (money out); CRDT and DBIT are read too.")]
    [InlineData("booking_date", "10.03.2026", "'10.03.2026' is not a date. Write it as YYYY-MM-DD, such as 2026-03-04.")]
    [InlineData("booking_date", "", "is empty. Give the date as YYYY-MM-DD, such as 2026-03-04.")]
    [InlineData("value_date", "1999-12-31", "The date must be between 2000 and 2100.")]
    [InlineData("account", "CH93 0076 2011 6238 5295 8", "'CH93 0076 2011 6238 5295 8' is not an IBAN: check it against the bank's statement, such as CH93 0076 2011 6238 5295 7.")]
    [InlineData("statement_id", "", "is empty. Give the statement's id, the same on every line of one statement, such as 2026-03-CHF.")]
    public void Each_wrong_value_is_named_by_its_line_and_column(string column, string value, string message)
    {
        var fields = GoodLine.Split(',');
        fields[StatementCsvReader.Columns.ToList().IndexOf(column)] = value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;

        var result = Read($"{Header}\n{GoodLine}\n{string.Join(',', fields)}\n");

        Assert.Empty(result.Statements);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, column, message), (problem.Line, problem.Column, problem.Message));
        Assert.Equal($"line 3, column {column}: {message}", problem.ToString());
    }

    [Fact]
    public void A_statement_keeps_one_account_and_one_currency_and_every_problem_is_listed_at_once()
    {
        var result = Read($"{Header}\n{GoodLine}\n" +
                          "2026-03-CHF,CH66 0076 2011 6238 5295 8,2026-03-11,,35.00,USD,debit,,,\n" +
                          "2026-03-CHF,,2026-03-12,,abc,CHF,sideways,,,\n" +
                          "2026-03-CHF,CH93 0076 2011 6238 5295 7,2026-03-12,,12.00,CHF,debit,,,,\n");

        Assert.Empty(result.Statements);
        Assert.Equal(
        [
            "line 3, column currency: statement 2026-03-CHF is in CHF on line 2. Give one currency for all lines of a statement.",
            "line 3, column account: statement 2026-03-CHF is of account CH9300762011623852957 on line 2. Give one account for all lines of a statement.",
            "line 4, column amount: 'abc' is not an amount: write it with a decimal point and no thousands separator, such as 1500.00.",
            "line 4, column direction: 'sideways' is not a direction. Write credit (money in) or debit (money out); CRDT and DBIT are read too.",
            "line 5: has 11 values but the header has 10. Put a comma only between columns: write amounts with a decimal point (1500.00, not 1,500.00) " +
            "and put quotes around a text that contains a comma.",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("statement_id,booking_date,amount,currency,direction,memo\n", "line 1, column memo: is not a column of a statement file. The columns are " + Header + "; remove it or correct its name.")]
    [InlineData("statement_id,booking_date,amount,direction\n", "line 1, column currency: is missing from the header line. A statement file has at least the columns statement_id,booking_date,amount,currency,direction.")]
    [InlineData("statement_id,booking_date,amount,currency,direction,Amount\n", "line 1, column amount: is in the header twice, as columns 3 and 6. Give each column once.")]
    [InlineData("", "line 1: The file is empty. It needs the header line '" + Header + "' and one line per booked entry.")]
    [InlineData(Header + "\n\n", "line 1: The file has a header but no entry. Add one line per booked entry under the header.")]
    [InlineData(Header + "\nS1,,2026-03-04,,1.00,CHF,debit,,\"unclosed,\n", "line 2: opens a quote (\") that is never closed. Close every quoted value with a quote.")]
    public void A_file_whose_header_is_wrong_or_that_has_no_entry_is_refused(string text, string problem)
    {
        var result = Read(text);

        Assert.Empty(result.Statements);
        Assert.Equal(problem, Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_file_not_in_utf8_or_over_five_megabytes_is_refused()
    {
        var latin1 = Encoding.UTF8.GetBytes($"{Header}\n").Concat(Encoding.Latin1.GetBytes("S1,,2026-03-04,,1.00,CHF,credit,,Versement Genève,\n")).ToArray();

        var notUtf8 = Assert.Single(StatementCsvReader.Read(latin1).Problems);
        var tooLarge = Assert.Single(StatementCsvReader.Read(new byte[StatementCsvReader.MaxBytes + 1]).Problems);

        Assert.Equal(2, notUtf8.Line);
        Assert.Contains("Save the file as UTF-8", notUtf8.Message, StringComparison.Ordinal);
        Assert.Equal("line 1: The file is larger than 5 MB. Split it into smaller files, a statement or a month each, and import each.", tooLarge.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_saved_as_utf16_with_its_byte_order_mark_is_read_and_one_separated_by_tabs_is_told_so(bool bigEndian)
    {
        var text = $"{Header}\nS1,,2026-03-04,,1.00,CHF,credit,R-1,Versement Genève,\n";
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] Utf16(string s) => [.. encoding.GetPreamble(), .. encoding.GetBytes(s)];

        var line = Assert.Single(Assert.Single(StatementCsvReader.Read(Utf16(text)).Statements).Lines);
        var tabs = Assert.Single(StatementCsvReader.Read(Utf16(text.Replace(',', '\t'))).Problems);
        var broken = Assert.Single(StatementCsvReader.Read([.. Utf16(text), 0x41]).Problems);

        Assert.Equal(("R-1", "Versement Genève"), (line.Reference, line.Remittance));
        Assert.Equal("line 1: The values are separated by tabs, not commas (Excel's \"Unicode Text\"). Save the file as \"CSV UTF-8 (comma delimited)\" and import it again.",
            tabs.ToString());
        Assert.StartsWith("line 1: is marked as UTF-16", broken.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_utf16_or_utf32_without_its_byte_order_mark_is_told_it_is_not_utf8()
    {
        var text = $"{Header}\nS1,,2026-03-04,,1.00,CHF,credit,R-1,,\n";

        foreach (var encoding in new Encoding[] { new UnicodeEncoding(true, false), new UnicodeEncoding(false, false), new UTF32Encoding(false, false) })
        {
            var problem = Assert.Single(StatementCsvReader.Read(encoding.GetBytes(text)).Problems);
            Assert.StartsWith("line 1: is not UTF-8 text: it holds NUL characters", problem.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_wrong_throughout_lists_its_first_hundred_problems_and_counts_the_rest()
    {
        var lines = Enumerable.Range(0, 150).Select(_ => "S1,,2026-03-04,,abc,CHF,credit,,,");

        var result = Read($"{Header}\n{string.Join('\n', lines)}\n");

        Assert.Equal(StatementReadResult.MaxProblems + 1, result.Problems.Count);
        Assert.Equal("line 102: and 50 more problems from here on. Correct these and import the file again to see the rest.", result.Problems[^1].ToString());
    }
}
