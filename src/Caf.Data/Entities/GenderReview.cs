namespace Caf.Data.Entities;

public enum ChecklistAnswer { Yes, Partial, No, NotApplicable }

/// <summary>The gender focal point's checklist for one application and the gender marker chosen (OECD DAC 0/1/2).</summary>
public sealed class GenderReview : IAudited
{
    /// <summary>The eight items of DESIGN.md §5, in order. Versioned per round in a later step.</summary>
    public static readonly IReadOnlyList<string> DefaultItems =
    [
        "Analyses how women, girls, boys and men, and diverse groups, are affected differently.",
        "The delegation is gender-balanced, or the imbalance is explained.",
        "Objectives and indicators are disaggregated by sex and age.",
        "At least one objective or indicator addresses gender equality.",
        "The budget shows resources for gender and diversity.",
        "A do-no-harm / safeguarding check is made.",
        "The applicant commits to report gender results.",
        "Survivors, persons with disabilities or women's organisations take part.",
    ];

    private readonly List<GenderChecklistAnswer> _answers = [];

    private GenderReview() { }

    public GenderReview(Guid applicationId, IReadOnlyList<(ChecklistAnswer Answer, string? Evidence)> answers,
        int marker, string rationale, string reviewerUserId, DateTime nowUtc)
    {
        if (answers.Count != DefaultItems.Count)
            throw new DomainException($"Answer all {DefaultItems.Count} items of the checklist.", nameof(Answers));
        if (marker is < 0 or > 2)
            throw new DomainException("The gender marker is 0 (not targeted), 1 (significant) or 2 (principal).", nameof(Marker));
        if (string.IsNullOrWhiteSpace(rationale))
            throw new DomainException("Explain why you chose this gender marker.", nameof(Rationale));
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        _answers.AddRange(answers.Select((a, i) => new GenderChecklistAnswer(i + 1, a.Answer, a.Evidence)));
        Marker = marker;
        Rationale = rationale.Trim();
        ReviewerUserId = reviewerUserId;
        CompletedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public IReadOnlyList<GenderChecklistAnswer> Answers => _answers;
    public int Marker { get; private set; }
    public string Rationale { get; private set; } = "";
    public string ReviewerUserId { get; private set; } = "";
    public DateTime CompletedAtUtc { get; private set; }

    /// <summary>
    /// Suggested marker: 2 when gender equality is an objective (item 4 Yes) and the analysis is done (item 1 Yes);
    /// 1 when at least half of the applicable items are Yes; otherwise 0.
    /// </summary>
    public static int SuggestMarker(IReadOnlyList<ChecklistAnswer> answers)
    {
        if (answers.Count != DefaultItems.Count) return 0;
        if (answers[0] == ChecklistAnswer.Yes && answers[3] == ChecklistAnswer.Yes) return 2;
        var applicable = answers.Count(a => a != ChecklistAnswer.NotApplicable);
        var yes = answers.Count(a => a == ChecklistAnswer.Yes);
        return applicable > 0 && yes * 2 >= applicable ? 1 : 0;
    }
}

public sealed class GenderChecklistAnswer : IAudited
{
    private GenderChecklistAnswer() { }

    internal GenderChecklistAnswer(int itemNumber, ChecklistAnswer answer, string? evidence)
    {
        Id = Guid.NewGuid();
        ItemNumber = itemNumber;
        Answer = answer;
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }
    public int ItemNumber { get; private set; }
    public ChecklistAnswer Answer { get; private set; }
    public string? Evidence { get; private set; }
}
