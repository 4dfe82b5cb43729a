namespace Caf.Data.Entities;

public enum ChecklistAnswer { Yes, Partial, No, NotApplicable }

/// <summary>
/// What the gender focal point gives for a checklist: one answer and an optional evidence note per item, the gender
/// marker (OECD DAC 0/1/2) and why. <see cref="Problems"/> lists every broken rule at once; a <see cref="GenderReview"/>
/// refuses the same rules.
/// </summary>
public sealed record GenderReviewAnswers(IReadOnlyList<ChecklistAnswer?> Answers, IReadOnlyList<string?> Evidence, int? Marker, string? Rationale)
{
    public const int EvidenceMaxLength = 2000;
    public const int RationaleMaxLength = 4000;

    /// <summary>Every rule broken for a checklist of <paramref name="items"/> items, each with its field.</summary>
    public IEnumerable<(string Field, string Message)> Problems(int items)
    {
        if (Answers.Count != items) yield return (nameof(Answers), DomainText.Get("Gender.AnswerAll", items));
        else
            for (var i = 0; i < items; i++)
                if (Answers[i] is null) yield return ($"{nameof(Answers)}[{i}]", DomainText.Get("Gender.AnswerItem", i + 1));
        for (var i = 0; i < Evidence.Count; i++)
            if (Evidence[i]?.Trim().Length > EvidenceMaxLength)
                yield return ($"{nameof(Evidence)}[{i}]", DomainText.Get("Gender.EvidenceTooLong", i + 1, EvidenceMaxLength));
        if (Marker is null) yield return (nameof(Marker), DomainText.Get("Gender.ChooseMarker"));
        else if (Marker is < 0 or > 2)
            yield return (nameof(Marker), DomainText.Get("Gender.MarkerRange"));
        if (string.IsNullOrWhiteSpace(Rationale)) yield return (nameof(Rationale), DomainText.Get("Gender.ExplainMarker"));
        else if (Rationale.Trim().Length > RationaleMaxLength) yield return (nameof(Rationale), DomainText.Get("Gender.RationaleTooLong", RationaleMaxLength));
    }
}

/// <summary>
/// The gender focal point's checklist for one application and the gender marker chosen (OECD DAC 0/1/2). It keeps the
/// version it answered and each item's text and tag, so a later checklist version never rewrites a past review.
/// </summary>
public sealed class GenderReview : IAudited
{
    /// <summary>The texts of version 1 (DESIGN.md §5), in order.</summary>
    public static readonly IReadOnlyList<string> DefaultItems = GenderChecklist.DefaultItems.Select(i => i.Text).ToList();

    private readonly List<GenderChecklistAnswer> _answers = [];

    private GenderReview() { }

    /// <summary>A review of the default checklist (version 1): a shorthand for tests.</summary>
    internal GenderReview(Guid applicationId, IReadOnlyList<(ChecklistAnswer Answer, string? Evidence)> answers,
        int marker, string rationale, string reviewerUserId, DateTime nowUtc)
        : this(applicationId, 1, GenderChecklist.DefaultItems, answers, marker, rationale, reviewerUserId, nowUtc) { }

    public GenderReview(Guid applicationId, GenderChecklist checklist, IReadOnlyList<(ChecklistAnswer Answer, string? Evidence)> answers,
        int marker, string rationale, string reviewerUserId, DateTime nowUtc)
        : this(applicationId, checklist.Version, checklist.Items.OrderBy(i => i.Position).Select(i => (i.Text, i.Tag)).ToList(),
            answers, marker, rationale, reviewerUserId, nowUtc) { }

    private GenderReview(Guid applicationId, int checklistVersion, IReadOnlyList<(string Text, ChecklistItemTag Tag)> items,
        IReadOnlyList<(ChecklistAnswer Answer, string? Evidence)> answers, int marker, string rationale, string reviewerUserId, DateTime nowUtc)
    {
        var given = new GenderReviewAnswers(answers.Select(a => (ChecklistAnswer?)a.Answer).ToList(), answers.Select(a => a.Evidence).ToList(),
            marker, rationale);
        var problem = given.Problems(items.Count).FirstOrDefault();
        if (problem.Message is not null) throw new DomainException(problem.Message, problem.Field);
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        ChecklistVersion = checklistVersion;
        _answers.AddRange(answers.Select((a, i) => new GenderChecklistAnswer(i + 1, items[i].Text, items[i].Tag, a.Answer, a.Evidence)));
        Marker = marker;
        Rationale = rationale.Trim();
        ReviewerUserId = reviewerUserId;
        CompletedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>The version of the gender checklist answered.</summary>
    public int ChecklistVersion { get; private set; }
    public IReadOnlyList<GenderChecklistAnswer> Answers => _answers;
    public int Marker { get; private set; }
    public string Rationale { get; private set; } = "";
    public string ReviewerUserId { get; private set; } = "";
    public DateTime CompletedAtUtc { get; private set; }

    /// <summary>What the committee must see before scoring: a "No" on the gender analysis or on do-no-harm, in plain words.</summary>
    public IReadOnlyList<string> Flags => FlagsFor(_answers.OrderBy(a => a.ItemNumber).Select(a => (a.Tag, a.Answer)).ToList());

    public static IReadOnlyList<string> FlagsFor(IReadOnlyList<(ChecklistItemTag Tag, ChecklistAnswer Answer)> answers)
    {
        var flags = new List<string>();
        if (answers.Any(a => a is { Tag: ChecklistItemTag.Analysis, Answer: ChecklistAnswer.No }))
            flags.Add(DomainText.Get("Gender.FlagNoAnalysis"));
        if (answers.Any(a => a is { Tag: ChecklistItemTag.DoNoHarm, Answer: ChecklistAnswer.No }))
            flags.Add(DomainText.Get("Gender.FlagNoDoNoHarm"));
        return flags;
    }

    private static readonly string[] DefaultItemKeys =
    [
        "Gender.Item.Analysis", "Gender.Item.Delegation", "Gender.Item.Disaggregated", "Gender.Item.Objective",
        "Gender.Item.Budget", "Gender.Item.DoNoHarm", "Gender.Item.Reporting", "Gender.Item.Participation",
    ];

    /// <summary>
    /// An item of the checklist in the reader's language when it is worded as one of version 1's (the seeded default);
    /// an item the ISU wrote in a later version is shown as written.
    /// </summary>
    public static string ItemText(string text)
    {
        for (var i = 0; i < GenderChecklist.DefaultItems.Count && i < DefaultItemKeys.Length; i++)
            if (GenderChecklist.DefaultItems[i].Text == text) return DomainText.Get(DefaultItemKeys[i]);
        return text;
    }

    /// <summary>The suggested marker for version 1's eight items, in their order; any other count suggests 0.</summary>
    public static int SuggestMarker(IReadOnlyList<ChecklistAnswer> answers) =>
        answers.Count != GenderChecklist.DefaultItems.Count ? 0
            : SuggestMarker(answers.Select((a, i) => (GenderChecklist.DefaultItems[i].Tag, a)).ToList());

    /// <summary>
    /// Suggested marker (ADR 0011): 2 when the item tagged gender analysis and the item tagged gender-equality objective
    /// are both Yes; 1 when at least half of the applicable items (not "Not applicable") are Yes; otherwise 0.
    /// </summary>
    public static int SuggestMarker(IReadOnlyList<(ChecklistItemTag Tag, ChecklistAnswer Answer)> answers)
    {
        bool Yes(ChecklistItemTag tag) => answers.Any(a => a.Tag == tag && a.Answer == ChecklistAnswer.Yes);
        if (Yes(ChecklistItemTag.Analysis) && Yes(ChecklistItemTag.GenderObjective)) return 2;
        var applicable = answers.Count(a => a.Answer != ChecklistAnswer.NotApplicable);
        var yes = answers.Count(a => a.Answer == ChecklistAnswer.Yes);
        return applicable > 0 && yes * 2 >= applicable ? 1 : 0;
    }
}

public sealed class GenderChecklistAnswer : IAudited
{
    private GenderChecklistAnswer() { }

    internal GenderChecklistAnswer(int itemNumber, string itemText, ChecklistItemTag tag, ChecklistAnswer answer, string? evidence)
    {
        Id = Guid.NewGuid();
        ItemNumber = itemNumber;
        ItemText = itemText;
        Tag = tag;
        Answer = answer;
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }
    public int ItemNumber { get; private set; }
    /// <summary>The item as the checklist worded it when it was answered.</summary>
    public string ItemText { get; private set; } = "";
    public ChecklistItemTag Tag { get; private set; }
    public ChecklistAnswer Answer { get; private set; }
    public string? Evidence { get; private set; }
}
