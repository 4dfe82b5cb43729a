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
            return Failed(new CsvProblem(1, null, DomainText.Get("StatesCsv.Empty", Header)));
        if (!records[0].Fields.SequenceEqual(Columns))
            return Failed(new CsvProblem(1, null,
                DomainText.Get("StatesCsv.Header", Header, string.Join(',', records[0].Fields), HeaderDifference(records[0].Fields))));

        var rows = new List<StatePartyRow>();
        var problems = new List<CsvProblem>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields is [""]) continue; // a blank line, such as the one after the last row
            if (fields.Count != Columns.Count)
            {
                problems.Add(new(line, null, DomainText.Get("StatesCsv.ValueCount", fields.Count, Columns.Count)));
                continue;
            }
            var rowProblems = new List<CsvProblem>();
            void Problem(string column, string message) => rowProblems.Add(new(line, column, DomainText.Get("Csv.Column", column, message)));

            var iso = fields[0].Trim();
            if (iso.Length != 3 || !iso.All(c => c is >= 'A' and <= 'Z'))
                Problem("iso3", DomainText.Get("StatesCsv.NotIso", iso));
            else if (firstLineOf.TryGetValue(iso, out var first))
                Problem("iso3", DomainText.Get("StatesCsv.Twice", iso, first));
            else firstLineOf[iso] = line;

            var names = new string[3];
            for (var i = 0; i < 3; i++)
            {
                names[i] = fields[1 + i].Trim();
                if (names[i].Length == 0) Problem(Columns[1 + i], DomainText.Get("StatesCsv.NameEmpty"));
                else if (names[i].Length > MaxNameLength)
                    Problem(Columns[1 + i], DomainText.Get("StatesCsv.NameTooLong", names[i].Length, MaxNameLength));
            }

            var partySince = OptionalDate(fields[4], "party_since", Problem);

            Article5Status? status = fields[5].Trim() switch
            {
                "none" => Entities.Article5Status.None,
                "in-progress" => Entities.Article5Status.InProgress,
                "completed" => Entities.Article5Status.Completed,
                _ => null,
            };
            if (status is null) Problem("article5_status", DomainText.Get("StatesCsv.NotStatus", fields[5].Trim()));

            var deadline = OptionalDate(fields[6], "article5_deadline", Problem);
            if (status == Entities.Article5Status.InProgress && fields[6].Trim().Length == 0)
                Problem("article5_deadline", DomainText.Get("StatesCsv.NoDeadline"));

            bool? victimAssistance = fields[7].Trim() switch { "yes" => true, "no" => false, _ => null };
            if (victimAssistance is null) Problem("victim_assistance", DomainText.Get("StatesCsv.YesNo", fields[7].Trim()));

            var years = new List<int>();
            var yearsText = fields[8].Trim();
            if (yearsText.Length > 0)
                foreach (var part in yearsText.Split(';'))
                {
                    var text = part.Trim();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text.Length != 4)
                        Problem("article7_years", DomainText.Get("StatesCsv.NotYear", text));
                    else if (year < FirstArticle7Year || year > currentYear + 1)
                        Problem("article7_years", DomainText.Get("StatesCsv.YearOutside", year, FirstArticle7Year, currentYear + 1));
                    else if (years.Contains(year))
                        Problem("article7_years", DomainText.Get("StatesCsv.YearTwice", year));
                    else years.Add(year);
                }

            if (rowProblems.Count > 0) problems.AddRange(rowProblems);
            else
                rows.Add(new StatePartyRow(line, iso, names[0], names[1], names[2], partySince, status!.Value, deadline,
                    victimAssistance!.Value, [.. years.Order()]));
        }
        if (problems.Count == 0 && rows.Count == 0)
            problems.Add(new CsvProblem(1, null, DomainText.Get("StatesCsv.NoState")));
        return problems.Count > 0 ? Failed([.. problems]) : new StatesPartiesParseResult(rows, []);
    }

    private static StatesPartiesParseResult Failed(params CsvProblem[] problems) => new([], problems);

    private static DateOnly? OptionalDate(string field, string column, Action<string, string> problem)
    {
        var text = field.Trim();
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problem(column, DomainText.Get("StatesCsv.NotDate", text));
        return null;
    }

    /// <summary>How the header found differs from the expected one: the columns missing, those not expected, or their order.</summary>
    private static string HeaderDifference(List<string> header)
    {
        var found = header.Select(f => f.Trim()).ToList();
        var missing = Columns.Except(found).ToList();
        var extra = found.Except(Columns).Select(e => e.Length == 0 ? DomainText.Get("StatesCsv.EmptyColumn") : e).ToList();
        var missingText = DomainText.Get("StatesCsv.Missing", string.Join(", ", missing));
        var extraText = DomainText.Get("StatesCsv.NotExpected", string.Join(", ", extra));
        return (missing.Count, extra.Count) switch
        {
            ( > 0, > 0) => DomainText.Get("StatesCsv.MissingAndNotExpected", missingText, extraText),
            ( > 0, _) => missingText,
            (_, > 0) => extraText,
            _ => DomainText.Get("StatesCsv.Order"),
        };
    }
}
