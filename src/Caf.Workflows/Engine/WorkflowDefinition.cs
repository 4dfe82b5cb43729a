using System.Text.Json.Serialization;

namespace Caf.Workflows.Engine;

/// <summary>A workflow as declared in workflows/*.json: stages, and who may move a subject between them under which guards.</summary>
public sealed record WorkflowDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("version")] public int Version { get; init; }
    [JsonPropertyName("title")] public string Title { get; init; } = "";
    [JsonPropertyName("initialStage")] public string InitialStage { get; init; } = "";
    [JsonPropertyName("stages")] public IReadOnlyList<StageDefinition> Stages { get; init; } = [];
    [JsonPropertyName("transitions")] public IReadOnlyList<TransitionDefinition> Transitions { get; init; } = [];
    [JsonPropertyName("timers")] public IReadOnlyList<TimerDefinition> Timers { get; init; } = [];
    [JsonPropertyName("tasks")] public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];

    public StageDefinition Stage(string id) =>
        Stages.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"Workflow '{Id}' has no stage '{id}'.");

    /// <summary>The title of task <paramref name="taskId"/> in the current UI language; <paramref name="recorded"/> (the English one the task was opened with) if this version has no such task.</summary>
    public string TaskTitle(string taskId, string recorded) => Tasks.FirstOrDefault(t => t.Id == taskId)?.Title.Current ?? recorded;

    /// <summary>
    /// The one place a stage id becomes the name a person reads: its label, or for an applicant its applicant label
    /// ("Under review") where it has one; the id itself when this version has no such stage. Pages ask through
    /// Caf.Web's StageLabels, which knows who is reading.
    /// </summary>
    /// <param name="language">The reader's language (en, fr, es): pages pass the interface's; files, messages and logs keep English.</param>
    public string StageLabel(string id, bool forApplicant = false, string language = "en") =>
        Stages.FirstOrDefault(s => s.Id == id) is { } stage ? (forApplicant ? stage.ApplicantLabel ?? stage.Label : stage.Label).For(language) : id;

    public IEnumerable<TransitionDefinition> TransitionsFrom(string stage) => Transitions.Where(t => t.From.Contains(stage));
}

public sealed record StageDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("label")] public LocalizedText Label { get; init; } = new();
    /// <summary>What applicants see instead of the internal stage name, e.g. "Under review"; the label when absent.</summary>
    [JsonPropertyName("applicantLabel")] public LocalizedText? ApplicantLabel { get; init; }
    [JsonPropertyName("terminal")] public bool Terminal { get; init; }
}

/// <summary>
/// A timer attached to a stage: when it comes due while the instance is still in that stage (at the same point of its
/// history), it fires a trigger or runs an action.
/// </summary>
public sealed record TimerDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("stage")] public string Stage { get; init; } = "";
    [JsonPropertyName("schedule")] public ScheduleDefinition Schedule { get; init; } = new();
    [JsonPropertyName("trigger")] public string? Trigger { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
}

/// <summary>A human task: in this stage, this role is expected to act, by the due date when there is one.</summary>
public sealed record TaskDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("stage")] public string Stage { get; init; } = "";
    [JsonPropertyName("role")] public string Role { get; init; } = "";
    [JsonPropertyName("title")] public LocalizedText Title { get; init; } = new();
    [JsonPropertyName("due")] public ScheduleDefinition? Due { get; init; }
}

/// <summary>
/// When something falls due: <see cref="After"/> an ISO 8601 duration from entering the stage (P14D), or
/// <see cref="Offset"/> (may be negative, -P14D) from a named date <see cref="Field"/> of the subject.
/// </summary>
public sealed record ScheduleDefinition
{
    [JsonPropertyName("after")] public string? After { get; init; }
    [JsonPropertyName("field")] public string? Field { get; init; }
    [JsonPropertyName("offset")] public string? Offset { get; init; }

    /// <summary>The due time, or null when it depends on a date the subject does not have yet.</summary>
    public DateTime? DueAt(DateTime stageEnteredAtUtc, Func<string, DateTime?> dateField)
    {
        if (After is { } after) return stageEnteredAtUtc + Durations.Parse(after);
        if (Field is { } field && dateField(field) is { } date) return Offset is null ? date : Shift(date, Durations.Parse(Offset));
        return null;
    }

    /// <summary>
    /// A date moved by an offset. Whole days are counted on the fund's calendar (Geneva), so that "14 days before" a due
    /// time of 23:59 there is 23:59 there too, summer time or not; anything finer is counted in elapsed time.
    /// </summary>
    public static DateTime Shift(DateTime utc, TimeSpan offset)
    {
        if (offset.Ticks % TimeSpan.TicksPerDay != 0) return utc + offset;
        var local = Caf.Data.FundTime.FromUtc(utc).AddDays(offset.Days);
        // A wall-clock time that does not exist on the new day (the hour skipped in spring) is taken an hour later.
        return Caf.Data.FundTime.ToUtc(local) ?? Caf.Data.FundTime.ToUtc(local.AddHours(1)) ?? utc + offset;
    }
}

public static class Durations
{
    /// <summary>Parses an ISO 8601 duration such as P14D, -P3D or PT12H.</summary>
    public static TimeSpan Parse(string iso) => System.Xml.XmlConvert.ToTimeSpan(iso);

    public static bool TryParse(string? iso, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(iso)) return false;
        try
        {
            value = Parse(iso);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return false;
        }
    }
}

public sealed record TransitionDefinition
{
    [JsonPropertyName("trigger")] public string Trigger { get; init; } = "";
    [JsonPropertyName("label")] public LocalizedText Label { get; init; } = new();
    [JsonPropertyName("from")] public IReadOnlyList<string> From { get; init; } = [];
    [JsonPropertyName("to")] public string To { get; init; } = "";
    /// <summary>The page that collects what this transition needs; without one, the transition is a button with a comment.</summary>
    [JsonPropertyName("form")] public string? Form { get; init; }
    [JsonPropertyName("roles")] public IReadOnlyList<string> Roles { get; init; } = [];
    [JsonPropertyName("guards")] public IReadOnlyList<string> Guards { get; init; } = [];
    [JsonPropertyName("actions")] public IReadOnlyList<string> Actions { get; init; } = [];
    [JsonPropertyName("commentRequired")] public bool CommentRequired { get; init; }
}

public sealed record LocalizedText
{
    [JsonPropertyName("en")] public string En { get; init; } = "";
    [JsonPropertyName("fr")] public string? Fr { get; init; }
    [JsonPropertyName("es")] public string? Es { get; init; }

    /// <summary>The text in the current UI culture's language (a page's, set by the interface language); for pages only.</summary>
    [JsonIgnore] public string Current => For(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public string For(string? language) => language switch
    {
        "fr" when !string.IsNullOrEmpty(Fr) => Fr,
        "es" when !string.IsNullOrEmpty(Es) => Es,
        _ => En,
    };

    public override string ToString() => En;
}
