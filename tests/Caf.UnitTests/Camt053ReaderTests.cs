using System.Text;
using System.Xml;
using System.Xml.Schema;
using Caf.Data;
using Caf.Data.Finance.Statements;

namespace Caf.UnitTests;

/// <summary>
/// camt.053 statements: every figure of the files in Statements/ as the bank wrote it; a malformed file gives nothing and
/// names the line and element of each problem.
/// </summary>
public sealed class Camt053ReaderTests
{
    internal static string StatementFile(string name) => Path.Combine(AppContext.BaseDirectory, "Statements", name);

    private static StatementReadResult ReadFile(string name)
    {
        using var stream = File.OpenRead(StatementFile(name));
        return Camt053Reader.Read(stream);
    }

    private static StatementReadResult ReadText(string xml) => Camt053Reader.Read(Encoding.UTF8.GetBytes(xml));

    private static string Minimal => File.ReadAllText(StatementFile("camt053.001.08.minimal.xml"));

    private static BankStatement SingleStatement(StatementReadResult result)
    {
        Assert.True(result.IsClean, string.Join("\n", result.Problems));
        return Assert.Single(result.Statements);
    }

    private static Money Chf(decimal amount) => new(amount, "CHF");

    [Fact]
    public void The_camt_04_sample_of_the_standards_folder_is_read_figure_by_figure()
    {
        var statement = SingleStatement(ReadFile("camt053.v4.xml"));

        // The account is given by another id than an IBAN and without a currency: the entries' currency is the statement's.
        Assert.Equal(new BankStatement("253EURNL26VAYB8060476890", null, "EUR", new DateOnly(2007, 10, 18), new DateOnly(2007, 10, 18),
            new DateTimeOffset(2015, 3, 10, 18, 43, 50, TimeSpan.Zero), statement.Lines, 0), statement);
        Assert.Equal(new StatementLine(110, "AAAASESS-FP-CN_98765/01", new Money(8.85m, "EUR"), EntryDirection.Credit,
            new DateOnly(2014, 12, 31), new DateOnly(2015, 1, 2), "4654654654654654", null, "NAME NAME"), Assert.Single(statement.Lines));
    }

    [Theory]
    [InlineData("camt053.001.08.chf.xml", Camt053Reader.Namespace08)]
    [InlineData("camt053.001.08.minimal.xml", Camt053Reader.Namespace08)]
    [InlineData("camt053.001.04.usd-eur.xml", Camt053Reader.Namespace04)]
    [InlineData("camt053.v4.xml", Camt053Reader.Namespace04)]
    public void The_statement_files_written_for_the_tests_validate_against_their_schema(string file, string ns)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        settings.Schemas.Add(Camt053Reader.Schema(ns));
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(StatementFile(file), settings))
            while (reader.Read()) { }

        Assert.Empty(errors);
    }

    [Fact]
    public void The_camt_08_statement_of_the_chf_account_gives_its_four_booked_entries_and_counts_the_pending_one()
    {
        var statement = SingleStatement(ReadFile("camt053.001.08.chf.xml"));

        Assert.Equal(("STMT-CHF-2026-03", "CH9300762011623852957", "CHF"), (statement.Id, statement.Iban, statement.Currency));
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), (statement.From, statement.To));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 6, 15, 2, TimeSpan.FromHours(2)), statement.Created);
        Assert.Equal(1, statement.SkippedNotBooked);
        Assert.Equal(
        [
            new StatementLine(54, "260303CH0A1B2C3D", Chf(250_000m), EntryDirection.Credit, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3),
                "Contribution 2026 to the Convention Assistance Fund", "FDFA-2026-CAF-01", "Federal Department of Foreign Affairs"),
            new StatementLine(102, "260310CH0E5F6G7H", Chf(48_500m), EntryDirection.Debit, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10),
                "CAF-2026-001 T1 first tranche, victim assistance workshop", "CAF-2026-001 T1", "Cambodian Mine Action Centre"),
            // No transaction details: the bank's text of the entry is the remittance, its spaces folded.
            new StatementLine(148, "260310CH0E5F6G7I", Chf(35m), EntryDirection.Debit, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10),
                "Charges for international transfer CAF-PAY-2026-0007", null, null),
            // Booked at a time (DtTm) the day after its value date; NOTPROVIDED is no end-to-end id.
            new StatementLine(172, "260327CH0J8K9L0M", Chf(1_200m), EntryDirection.Credit, new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 26),
                "Refund of unspent balance, grant caf-2026-004", null, "Mine Action Network of Colombia"),
        ], statement.Lines);
    }

    [Fact]
    public void A_camt_04_file_gives_each_of_its_statements_with_a_batch_entry_as_one_line_and_skips_pending_and_information_entries()
    {
        var result = ReadFile("camt053.001.04.usd-eur.xml");

        Assert.True(result.IsClean, string.Join("\n", result.Problems));
        Assert.Equal(["STMT-USD-2026-03", "STMT-EUR-2026-03"], result.Statements.Select(s => s.Id));
        var (usd, eur) = (result.Statements[0], result.Statements[1]);
        Assert.Equal(("CH6600762011623852958", "USD", 1), (usd.Iban, usd.Currency, usd.SkippedNotBooked));
        Assert.Equal(
        [
            // Two transactions of one booking: the entry's amount, both tranches' texts, payees and end-to-end ids.
            new StatementLine(50, "260316US0BATCH01", new Money(60_000m, "USD"), EntryDirection.Debit, new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 16),
                "CAF-2026-002 T1 first tranche | CAF-2026-003 T1 first tranche", "CAF-2026-002 T1 | CAF-2026-003 T1",
                "Lebanon Mine Action Centre | Directorate of Mine Action, Iraq"),
            new StatementLine(127, "260313US0C4D5E6F", new Money(15_000m, "USD"), EntryDirection.Credit, new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 12),
                "Voluntary contribution 2026 | RF18539007547034", "GAC-CAF-2026", "Global Affairs Canada"),
            // No AcctSvcrRef: the entry's own reference (NtryRef) is taken.
            new StatementLine(175, "CHG-0316", new Money(25m, "USD"), EntryDirection.Debit, new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 16),
                "Charges for batch payment CAF-PAY-2026-0009", null, null),
        ], usd.Lines);

        Assert.Equal(("CH3900762011623852959", "EUR", 1, (DateOnly?)null, (DateOnly?)null), (eur.Iban, eur.Currency, eur.SkippedNotBooked, eur.From, eur.To));
        Assert.Equal(
        [
            // No value date: the booking date stands for it.
            new StatementLine(232, "260320EU0G7H8J9K", new Money(80_000m, "EUR"), EntryDirection.Credit, new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 20),
                "Beitrag 2026 / Contribution 2026 CAF", null, "Federal Foreign Office, Germany"),
            // No reference on the entry: the transaction's AcctSvcrRef is taken.
            new StatementLine(264, "260324EU0L1M2N3P", new Money(12_345.67m, "EUR"), EntryDirection.Debit, new DateOnly(2026, 3, 24), new DateOnly(2026, 3, 25),
                "CAF-2026-005 T2 second tranche", "CAF-2026-005 T2", "Angolan Inter-Sectoral Commission on Demining"),
        ], eur.Lines);
    }

    [Theory]
    [InlineData("bad-amount.xml", 31, "Amt", "'48'500.00' is not an amount: camt amounts are written with a decimal point and no thousands separator, such as 48500.00. Ask the bank for the statement again.")]
    [InlineData("missing-currency.xml", 31, "Amt", "the amount 48500.00 has no currency: an amount is written <Amt Ccy=\"CHF\">1500.00</Amt>. Ask the bank for the statement again.")]
    [InlineData("fraction-of-a-cent.xml", 31, "Amt", "48500.005 has more than 2 decimals; CHF amounts are to the cent. Ask the bank for the statement again.")]
    [InlineData("other-currency.xml", 31, "Amt", "the entry is in EUR but the statement's account is in CHF. Ask the bank for the statement again.")]
    [InlineData("no-statement-id.xml", 9, "Stmt", "the statement has no Id, the bank's number for it. Ask the bank for the statement again.")]
    [InlineData("duplicate-statement-id.xml", 56, "Id", "the statement STMT-CHF-2026-03 is also on line 10; a file holds each statement once. Ask the bank for the statement again.")]
    [InlineData("elements-out-of-order.xml", 39, "BookgDt", "the file does not follow the camt.053.001.08 layout: The element 'Ntry' has invalid child element 'BookgDt'. List of possible elements expected: 'AcctSvcrRef, Avlbty, BkTxCd'. Ask the bank for the statement again.")]
    [InlineData("wrong-namespace.xml", 3, "Document", "the file is in the format 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08', not a bank statement CafGrants reads. It reads camt.053.001.04 (urn:iso:std:iso:20022:tech:xsd:camt.053.001.04) and camt.053.001.08 (urn:iso:std:iso:20022:tech:xsd:camt.053.001.08): ask the bank for the statement in one of these.")]
    [InlineData("not-xml.xml", 1, null, "the file is not readable XML, so it is not a camt.053 statement (Data at the root level is invalid.). Download the camt.053 file from the bank again.")]
    [InlineData("doctype-entity-expansion.xml", 2, null, "the file declares a document type (<!DOCTYPE …>). Bank statements never do, and such a declaration can make a file grow without end when read, so the file is refused. Ask the bank for the statement again.")]
    public void A_malformed_file_gives_nothing_and_names_the_line_and_element_of_its_problem(string file, int line, string? element, string message)
    {
        var result = ReadFile(Path.Combine("Malformed", file));

        Assert.Empty(result.Statements);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, element, message), (problem.Line, problem.Element, problem.Message));
        Assert.Equal(element is null ? $"line {line}: {message}" : $"line {line}, element {element}: {message}", problem.ToString());
    }

    [Fact]
    public void Every_malformed_file_has_a_theory_row_and_the_file_they_change_is_clean()
    {
        var rows = typeof(Camt053ReaderTests).GetMethod(nameof(A_malformed_file_gives_nothing_and_names_the_line_and_element_of_its_problem))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (string)a.Data[0]!);
        var files = Directory.EnumerateFiles(StatementFile("Malformed")).Select(Path.GetFileName);

        Assert.Equal(files.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
        Assert.Equal(Chf(48_500m), Assert.Single(SingleStatement(ReadFile("camt053.001.08.minimal.xml")).Lines).Amount);
    }

    [Fact]
    public void A_statement_of_an_account_in_a_currency_the_fund_does_not_keep_is_refused()
    {
        var xml = Minimal.Replace("<Ccy>CHF</Ccy>", "<Ccy>XYZ</Ccy>", StringComparison.Ordinal).Replace("Ccy=\"CHF\"", "Ccy=\"XYZ\"", StringComparison.Ordinal);

        var problem = Assert.Single(ReadText(xml).Problems);

        Assert.Equal(("Ccy", "XYZ is not a currency of the fund's accounts: their statements are in CHF, USD, EUR. Ask the bank for the statement again."),
            (problem.Element, problem.Message));
    }

    [Fact]
    public void A_file_nesting_elements_without_end_is_refused_before_it_is_checked_against_the_schema()
    {
        // 100,000 levels: checking that against the schema recursed until the process died.
        var nested = string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000));
        var xml = Minimal.Replace("<AddtlNtryInf>", "<AddtlNtryInf>" + nested, StringComparison.Ordinal);
        if (!xml.Contains(nested, StringComparison.Ordinal)) xml = Minimal.Replace("</Ntry>", nested + "</Ntry>", StringComparison.Ordinal);

        var problem = Assert.Single(ReadText(xml).Problems);

        Assert.Equal("a", problem.Element);
        Assert.StartsWith($"the file nests elements more than {Camt053Reader.MaxDepth} levels deep", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_value_in_a_file_is_quoted_by_its_start_and_its_length_not_whole()
    {
        var huge = new string('9', 1_000_000);
        var xml = Minimal.Replace("<Amt Ccy=\"CHF\">48500.00</Amt>", $"<Amt Ccy=\"CHF\">4'{huge}</Amt>", StringComparison.Ordinal);

        var problem = Assert.Single(ReadText(xml).Problems);

        Assert.Equal("Amt", problem.Element);
        Assert.StartsWith("'4'999", problem.Message, StringComparison.Ordinal);
        Assert.Contains("… (1,000,000 characters)' is not an amount", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 400, problem.Message);
        Assert.Equal("a 'short' value", StatementProblem.Shortened("a 'short' value"));
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_in_line_order_each_element_once()
    {
        var xml = Minimal
            .Replace("<Amt Ccy=\"CHF\">951500.00</Amt>", "<Amt Ccy=\"chf\">951500.00</Amt>", StringComparison.Ordinal)
            .Replace("<Amt Ccy=\"CHF\">48500.00</Amt>", "<Amt Ccy=\"CHF\">-48500.00</Amt>", StringComparison.Ordinal)
            .Replace("<Cd>BOOK</Cd>", "<Cd>BOOK</Cd><Cd>BOOK</Cd>", StringComparison.Ordinal);

        var result = ReadText(xml);

        Assert.Empty(result.Statements);
        Assert.Equal(
        [
            "line 24, element Amt: 'chf' is not a currency code such as CHF, USD or EUR. Ask the bank for the statement again.",
            "line 31, element Amt: the amount -48500.00 has a sign: camt amounts have none, CdtDbtInd says whether money came in or went out. Ask the bank for the statement again.",
            "line 34, element Cd: the file does not follow the camt.053.001.08 layout: The element 'Sts' has invalid child element 'Cd'. Ask the bank for the statement again.",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_iban_whose_check_digits_are_wrong_is_refused()
    {
        var result = ReadText(Minimal.Replace("CH9300762011623852957", "CH9300762011623852958", StringComparison.Ordinal));

        Assert.Equal("line 14, element IBAN: 'CH9300762011623852958' is not a valid IBAN: its check digits do not match. Ask the bank for the statement again.",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_zero_entry_and_a_booked_entry_without_a_booking_date_are_refused()
    {
        var withoutBookingDate = Minimal.Replace("<BookgDt>\n          <Dt>2026-03-10</Dt>\n        </BookgDt>\n", "", StringComparison.Ordinal);
        var zero = Minimal.Replace("48500.00", "0.00", StringComparison.Ordinal);

        Assert.Equal("line 30, element Ntry: the entry is booked but has no booking date (BookgDt). Ask the bank for the statement again.",
            Assert.Single(ReadText(withoutBookingDate).Problems).ToString());
        Assert.Equal("line 31, element Amt: the amount is 0.00; a statement line moves money, so its amount is more than zero. Ask the bank for the statement again.",
            Assert.Single(ReadText(zero).Problems).ToString());
    }

    [Fact]
    public void Texts_are_trimmed_their_spaces_folded_and_cut_to_their_length()
    {
        var words = string.Join("   ", Enumerable.Repeat("CAF-2026-001 T1", 8)); // 8 × 15 + 7 × 3 = 141: longer than a Ustrd may be
        var ustrd = string.Concat(Enumerable.Range(1, 5).Select(i => $"<Ustrd>{i} {words[..130]}</Ustrd>"));
        var details = $"<NtryDtls><TxDtls><Refs><EndToEndId>  E2E-1  </EndToEndId></Refs><RltdPties><Cdtr><Pty><Nm>\n  Cambodian   Mine Action Centre </Nm></Pty></Cdtr></RltdPties><RmtInf>{ustrd}</RmtInf></TxDtls></NtryDtls>";
        var xml = Minimal.Replace("<AddtlNtryInf>CAF-2026-001 T1 first tranche</AddtlNtryInf>", details, StringComparison.Ordinal);

        var line = Assert.Single(SingleStatement(ReadText(xml)).Lines);

        Assert.Equal(("E2E-1", "Cambodian Mine Action Centre"), (line.EndToEndId, line.Counterparty));
        Assert.Equal(StatementLine.MaxTextLength, line.Remittance!.Length);
        Assert.StartsWith("1 CAF-2026-001 T1 CAF-2026-001 T1 ", line.Remittance, StringComparison.Ordinal);
        Assert.Contains(" | 4 CAF-2026-001 T1", line.Remittance, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_twenty_megabytes_or_empty_is_refused_before_it_is_read()
    {
        using var large = new MemoryStream(new byte[Camt053Reader.MaxBytes + 1]);

        Assert.Equal("line 1: The file is larger than 20 MB, more than any statement of the fund's accounts. Ask the bank for a statement per month or per account.",
            Assert.Single(Camt053Reader.Read(large).Problems).ToString());
        Assert.Equal("line 1: The file is empty. Choose the camt.053 file the bank delivered.", Assert.Single(Camt053Reader.Read([]).Problems).ToString());
    }

    [Fact]
    public void A_time_without_an_offset_is_the_funds_time()
    {
        var xml = Minimal.Replace("<CreDtTm>2026-04-01T06:15:02+02:00</CreDtTm>\n      <Acct>", "<CreDtTm>2026-01-15T06:15:02</CreDtTm>\n      <Acct>", StringComparison.Ordinal);

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 6, 15, 2, FundTime.Zone.GetUtcOffset(new DateTime(2026, 1, 15, 6, 15, 2))),
            SingleStatement(ReadText(xml)).Created);
    }
}
