using System.Globalization;
using System.Text;
using System.Text.Json;
using Caf.Data.Entities;

namespace Caf.Data.Reporting;

/// <summary>What was achieved on one result indicator of the proposal: its target as approved, and what was achieved.</summary>
public sealed record IndicatorResult(Guid IndicatorId, string Indicator, string Target, string Achieved);

/// <summary>How many people of one sex took part, by age band, and how many of them have a disability (when it was asked).</summary>
public sealed record ParticipantRow(Sex Sex, int Under25, int From25To39, int From40To59, int SixtyAndOver, int AgeNotStated, int? WithDisability)
{
    /// <summary>Summed as a long: counts out of range are refused by their own rule, never by an overflow.</summary>
    public long Total => (long)Under25 + From25To39 + From40To59 + SixtyAndOver + AgeNotStated;
}

/// <summary>
/// The narrative part of a report, typed on a form rather than uploaded (issue 14): what was carried out, what was
/// achieved against each indicator of the proposal, who actually took part (by sex and age band, disability where
/// given), the lessons and the follow-up. Kept with the report as written (JSON), so that versions can be compared.
/// </summary>
public sealed record ReportNarrative(string Activities, IReadOnlyList<IndicatorResult> Results, IReadOnlyList<ParticipantRow> Participants,
    string Lessons, string FollowUp)
{
    public const int MaxTextLength = 8000;
    public const int MaxAchievedLength = 1000;
    public const int MaxPeople = 10_000;

    /// <summary>The sexes the participants table asks about, in its order.</summary>
    public static readonly IReadOnlyList<Sex> Sexes = [Sex.Female, Sex.Male];

    public static ReportNarrative Empty => new("", [], [], "", "");

    public long ParticipantTotal => Participants.Sum(p => p.Total);

    /// <summary>
    /// Every rule a narrative being sent breaks, each with its field (Activities, Results[i], Participants[i],
    /// Participants, Lessons, FollowUp) and said in words: every indicator of the proposal answered, at least one participant.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<ResultIndicator> indicators)
    {
        foreach (var problem in DraftProblems()) yield return problem;
        if (string.IsNullOrWhiteSpace(Activities)) yield return (nameof(Activities), DomainText.Get("Reporting.NeedActivities"));
        var ordered = indicators.OrderBy(i => i.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
            if (Results.FirstOrDefault(r => r.IndicatorId == ordered[i].Id) is not { Achieved: { } achieved } || string.IsNullOrWhiteSpace(achieved))
                yield return ($"Results[{i}]", DomainText.Get("Reporting.NeedAchieved", Short(ordered[i].Indicator.Length > 0 ? ordered[i].Indicator : ordered[i].Result), Short(ordered[i].Target)));
        if (Results.Any(r => ordered.All(i => i.Id != r.IndicatorId)))
            yield return ("Results", DomainText.Get("Reporting.OnlyOurIndicators"));
        if (ParticipantTotal == 0) yield return ("Participants", DomainText.Get("Reporting.NeedParticipants"));
        if (string.IsNullOrWhiteSpace(Lessons)) yield return (nameof(Lessons), DomainText.Get("Reporting.NeedLessons"));
        if (string.IsNullOrWhiteSpace(FollowUp)) yield return (nameof(FollowUp), DomainText.Get("Reporting.NeedFollowUp"));
    }

    /// <summary>What even a draft may not hold: text too long to store, counts out of range.</summary>
    public IEnumerable<(string Field, string Message)> DraftProblems()
    {
        foreach (var (field, label, text) in new[] { (nameof(Activities), "Reporting.LabelActivities", Activities),
                     (nameof(Lessons), "Reporting.LabelLessons", Lessons), (nameof(FollowUp), "Reporting.LabelFollowUp", FollowUp) })
            if (text.Length > MaxTextLength) yield return (field, DomainText.Get("Reporting.KeepUnder", DomainText.Get(label), MaxTextLength));
        for (var i = 0; i < Results.Count; i++)
            if (Results[i].Achieved.Length > MaxAchievedLength)
                yield return ($"Results[{i}]", DomainText.Get("Reporting.AchievedTooLong", Short(Results[i].Indicator), MaxAchievedLength));
        for (var i = 0; i < Participants.Count; i++)
        {
            var row = Participants[i];
            var who = DomainText.Get(row.Sex == Sex.Female ? "Reporting.Women" : "Reporting.Men");
            if (new[] { row.Under25, row.From25To39, row.From40To59, row.SixtyAndOver, row.AgeNotStated, row.WithDisability ?? 0 }.Any(n => n is < 0 or > MaxPeople))
                yield return ($"Participants[{i}]", DomainText.Get("Reporting.PeopleRange", who, MaxPeople));
            else if (row.WithDisability > row.Total)
                yield return ($"Participants[{i}]", DomainText.Get("Reporting.MoreWithDisability", who, row.WithDisability, row.Total));
        }
    }

    /// <summary>
    /// What changed from <paramref name="previous"/> to this narrative, part by part: the texts, each indicator's
    /// achievement and each row of participants, as the ISU reads a revised version.
    /// </summary>
    public IReadOnlyList<(string What, string Before, string After)> ChangesSince(ReportNarrative previous)
    {
        var changes = new List<(string, string, string)>();
        void Text(string what, string before, string after) { if (before != after) changes.Add((what, before, after)); }
        Text(DomainText.Get("Reporting.ChangeActivities"), previous.Activities, Activities);
        foreach (var result in Results)
            Text(DomainText.Get("Reporting.ChangeAchieved", result.Indicator), previous.Results.FirstOrDefault(r => r.IndicatorId == result.IndicatorId)?.Achieved ?? "", result.Achieved);
        foreach (var sex in Sexes)
            Text(DomainText.Get(sex == Sex.Female ? "Reporting.ChangeWomen" : "Reporting.ChangeMen"), Shown(previous.Participants.FirstOrDefault(p => p.Sex == sex)),
                Shown(Participants.FirstOrDefault(p => p.Sex == sex)));
        Text(DomainText.Get("Reporting.ChangeLessons"), previous.Lessons, Lessons);
        Text(DomainText.Get("Reporting.ChangeFollowUp"), previous.FollowUp, FollowUp);
        return changes;
    }

    /// <summary>One row of participants in words in the reader's language, as a revised version's changes show it.</summary>
    private static string Shown(ParticipantRow? row) =>
        row is null ? ""
        : row.WithDisability is { } d
            ? DomainText.Get("Reporting.RowWithDisability", row.Total, row.Under25, row.From25To39, row.From40To59, row.SixtyAndOver, row.AgeNotStated, d)
            : DomainText.Get("Reporting.Row", row.Total, row.Under25, row.From25To39, row.From40To59, row.SixtyAndOver, row.AgeNotStated);

    /// <summary>One row of participants in words, in English as the narrative's own text file keeps it: "12 (under 25: 3, 25–39: 5, 40–59: 4; with a disability: 1)".</summary>
    public static string Describe(ParticipantRow? row)
    {
        if (row is null) return "";
        var c = CultureInfo.InvariantCulture;
        var text = string.Create(c, $"{row.Total} (under 25: {row.Under25}, 25–39: {row.From25To39}, 40–59: {row.From40To59}, 60 and over: {row.SixtyAndOver}, age not stated: {row.AgeNotStated}");
        return text + (row.WithDisability is { } d ? string.Create(c, $"; with a disability: {d})") : ")");
    }

    /// <summary>The narrative as a plain-text document: the copy kept as the report's file when nothing else was attached.</summary>
    public string AsText(string title)
    {
        var s = new StringBuilder();
        s.AppendLine(title).AppendLine();
        s.AppendLine("Activities carried out").AppendLine(Activities).AppendLine();
        s.AppendLine("Results against the indicators");
        foreach (var r in Results) s.AppendLine(CultureInfo.InvariantCulture, $"- {r.Indicator} (target: {r.Target}): {r.Achieved}");
        s.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Participants: {ParticipantTotal}");
        foreach (var row in Participants) s.AppendLine(CultureInfo.InvariantCulture, $"- {(row.Sex == Sex.Female ? "Women" : "Men")}: {Describe(row)}");
        s.AppendLine().AppendLine("Lessons learnt").AppendLine(Lessons).AppendLine();
        s.AppendLine("Follow-up").AppendLine(FollowUp);
        return s.ToString();
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The narrative stored as JSON; an empty one for a report sent before narratives were forms.</summary>
    public static ReportNarrative FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? Empty : JsonSerializer.Deserialize<ReportNarrative>(json, Json) ?? Empty;

    private static string Short(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");
}
