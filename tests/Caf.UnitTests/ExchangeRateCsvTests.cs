using System.Text;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>Exchange-rate CSV files: every problem by line and column, in a finance officer's words; nothing from a bad file.</summary>
public sealed class ExchangeRateCsvTests
{
    private const string Header = ExchangeRateCsv.Header;
    private const string Fund = "CHF";

    private static ExchangeRateParseResult Parse(string text) => ExchangeRateCsv.Parse(Encoding.UTF8.GetBytes(text), Fund);

    private static string Problems(ExchangeRateParseResult result) => string.Join(" | ", result.Problems);

    [Fact]
    public void A_clean_file_gives_every_rate_with_its_line()
    {
        var result = Parse($"{Header}\nUSD,CHF,2026-03-04,0.8812,UN operational rate\neur,chf,2026-03-04,0.9351,ECB reference rate\n\nUSD,CHF,2026-03-05, 0.88 ,SNB\n");

        Assert.True(result.IsClean, Problems(result));
        Assert.Equal(
        [
            new ExchangeRateRow(2, "USD", new DateOnly(2026, 3, 4), 0.8812m, "UN operational rate"),
            new ExchangeRateRow(3, "EUR", new DateOnly(2026, 3, 4), 0.9351m, "ECB reference rate"),
            new ExchangeRateRow(5, "USD", new DateOnly(2026, 3, 5), 0.88m, "SNB"),
        ], result.Rows);
    }

    [Fact]
    public void The_header_names_may_be_in_capitals_and_the_file_may_start_with_a_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Currency,FUND_CURRENCY,Date,Rate,Source\nUSD,CHF,2026-03-04,0.8812,SNB")).ToArray();

        var result = ExchangeRateCsv.Parse(bytes, Fund);

        Assert.True(result.IsClean, Problems(result));
        Assert.Equal(0.8812m, Assert.Single(result.Rows).Rate);
    }

    [Fact]
    public void Quoted_sources_keep_their_commas_and_quotes_and_windows_line_ends_are_read()
    {
        var result = Parse($"{Header}\r\nUSD,CHF,2026-03-04,\"0.8812\",\"UBS, Geneva \"\"fixing\"\"\"\r\nEUR,CHF,2026-03-04,0.9351,ECB\r\n");

        Assert.True(result.IsClean, Problems(result));
        Assert.Equal(["UBS, Geneva \"fixing\"", "ECB"], result.Rows.Select(r => r.Source));
        Assert.Equal([2, 3], result.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("USD,CHF,2026-03-04,\"0,95\",SNB", "rate", "rate: '0,95' is not a number; write it with a decimal point, such as 0.95.")]
    [InlineData("USD,CHF,2026-03-04,,SNB", "rate", "rate: is empty. Give what one USD is worth in CHF, such as 0.95.")]
    [InlineData("USD,CHF,2026-03-04,1e3,SNB", "rate", "rate: '1e3' is not a number; write it with a decimal point, such as 0.95.")]
    [InlineData("USD,CHF,2026-03-04,0,SNB", "rate", "rate: The rate must be more than zero.")]
    [InlineData("USD,CHF,2026-03-04,0.123456789,SNB", "rate", "rate: The rate has at most 8 decimals.")]
    [InlineData("USD,CHF,04/03/2026,0.95,SNB", "date", "date: '04/03/2026' is not a date. Write it as YYYY-MM-DD, such as 2026-03-04.")]
    [InlineData("USD,CHF,1999-12-31,0.95,SNB", "date", "date: The rate's date must be between 2000 and 2100.")]
    [InlineData("DOLLAR,CHF,2026-03-04,0.95,SNB", "currency", "currency: Give the currency as its three-letter code, such as USD or EUR.")]
    [InlineData("JPY,CHF,2026-03-04,0.0056,SNB", "currency", "currency: The fund does not use JPY. Give a rate for USD or EUR.")]
    [InlineData("CHF,CHF,2026-03-04,1,SNB", "currency", "currency: CHF is the fund's own currency: its rate is always 1.")]
    [InlineData("USD,EUR,2026-03-04,0.95,SNB", "fund_currency", "fund_currency: 'EUR' is not the fund's currency. Rates are given in CHF: write CHF.")]
    [InlineData("USD,CHF,2026-03-04,0.95, ", "source", "source: Say where the rate comes from, such as “UN operational rate” or the bank's name.")]
    public void Each_wrong_value_is_named_by_its_line_and_column(string line, string column, string message)
    {
        var result = Parse($"{Header}\nEUR,CHF,2026-03-04,0.9351,ECB\n{line}\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, column, message), (problem.Line, problem.Column, problem.Message));
        Assert.Equal($"line 3: {message}", problem.ToString());
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Every_problem_of_the_file_is_listed_at_once()
    {
        var result = Parse($"{Header}\nUSD,CHF,2026-03-04,0.88,SNB\nUSD,CHF,2026-03-05,abc,SNB\nXX,CHF,2026-03-05,0.9,\nUSD,CHF,2026-03-04,0.89,UBS\n");

        Assert.Equal(
        [
            (3, "rate"), (4, "currency"), (4, "source"), (5, "date"),
        ], result.Problems.Select(p => (p.Line, p.Column!)));
        Assert.Equal("date: USD on 2026-03-04 is already on line 2. Give one rate per currency and date.", result.Problems[3].Message);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_rate_written_with_a_decimal_comma_and_no_quotes_is_a_line_with_too_many_values()
    {
        var result = Parse($"{Header}\nUSD,CHF,2026-03-04,0,95,SNB\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.StartsWith("has 6 values but the header has 5.", problem.Message);
        Assert.Contains("0.95, not 0,95", problem.Message);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("currency,date,rate,source\nUSD,2026-03-04,0.95,SNB", "The first line must be the header 'currency,fund_currency,date,rate,source'")]
    [InlineData("currency,fund_currency,date,rate,source\n", "The file has a header but no rate.")]
    [InlineData("currency,fund_currency,date,rate,source\nUSD,CHF,2026-03-04,0.95,\"SNB\n", "opens a quote (\") that is never closed.")]
    public void A_file_without_a_header_or_rates_is_refused_on_its_first_line(string text, string message)
    {
        var problem = Assert.Single(Parse(text).Problems);

        Assert.StartsWith(message, problem.Message);
        Assert.Equal(text.Contains("\"SNB", StringComparison.Ordinal) ? 2 : 1, problem.Line);
    }

    [Fact]
    public void A_file_not_in_utf8_is_refused_naming_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n").Concat(Encoding.Latin1.GetBytes("USD,CHF,2026-03-04,0.95,Banque cantonale de Genève\n")).ToArray();

        var problem = Assert.Single(ExchangeRateCsv.Parse(bytes, Fund).Problems);

        Assert.Equal(2, problem.Line);
        Assert.Contains("Save the file as UTF-8", problem.Message);
    }

    [Fact]
    public void A_file_over_ten_thousand_rates_or_one_megabyte_is_refused()
    {
        var start = new DateOnly(2000, 1, 1);
        var lines = Enumerable.Range(0, ExchangeRateCsv.MaxRows + 1).Select(i => $"USD,CHF,{start.AddDays(i):yyyy-MM-dd},0.9,SNB");
        var tooMany = Parse($"{Header}\n{string.Join('\n', lines)}\n");
        var tooLarge = ExchangeRateCsv.Parse(new byte[ExchangeRateCsv.MaxBytes + 1], Fund);

        var problem = Assert.Single(tooMany.Problems);
        Assert.Equal((ExchangeRateCsv.MaxRows + 2, "The file has 10,001 rates; one file holds at most 10,000. Split it into smaller files and import each."),
            (problem.Line, problem.Message));
        Assert.StartsWith("The file is larger than 1 MB.", Assert.Single(tooLarge.Problems).Message);
        Assert.True(ExchangeRateCsv.Parse(Encoding.UTF8.GetBytes($"{Header}\n{string.Join('\n', lines.Skip(1))}"), Fund).IsClean);
    }

    [Theory]
    [InlineData(null, 0, "Choose the CSV file of rates to import.")]
    [InlineData("rates.csv", 0, "The file rates.csv is empty. Choose the file that holds the rates.")]
    [InlineData("rates.csv", ExchangeRateCsv.MaxBytes + 1, "The file rates.csv is larger than 1 MB. Split it into smaller files and import each.")]
    [InlineData("rates.csv", 100, null)]
    public void The_file_chosen_is_checked_before_it_is_read(string? fileName, long length, string? problem) =>
        Assert.Equal(problem, ExchangeRateCsv.FileProblem(fileName, length));
}
