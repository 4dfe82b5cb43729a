using System.Globalization;

namespace Caf.Data.Finance;

/// <summary>One rate as a line of an import file gives it: one <see cref="Currency"/> is worth <see cref="Rate"/> of the fund currency.</summary>
internal sealed record ExchangeRateRow(int Line, string Currency, DateOnly Date, decimal Rate, string Source);

/// <summary>Either every row of a clean file, or every problem of a bad one (never some of the rows).</summary>
internal sealed record ExchangeRateParseResult(IReadOnlyList<ExchangeRateRow> Rows, IReadOnlyList<CsvProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;
}

/// <summary>
/// Reads a file of exchange rates (docs/features/finance.md, "Exchange-rate CSV files"): UTF-8, commas and quotes, the
/// header <see cref="Header"/>. The values obey <see cref="ExchangeRate.Problems"/>, as a rate entered on the page does.
/// Pure: no database; rates already recorded are the use case's to compare.
/// </summary>
internal static class ExchangeRateCsv
{
    public const string Header = "currency,fund_currency,date,rate,source";
    public static readonly IReadOnlyList<string> Columns = Header.Split(',');
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 10_000;

    /// <summary>
    /// What is wrong with the file chosen (<paramref name="fileName"/> null when none was), before it is read: none chosen,
    /// empty, or too large.
    /// </summary>
    public static string? FileProblem(string? fileName, long length) =>
        fileName is null ? DomainText.Get("Finance.CsvChoose")
        : length == 0 ? DomainText.Get("Finance.CsvFileEmpty", fileName)
        : length > MaxBytes ? DomainText.Get("Finance.CsvFileTooLarge", fileName)
        : null;

    public static ExchangeRateParseResult Parse(ReadOnlySpan<byte> file, string fundCurrency)
    {
        if (file.Length > MaxBytes)
            return Failed(new CsvProblem(1, null, DomainText.Get("Finance.CsvTooLarge")));
        var (records, unreadable) = CsvFile.Read(file);
        if (unreadable.Count > 0) return Failed([.. unreadable]);
        if (records.Count == 0)
            return Failed(new CsvProblem(1, null, DomainText.Get("Finance.CsvEmpty", Header)));
        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        if (!header.SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
            return Failed(new CsvProblem(1, null,
                DomainText.Get("Finance.CsvHeader", Header, string.Join(',', records[0].Fields))));

        var lines = records.Skip(1).Where(r => r.Fields is not [""]).ToList(); // blank lines, such as the one after the last row
        if (lines.Count > MaxRows)
            return Failed(new CsvProblem(lines[MaxRows].Line, null,
                DomainText.Get("Finance.CsvTooManyRows", lines.Count, MaxRows)));

        var rows = new List<ExchangeRateRow>();
        var problems = new List<CsvProblem>();
        var firstLineOf = new Dictionary<(string, DateOnly), int>();
        foreach (var (line, fields) in lines)
        {
            if (fields.Count != Columns.Count)
            {
                problems.Add(new(line, null, DomainText.Get("Finance.CsvValueCount", fields.Count, Columns.Count)));
                continue;
            }
            var rowProblems = new List<CsvProblem>();
            void Problem(string column, string message) => rowProblems.Add(new(line, column, DomainText.Get("Csv.Column", column, message)));

            var currency = fields[0].Trim().ToUpperInvariant();
            var fund = fields[1].Trim().ToUpperInvariant();
            if (fund != fundCurrency)
                Problem("fund_currency", DomainText.Get("Finance.CsvNotFundCurrency", fields[1].Trim(), fundCurrency));

            var dateText = fields[2].Trim();
            var dateRead = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            if (!dateRead) Problem("date", DomainText.Get("Finance.CsvNotADate", dateText));

            var rateText = fields[3].Trim();
            var rateRead = decimal.TryParse(rateText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var rate);
            if (!rateRead)
                Problem("rate", rateText.Length == 0
                    ? (currency.Length == 0 ? DomainText.Get("Finance.CsvRateEmptyUnit", fundCurrency) : DomainText.Get("Finance.CsvRateEmpty", currency, fundCurrency))
                    : DomainText.Get("Finance.CsvRateNotNumber", rateText));

            // The entity's own rules for the values read; a date or rate that could not be read is reported once, above.
            foreach (var (field, message) in ExchangeRate.Problems(currency, fundCurrency, dateRead ? date : Bounds.EarliestDate,
                         rateRead ? rate : 1m, fields[4]))
                Problem(ColumnOf(field), message);

            if (dateRead && rowProblems.Count == 0)
            {
                if (firstLineOf.TryGetValue((currency, date), out var first))
                    Problem("date", DomainText.Get("Finance.CsvDuplicate", currency, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first));
                else firstLineOf[(currency, date)] = line;
            }

            if (rowProblems.Count > 0) problems.AddRange(rowProblems);
            else rows.Add(new ExchangeRateRow(line, currency, date, rate, fields[4].Trim()));
        }
        if (problems.Count == 0 && rows.Count == 0)
            problems.Add(new CsvProblem(1, null, DomainText.Get("Finance.CsvNoRate")));
        return problems.Count > 0 ? Failed([.. problems]) : new ExchangeRateParseResult(rows, []);
    }

    private static string ColumnOf(string field) => field switch
    {
        nameof(ExchangeRate.Currency) => "currency",
        nameof(ExchangeRate.Date) => "date",
        nameof(ExchangeRate.Rate) => "rate",
        _ => "source",
    };

    private static ExchangeRateParseResult Failed(params CsvProblem[] problems) => new([], problems);
}
