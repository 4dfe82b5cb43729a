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
            return StatementReadResult.Refused(StatementProblem.AtLine(1, $"The file is larger than {MaxBytes / 1024 / 1024} MB. Split it into smaller files, a statement or a month each, and import each."));
        var (records, unreadable) = CsvFile.Read(file);
        if (unreadable.Count > 0) return StatementReadResult.Refused([.. unreadable.Select(p => StatementProblem.AtLine(p.Line, p.Message))]);
        if (records.Count == 0)
            return StatementReadResult.Refused(StatementProblem.AtLine(1, $"The file is empty. It needs the header line '{Header}' and one line per booked entry."));

        if (records[0].Fields is [var whole] && whole.Contains('\t'))
            return StatementReadResult.Refused(StatementProblem.AtLine(1, "The values are separated by tabs, not commas (Excel's \"Unicode Text\"). " +
                                                                           "Save the file as \"CSV UTF-8 (comma delimited)\" and import it again."));
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
                problems.Add(StatementProblem.AtLine(line, $"has {fields.Count} values but the header has {columnOf.Count}. Put a comma only between columns: " +
                                                           "write amounts with a decimal point (1500.00, not 1,500.00) and put quotes around a text that contains a comma."));
                continue;
            }
            var rowProblems = new List<StatementProblem>();
            void Problem(string column, string message) => rowProblems.Add(StatementProblem.AtColumn(line, column, message));
            string Value(string column) => columnOf.TryGetValue(column, out var index) ? fields[index].Trim() : "";

            var statementId = Value("statement_id");
            if (statementId.Length == 0) Problem("statement_id", "is empty. Give the statement's id, the same on every line of one statement, such as 2026-03-CHF.");
            else if (statementId.Length > MaxStatementIdLength) Problem("statement_id", $"'{statementId}' is longer than {MaxStatementIdLength} characters.");

            var account = Value("account");
            var iban = account.Length == 0 ? null : Iban.Normalize(account);
            if (iban is not null && !Iban.IsValid(iban))
                Problem("account", $"'{account}' is not an IBAN: check it against the bank's statement, such as CH93 0076 2011 6238 5295 7.");

            var bookingDate = Date(Value("booking_date"), "booking_date", required: true, Problem);
            var valueDate = Date(Value("value_date"), "value_date", required: false, Problem) ?? bookingDate;

            var currency = Value("currency").ToUpperInvariant();
            var currencyRead = currency.Length == 3 && currency.All(char.IsAsciiLetterUpper);
            if (!currencyRead) Problem("currency", $"'{Value("currency")}' is not a currency code. Give its three letters, such as CHF, USD or EUR.");
            else if (StatementAmount.CurrencyProblem(currency) is { } notTheFunds)
            {
                Problem("currency", notTheFunds);
                currencyRead = false;
            }

            var amountText = Value("amount");
            var number = StatementAmount.Number(amountText);
            if (number is null)
                Problem("amount", amountText.Length == 0 ? "is empty. Give the amount, such as 1500.00."
                    : StatementAmount.Suggestion(amountText, currencyRead ? currency : null) is { } suggestion ? $"'{amountText}' is not an amount: write {suggestion}"
                    : $"'{amountText}' is not an amount: write it with a decimal point and no thousands separator, such as 1500.00.");
            else if (number < 0)
                Problem("amount", $"'{amountText}' has a sign: write the amount without one, and say in the direction column whether it is a credit or a debit.");
            else if (currencyRead && StatementAmount.Problem(new Money(number.Value, currency)) is { } wrong)
                Problem("amount", wrong);

            var direction = Value("direction").ToUpperInvariant() switch
            {
                "CRDT" or "CREDIT" => EntryDirection.Credit,
                "DBIT" or "DEBIT" => (EntryDirection?)EntryDirection.Debit,
                _ => null,
            };
            if (direction is null) Problem("direction", $"'{Value("direction")}' is not a direction. Write credit (money in) or debit (money out); CRDT and DBIT are read too.");

            if (rowProblems.Count == 0 && firstOf.TryGetValue(statementId, out var first))
            {
                if (first.Currency != currency)
                    Problem("currency", $"statement {statementId} is in {first.Currency} on line {first.Line}. Give one currency for all lines of a statement.");
                if (first.Iban != iban)
                    Problem("account", $"statement {statementId} is of account {first.Iban ?? "(none)"} on line {first.Line}. Give one account for all lines of a statement.");
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
            problems.Add(StatementProblem.AtLine(1, "The file has a header but no entry. Add one line per booked entry under the header."));
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
                problems.Add(StatementProblem.AtColumn(1, names[i].Trim(), $"is not a column of a statement file. The columns are {Header}; remove it or correct its name."));
            else if (!columnOf.TryAdd(name, i))
                problems.Add(StatementProblem.AtColumn(1, name, $"is in the header twice, as columns {columnOf[name] + 1} and {i + 1}. Give each column once."));
        }
        foreach (var missing in RequiredColumns.Where(c => !columnOf.ContainsKey(c)))
            problems.Add(StatementProblem.AtColumn(1, missing, $"is missing from the header line. A statement file has at least the columns {string.Join(',', RequiredColumns)}."));
        return (columnOf, problems);
    }

    private static DateOnly? Date(string text, string column, bool required, Action<string, string> problem)
    {
        if (text.Length == 0)
        {
            if (required) problem(column, "is empty. Give the date as YYYY-MM-DD, such as 2026-03-04.");
            return null;
        }
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem(column, $"'{text}' is not a date. Write it as YYYY-MM-DD, such as 2026-03-04.");
            return null;
        }
        if (Bounds.Date("The date", date) is { } outOfRange) problem(column, outOfRange);
        return date;
    }
}
