using System.Globalization;

namespace Caf.Data.Finance.Statements;

/// <summary>
/// Reads bank statement lines from a CSV file (docs/features/bank-statements.md, "CSV statements"), for a bank that
/// delivers no camt.053: UTF-8, commas and quotes (<see cref="CsvFile"/>), a header naming the columns of <see cref="Header"/>
/// in any order, one booked entry per line; lines of the same statement_id make one statement. All or nothing, every
/// problem by its line and column. Pure: no database.
/// </summary>
internal static class StatementCsvReader
{
    public const string Header = "statement_id,account,booking_date,value_date,amount,currency,direction,reference,remittance,counterparty";
    public static readonly IReadOnlyList<string> Columns = Header.Split(',');

    /// <summary>The columns a file must have; the others may be left out, and their values may be empty.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["statement_id", "booking_date", "amount", "currency", "direction"];

    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxStatementIdLength = 35;

    private const string DateFormat = "yyyy-MM-dd";

    public static StatementReadResult Read(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxBytes)
            return StatementReadResult.Refused(StatementProblem.AtLine(1, DomainText.Get("Statement.CsvTooLarge", MaxBytes / 1024 / 1024)));
        var (records, unreadable) = CsvFile.Read(file);
        if (unreadable.Count > 0) return StatementReadResult.Refused([.. unreadable.Select(p => StatementProblem.AtLine(p.Line, p.Message))]);
        if (records.Count == 0)
            return StatementReadResult.Refused(StatementProblem.AtLine(1, DomainText.Get("Statement.CsvEmpty", Header)));

        if (records[0].Fields is [var whole] && whole.Contains('\t'))
            return StatementReadResult.Refused(StatementProblem.AtLine(1, DomainText.Get("Statement.CsvTabs")));
        var (columnOf, headerProblems) = ReadHeader(records[0].Fields);
        if (headerProblems.Count > 0) return StatementReadResult.Refused(headerProblems);

        var problems = new List<StatementProblem>();
        var rows = new List<(string StatementId, string? Iban, string Currency, StatementLine Line)>();
        var firstOf = new Dictionary<string, (int Line, string? Iban, string Currency)>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields is [""]) continue; // a blank line, such as the one after the last row
            if (fields.Count != columnOf.Count)
            {
                problems.Add(StatementProblem.AtLine(line, DomainText.Get("Statement.CsvValueCount", fields.Count, columnOf.Count)));
                continue;
            }
            var rowProblems = new List<StatementProblem>();
            void Problem(string column, string message) => rowProblems.Add(StatementProblem.AtColumn(line, column, message));
            string Value(string column) => columnOf.TryGetValue(column, out var index) ? fields[index].Trim() : "";

            var statementId = Value("statement_id");
            if (statementId.Length == 0) Problem("statement_id", DomainText.Get("Statement.CsvNoId"));
            else if (statementId.Length > MaxStatementIdLength) Problem("statement_id", DomainText.Get("Statement.CsvIdTooLong", statementId, MaxStatementIdLength));

            var account = Value("account");
            var iban = account.Length == 0 ? null : Iban.Normalize(account);
            if (iban is not null && !Iban.IsValid(iban))
                Problem("account", DomainText.Get("Statement.CsvNotIban", account));

            var bookingDate = Date(Value("booking_date"), "booking_date", required: true, Problem);
            var valueDate = Date(Value("value_date"), "value_date", required: false, Problem) ?? bookingDate;

            var currency = Value("currency").ToUpperInvariant();
            var currencyRead = currency.Length == 3 && currency.All(char.IsAsciiLetterUpper);
            if (!currencyRead) Problem("currency", DomainText.Get("Statement.CsvNotCurrency", Value("currency")));
            else if (StatementAmount.CurrencyProblem(currency) is { } notTheFunds)
            {
                Problem("currency", notTheFunds);
                currencyRead = false;
            }

            var amountText = Value("amount");
            var number = StatementAmount.Number(amountText);
            if (number is null)
                Problem("amount", amountText.Length == 0 ? DomainText.Get("Statement.CsvNoAmount")
                    : StatementAmount.Suggestion(amountText, currencyRead ? currency : null) is { } suggestion ? DomainText.Get("Statement.CsvAmountSuggestion", amountText, suggestion)
                    : DomainText.Get("Statement.CsvNotAmount", amountText));
            else if (number < 0)
                Problem("amount", DomainText.Get("Statement.CsvSigned", amountText));
            else if (currencyRead && StatementAmount.Problem(new Money(number.Value, currency)) is { } wrong)
                Problem("amount", wrong);

            var direction = Value("direction").ToUpperInvariant() switch
            {
                "CRDT" or "CREDIT" => EntryDirection.Credit,
                "DBIT" or "DEBIT" => (EntryDirection?)EntryDirection.Debit,
                _ => null,
            };
            if (direction is null) Problem("direction", DomainText.Get("Statement.CsvNotDirection", Value("direction")));

            if (rowProblems.Count == 0 && firstOf.TryGetValue(statementId, out var first))
            {
                if (first.Currency != currency)
                    Problem("currency", DomainText.Get("Statement.CsvMixedCurrency", statementId, first.Currency, first.Line));
                if (first.Iban != iban)
                    Problem("account", first.Iban is null ? DomainText.Get("Statement.CsvMixedNoAccount", statementId, first.Line) : DomainText.Get("Statement.CsvMixedAccount", statementId, first.Iban, first.Line));
            }
            else if (rowProblems.Count == 0) firstOf[statementId] = (line, iban, currency);

            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems);
                continue;
            }
            rows.Add((statementId, iban, currency, new StatementLine(line, StatementLine.Clean(Value("reference"), StatementLine.MaxReferenceLength),
                new Money(number!.Value, currency), direction!.Value, bookingDate!.Value, valueDate!.Value,
                StatementLine.Clean(Value("remittance"), StatementLine.MaxTextLength), null,
                StatementLine.Clean(Value("counterparty"), StatementLine.MaxIdLength))));
        }
        if (problems.Count == 0 && rows.Count == 0)
            problems.Add(StatementProblem.AtLine(1, DomainText.Get("Statement.CsvNoEntry")));
        if (problems.Count > 0) return StatementReadResult.Refused(problems);

        return new StatementReadResult(
            [.. rows.GroupBy(r => r.StatementId, StringComparer.Ordinal).Select(s => new BankStatement(s.Key, s.First().Iban, s.First().Currency,
                null, null, null, [.. s.Select(r => r.Line)], 0))],
            []);
    }

    /// <summary>Where each column is, by its name (capitals allowed); every unknown, repeated and missing column is a problem.</summary>
    private static (Dictionary<string, int> ColumnOf, List<StatementProblem> Problems) ReadHeader(List<string> names)
    {
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<StatementProblem>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
                problems.Add(StatementProblem.AtColumn(1, names[i].Trim(), DomainText.Get("Statement.CsvUnknownColumn", Header)));
            else if (!columnOf.TryAdd(name, i))
                problems.Add(StatementProblem.AtColumn(1, name, DomainText.Get("Statement.CsvColumnTwice", columnOf[name] + 1, i + 1)));
        }
        foreach (var missing in RequiredColumns.Where(c => !columnOf.ContainsKey(c)))
            problems.Add(StatementProblem.AtColumn(1, missing, DomainText.Get("Statement.CsvColumnMissing", string.Join(',', RequiredColumns))));
        return (columnOf, problems);
    }

    private static DateOnly? Date(string text, string column, bool required, Action<string, string> problem)
    {
        if (text.Length == 0)
        {
            if (required) problem(column, DomainText.Get("Statement.CsvNoDate"));
            return null;
        }
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem(column, DomainText.Get("Finance.CsvNotADate", text));
            return null;
        }
        if (Bounds.Date(DomainText.Get("Statement.TheDate"), date) is { } outOfRange) problem(column, outOfRange);
        return date;
    }
}
