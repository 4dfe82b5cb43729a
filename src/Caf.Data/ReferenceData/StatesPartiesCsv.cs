using System.Globalization;
using Caf.Data.Entities;

namespace Caf.Data.ReferenceData;

/// <summary>One State Party as a line of the import file says it is.</summary>
internal sealed record StatePartyRow(int Line, string IsoCode, string NameEn, string NameFr, string NameEs, DateOnly? PartySince,
    Article5Status Article5Status, DateOnly? Article5Deadline, bool VictimAssistance, IReadOnlyList<int> Article7Years);

/// <summary>Either every row of a clean file, or every problem of a bad one (never some of the rows).</summary>
internal sealed record StatesPartiesParseResult(IReadOnlyList<StatePartyRow> Rows, IReadOnlyList<CsvProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;
}

/// <summary>
/// Reads the States Parties file of docs/decisions/0008: UTF-8, RFC 4180 commas and quotes, a fixed header.
/// Pure: no database, no clock (the current year is given).
/// </summary>
internal static class StatesPartiesCsv
{
    public const string Header = "iso3,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years";
    public static readonly IReadOnlyList<string> Columns = Header.Split(',');
    public const int MaxNameLength = 200;
    public const int FirstArticle7Year = 1999;

    public static StatesPartiesParseResult Parse(ReadOnlySpan<byte> file, int currentYear)
    {
        var (records, unreadable) = CsvFile.Read(file);
        if (unreadable.Count > 0) return Failed([.. unreadable]);
        if (records.Count == 0)
            return Failed(new CsvProblem(1, null, $"The file is empty. It needs the header line '{Header}' and one line per State Party."));
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(Columns))
        {
            var found = records.Count == 0 ? "nothing" : $"'{string.Join(',', records[0].Fields)}'";
            return Failed(new CsvProblem(1, null,
                $"The first line must be the header '{Header}' (these nine columns, in this order); found {found}.{HeaderDifference(records)}"));
        }

        var rows = new List<StatePartyRow>();
        var problems = new List<CsvProblem>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields is [""]) continue; // a blank line, such as the one after the last row
            if (fields.Count != Columns.Count)
            {
                problems.Add(new(line, null, $"has {fields.Count} values but the header has {Columns.Count}. " +
                                             "Put a comma between every column, and quotes around a name that contains a comma."));
                continue;
            }
            var rowProblems = new List<CsvProblem>();
            void Problem(string column, string message) => rowProblems.Add(new(line, column, $"{column}: {message}"));

            var iso = fields[0].Trim();
            if (iso.Length != 3 || !iso.All(c => c is >= 'A' and <= 'Z'))
                Problem("iso3", $"'{iso}' is not an ISO code. Give the three capital letters A–Z of ISO 3166-1 alpha-3, for example KHM.");
            else if (firstLineOf.TryGetValue(iso, out var first))
                Problem("iso3", $"{iso} is already on line {first}. Give each State Party once.");
            else firstLineOf[iso] = line;

            var names = new string[3];
            for (var i = 0; i < 3; i++)
            {
                names[i] = fields[1 + i].Trim();
                if (names[i].Length == 0) Problem(Columns[1 + i], "is empty. Give the state's name in this language.");
                else if (names[i].Length > MaxNameLength)
                    Problem(Columns[1 + i], $"is {names[i].Length} characters long; the most is {MaxNameLength}.");
            }

            var partySince = OptionalDate(fields[4], "party_since", Problem);

            Article5Status? status = fields[5].Trim() switch
            {
                "none" => Entities.Article5Status.None,
                "in-progress" => Entities.Article5Status.InProgress,
                "completed" => Entities.Article5Status.Completed,
                _ => null,
            };
            if (status is null) Problem("article5_status", $"'{fields[5].Trim()}' is not one of none, in-progress, completed.");

            var deadline = OptionalDate(fields[6], "article5_deadline", Problem);
            if (status == Entities.Article5Status.InProgress && fields[6].Trim().Length == 0)
                Problem("article5_deadline", "is empty, but article5_status is in-progress. Give the clearance deadline as yyyy-MM-dd.");

            bool? victimAssistance = fields[7].Trim() switch { "yes" => true, "no" => false, _ => null };
            if (victimAssistance is null) Problem("victim_assistance", $"'{fields[7].Trim()}' is neither yes nor no.");

            var years = new List<int>();
            var yearsText = fields[8].Trim();
            if (yearsText.Length > 0)
                foreach (var part in yearsText.Split(';'))
                {
                    var text = part.Trim();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text.Length != 4)
                        Problem("article7_years", $"'{text}' is not a year. Separate years with semicolons, for example 2022;2023;2024.");
                    else if (year < FirstArticle7Year || year > currentYear + 1)
                        Problem("article7_years", $"{year} is outside {FirstArticle7Year}–{currentYear + 1}.");
                    else if (years.Contains(year))
                        Problem("article7_years", $"{year} is listed twice.");
                    else years.Add(year);
                }

            if (rowProblems.Count > 0) problems.AddRange(rowProblems);
            else
                rows.Add(new StatePartyRow(line, iso, names[0], names[1], names[2], partySince, status!.Value, deadline,
                    victimAssistance!.Value, [.. years.Order()]));
        }
        if (problems.Count == 0 && rows.Count == 0)
            problems.Add(new CsvProblem(1, null, "The file has a header but no State Party. Add one line per State Party under the header."));
        return problems.Count > 0 ? Failed([.. problems]) : new StatesPartiesParseResult(rows, []);
    }

    private static StatesPartiesParseResult Failed(params CsvProblem[] problems) => new([], problems);

    private static DateOnly? OptionalDate(string field, string column, Action<string, string> problem)
    {
        var text = field.Trim();
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problem(column, $"'{text}' is not a date. Write it as yyyy-MM-dd, for example 1999-03-01.");
        return null;
    }

    private static string HeaderDifference(List<(int Line, List<string> Fields)> records)
    {
        if (records.Count == 0) return "";
        var found = records[0].Fields.Select(f => f.Trim()).ToList();
        var missing = Columns.Except(found).ToList();
        var extra = found.Except(Columns).ToList();
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing: {string.Join(", ", missing)}");
        if (extra.Count > 0) parts.Add($"not expected: {string.Join(", ", extra.Select(e => e.Length == 0 ? "(an empty column)" : e))}");
        if (parts.Count == 0) parts.Add("the columns are there but not in this order, or have spaces or capitals");
        return $" ({string.Join("; ", parts)})";
    }
}
