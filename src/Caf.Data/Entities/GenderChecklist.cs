namespace Caf.Data.Entities;

/// <summary>What an item of the gender checklist is about, for the marker rule and the committee's flags (not its position).</summary>
public enum ChecklistItemTag { None, Analysis, DoNoHarm, GenderObjective }

/// <summary>
/// One published version of the gender-lens checklist. Versions are never edited: the ISU publishes a new one and rounds
/// name the version they use. Version 1 holds the eight items of DESIGN.md §5. See ADR 0011.
/// </summary>
public sealed class GenderChecklist : IAudited
{
    public const int ItemMaxLength = 500;

    /// <summary>The tags every version must carry once: the marker rule and the committee flags depend on them.</summary>
    public static readonly IReadOnlyList<ChecklistItemTag> RequiredTags =
        [ChecklistItemTag.Analysis, ChecklistItemTag.GenderObjective, ChecklistItemTag.DoNoHarm];

    /// <summary>Version 1: the eight items of DESIGN.md §5, in order.</summary>
    public static readonly IReadOnlyList<(string Text, ChecklistItemTag Tag)> DefaultItems =
    [
        ("Analyses how women, girls, boys and men, and diverse groups, are affected differently.", ChecklistItemTag.Analysis),
        ("The delegation is gender-balanced, or the imbalance is explained.", ChecklistItemTag.None),
        ("Objectives and indicators are disaggregated by sex and age.", ChecklistItemTag.None),
        ("At least one objective or indicator addresses gender equality.", ChecklistItemTag.GenderObjective),
        ("The budget shows resources for gender and diversity.", ChecklistItemTag.None),
        ("A do-no-harm / safeguarding check is made.", ChecklistItemTag.DoNoHarm),
        ("The applicant commits to report gender results.", ChecklistItemTag.None),
        ("Survivors, persons with disabilities or women's organisations take part.", ChecklistItemTag.None),
    ];

    private readonly List<GenderChecklistItem> _items = [];

    private GenderChecklist() { }

    public GenderChecklist(int version, IReadOnlyList<(string Text, ChecklistItemTag Tag)> items, string createdBy, DateTime nowUtc)
    {
        if (version < 1) throw new DomainException(DomainText.Get("Gender.VersionFromOne"), nameof(Version));
        var problem = Problems(items).FirstOrDefault();
        if (problem.Message is not null) throw new DomainException(problem.Message, problem.Field);
        Id = Guid.NewGuid();
        Version = version;
        CreatedBy = createdBy;
        CreatedAtUtc = nowUtc;
        _items.AddRange(items.Select((item, i) => new GenderChecklistItem(i + 1, item.Text.Trim(), item.Tag)));
    }

    /// <summary>Version 1, as the database holds it from its first migration on.</summary>
    public static GenderChecklist Default(DateTime nowUtc) => new(1, DefaultItems, "system", nowUtc);

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public IReadOnlyList<GenderChecklistItem> Items => _items;

    /// <summary>A spare row of the form left as it came (no text, no tag): not an item.</summary>
    public static bool IsSpareRow(string? text, ChecklistItemTag tag) => string.IsNullOrWhiteSpace(text) && tag == ChecklistItemTag.None;

    /// <summary>
    /// Every reason the items cannot be published, with the item it is about ("Items[2]") or "Items" for the list:
    /// at least one item, none empty or longer than 500 characters, each tag at most once, and the analysis,
    /// gender-objective and do-no-harm tags all present.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<(string Text, ChecklistItemTag Tag)> items)
    {
        if (items.Count == 0)
        {
            yield return ("Items", DomainText.Get("Gender.WriteOneItem"));
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].Text?.Trim() ?? "";
            if (text.Length == 0) yield return ($"Items[{i}]", DomainText.Get("Gender.ItemEmpty", i + 1));
            else if (text.Length > ItemMaxLength)
                yield return ($"Items[{i}]", DomainText.Get("Gender.ItemTooLong", i + 1, text.Length, ItemMaxLength));
            if (items[i].Tag != ChecklistItemTag.None && items.Take(i).Any(earlier => earlier.Tag == items[i].Tag))
                yield return ($"Items[{i}]", DomainText.Get("Gender.TagTwice", i + 1, Describe(items[i].Tag)));
        }
        foreach (var tag in RequiredTags.Where(t => items.All(item => item.Tag != t)))
            yield return ("Items", DomainText.Get("Gender.TagMissing", Describe(tag)));
    }

    public static string Describe(ChecklistItemTag tag) => tag switch
    {
        ChecklistItemTag.Analysis => DomainText.Get("Gender.Tag.Analysis"),
        ChecklistItemTag.DoNoHarm => DomainText.Get("Gender.Tag.DoNoHarm"),
        ChecklistItemTag.GenderObjective => DomainText.Get("Gender.Tag.GenderObjective"),
        _ => DomainText.Get("Gender.Tag.None"),
    };
}

public sealed class GenderChecklistItem : IAudited
{
    private GenderChecklistItem() { }

    internal GenderChecklistItem(int position, string text, ChecklistItemTag tag)
    {
        Id = Guid.NewGuid();
        Position = position;
        Text = text;
        Tag = tag;
    }

    public Guid Id { get; private set; }
    public Guid ChecklistId { get; private set; }
    /// <summary>1-based.</summary>
    public int Position { get; private set; }
    public string Text { get; private set; } = "";
    public ChecklistItemTag Tag { get; private set; }
}
