using System.Globalization;
using Caf.Data.Entities;
using Caf.Data.Reporting;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caf.Web.Features.Reporting;

/// <summary>
/// The narrative part of a report as typed on its form (issue 14): the texts, what was achieved on each indicator of the
/// proposal (in the proposal's order) and who took part, each count as typed so that "twelve" is said at its cell and
/// stays there. <see cref="Read"/> makes the <see cref="ReportNarrative"/> the domain checks.
/// </summary>
public sealed class NarrativeInput
{
    public string? Activities { get; set; }
    public List<string?> Achieved { get; set; } = [];
    /// <summary>The women who took part, by age band; a row of its own, so that no row is lost to a gap in a list.</summary>
    public PeopleInput Women { get; set; } = new();
    public PeopleInput Men { get; set; } = new();

    /// <summary>The rows in <see cref="ReportNarrative.Sexes"/> order.</summary>
    private PeopleInput Row(int row) => row == 0 ? Women : Men;

    /// <summary>The form's name of a row: Women, Men.</summary>
    public static string RowName(int row) => row == 0 ? nameof(Women) : nameof(Men);
    public string? Lessons { get; set; }
    public string? FollowUp { get; set; }

    public sealed class PeopleInput
    {
        public string? Under25 { get; set; }
        public string? From25To39 { get; set; }
        public string? From40To59 { get; set; }
        public string? SixtyAndOver { get; set; }
        public string? AgeNotStated { get; set; }
        public string? WithDisability { get; set; }
    }

    /// <summary>The form's key of each field the domain names ("Results[2]" is the third indicator's answer).</summary>
    public static string KeyOf(string field) => field switch
    {
        _ when field.StartsWith("Results[", StringComparison.Ordinal) => $"Narrative.Achieved{field["Results".Length..]}",
        "Results" => "Narrative.Achieved",
        "Participants[0]" => $"Narrative.{nameof(Women)}",
        "Participants[1]" => $"Narrative.{nameof(Men)}",
        _ when field.StartsWith("Participants", StringComparison.Ordinal) => "Narrative.People",
        _ => $"Narrative.{field}",
    };

    /// <summary>The age bands' columns, in the table's order, each with how a person reads it.</summary>
    public static IReadOnlyList<(string Name, string Label)> Columns =>
    [
        (nameof(PeopleInput.Under25), InterfaceLanguage.Text("Report.AgeUnder25")), (nameof(PeopleInput.From25To39), InterfaceLanguage.Text("Report.Age25To39")),
        (nameof(PeopleInput.From40To59), InterfaceLanguage.Text("Report.Age40To59")), (nameof(PeopleInput.SixtyAndOver), InterfaceLanguage.Text("Report.Age60AndOver")),
        (nameof(PeopleInput.AgeNotStated), InterfaceLanguage.Text("Report.AgeNotStated")), (nameof(PeopleInput.WithDisability), InterfaceLanguage.Text("Report.WithDisability")),
    ];

    /// <summary>A row's people in the page's language: Women, Men.</summary>
    public static string Who(int row) => InterfaceLanguage.Text(row == 0 ? "Report.Women" : "Report.Men");

    /// <summary>How a person reads one cell: "Women under 25".</summary>
    public static string CellLabel(int row, string label) => InterfaceLanguage.Format("Report.Cell", Who(row), label);

    /// <summary>
    /// The narrative this form holds for a proposal with <paramref name="indicators"/>; a count that is not a whole number
    /// is said at its cell (<paramref name="prefix"/> "Input.Narrative") and counts as 0.
    /// </summary>
    public ReportNarrative Read(IReadOnlyList<ResultIndicator> indicators, ModelStateDictionary state, string prefix)
    {
        var ordered = indicators.OrderBy(i => i.Position).ToList();
        if (Achieved.Count > ordered.Count)
            state.AddModelError($"{prefix}.Achieved",
                InterfaceLanguage.Format(ordered.Count == 1 ? "Report.TooManyAnswers1" : "Report.TooManyAnswers", ordered.Count, Achieved.Count));
        var results = ordered.Select((indicator, i) => new IndicatorResult(indicator.Id, indicator.Indicator.Length > 0 ? indicator.Indicator : indicator.Result,
            indicator.Target, (i < Achieved.Count ? Achieved[i] : null)?.Trim() ?? "")).ToList();
        var rows = new List<ParticipantRow>();
        for (var r = 0; r < ReportNarrative.Sexes.Count; r++)
        {
            var typed = Row(r);
            int Count(string column, string? text, bool optional = false)
            {
                if (string.IsNullOrWhiteSpace(text)) return 0;
                var trimmed = text.Trim();
                if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
                // Only digits, but too many: a number out of range, which the narrative's own rule says.
                if (trimmed.TrimStart('-').Length > 0 && trimmed.TrimStart('-').All(char.IsAsciiDigit)) return int.MaxValue;
                var label = Columns.First(c => c.Name == column).Label;
                state.AddModelError($"{prefix}.{RowName(r)}.{column}",
                    InterfaceLanguage.Format(optional ? "Report.NotWholeNumberOptional" : "Report.NotWholeNumber", Who(r), label, Shorten(text.Trim())));
                return 0;
            }
            rows.Add(new ParticipantRow(ReportNarrative.Sexes[r], Count(nameof(PeopleInput.Under25), typed.Under25), Count(nameof(PeopleInput.From25To39), typed.From25To39),
                Count(nameof(PeopleInput.From40To59), typed.From40To59), Count(nameof(PeopleInput.SixtyAndOver), typed.SixtyAndOver),
                Count(nameof(PeopleInput.AgeNotStated), typed.AgeNotStated),
                string.IsNullOrWhiteSpace(typed.WithDisability) ? null : Count(nameof(PeopleInput.WithDisability), typed.WithDisability, optional: true)));
        }
        return new ReportNarrative(Activities?.Trim() ?? "", results, rows, Lessons?.Trim() ?? "", FollowUp?.Trim() ?? "");
    }

    /// <summary>The form filled with a narrative saved or sent before, answers matched to the proposal's indicators.</summary>
    public static NarrativeInput From(ReportNarrative narrative, IReadOnlyList<ResultIndicator> indicators)
    {
        return new NarrativeInput
        {
            Activities = narrative.Activities,
            Achieved = [.. indicators.OrderBy(i => i.Position).Select(i => narrative.Results.FirstOrDefault(r => r.IndicatorId == i.Id)?.Achieved)],
            Women = PeopleOf(narrative, Sex.Female),
            Men = PeopleOf(narrative, Sex.Male),
            Lessons = narrative.Lessons,
            FollowUp = narrative.FollowUp,
        };
    }

    private static PeopleInput PeopleOf(ReportNarrative narrative, Sex sex)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        return narrative.Participants.FirstOrDefault(p => p.Sex == sex) is { } p
            ? new PeopleInput { Under25 = N(p.Under25), From25To39 = N(p.From25To39), From40To59 = N(p.From40To59), SixtyAndOver = N(p.SixtyAndOver),
                AgeNotStated = N(p.AgeNotStated), WithDisability = p.WithDisability is { } d ? N(d) : null }
            : new PeopleInput();
    }

    /// <summary>A count as typed in the participants table.</summary>
    public string? Cell(int row, string column) => column switch
    {
        nameof(PeopleInput.Under25) => Row(row).Under25,
        nameof(PeopleInput.From25To39) => Row(row).From25To39,
        nameof(PeopleInput.From40To59) => Row(row).From40To59,
        nameof(PeopleInput.SixtyAndOver) => Row(row).SixtyAndOver,
        nameof(PeopleInput.AgeNotStated) => Row(row).AgeNotStated,
        _ => Row(row).WithDisability,
    };

    private static string Shorten(string text) => text.Length <= 20 ? text : string.Concat(text.AsSpan(0, 19), "…");
}

/// <summary>What the narrative's fields need to show: the form as typed and the proposal's indicators, in order.</summary>
public sealed record NarrativeFields(NarrativeInput Input, IReadOnlyList<ResultIndicator> Indicators);
