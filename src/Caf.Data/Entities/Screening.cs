namespace Caf.Data.Entities;

/// <summary>One automatic eligibility check as computed in one run; runs are kept, the latest counts.</summary>
public sealed class EligibilityCheck : IAudited
{
    private EligibilityCheck() { }

    internal EligibilityCheck(Guid runId, DateTime runAtUtc, DateOnly asOf, int position, string code, string title, bool passed, string reason)
    {
        Id = Guid.NewGuid();
        RunId = runId;
        RunAtUtc = runAtUtc;
        AsOf = asOf;
        Position = position;
        Code = code;
        Title = title;
        Passed = passed;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid RunId { get; private set; }
    public DateTime RunAtUtc { get; private set; }
    /// <summary>The date whose reference data the check used.</summary>
    public DateOnly AsOf { get; private set; }
    public int Position { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public bool Passed { get; private set; }
    public string Reason { get; private set; } = "";
}

public enum ScreeningOutcome { Eligible, Ineligible, Clarification }

/// <summary>The ISU's manual checklist and its decision, with the rationale the applicant is told.</summary>
public sealed class ScreeningDecision : IAudited
{
    private readonly List<ScreeningAnswer> _answers = [];

    private ScreeningDecision() { }

    internal ScreeningDecision(ScreeningOutcome outcome, IEnumerable<ScreeningAnswer> answers, string rationale, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        Outcome = outcome;
        _answers.AddRange(answers);
        Rationale = rationale;
        DecidedByUserId = userId;
        DecidedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public ScreeningOutcome Outcome { get; private set; }
    public IReadOnlyList<ScreeningAnswer> Answers => _answers;
    public string Rationale { get; private set; } = "";
    public string DecidedByUserId { get; private set; } = "";
    public DateTime DecidedAtUtc { get; private set; }
}

/// <summary>One item of the ISU's manual checklist: the item's text as it was asked, yes or no, and a note.</summary>
public sealed class ScreeningAnswer
{
    private ScreeningAnswer() { }

    public ScreeningAnswer(int position, string item, bool met, string? note)
    {
        Position = position;
        Item = item;
        Met = met;
        Note = note?.Trim() ?? "";
    }

    public int Position { get; private set; }
    public string Item { get; private set; } = "";
    public bool Met { get; private set; }
    public string Note { get; private set; } = "";
}

/// <summary>The ISU's questions to the applicant, the sections it reopened, and the applicant's answer.</summary>
public sealed class Clarification : IAudited
{
    private Clarification() { }

    internal Clarification(string questions, IReadOnlyCollection<ProposalSection> sections, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        Questions = questions;
        UnlockedSections = Clarifications.ToMask(sections);
        AskedByUserId = userId;
        AskedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Questions { get; private set; } = "";
    public int UnlockedSections { get; private set; }
    public string AskedByUserId { get; private set; } = "";
    public DateTime AskedAtUtc { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredByUserId { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public bool IsOpen => AnsweredAtUtc is null;
    public IReadOnlyList<ProposalSection> Sections => Clarifications.FromMask(UnlockedSections);

    internal void Record(string answer, string userId, DateTime nowUtc)
    {
        Answer = answer;
        AnsweredByUserId = userId;
        AnsweredAtUtc = nowUtc;
    }
}

public static class Clarifications
{
    public static int ToMask(IEnumerable<ProposalSection> sections) => sections.Aggregate(0, (mask, s) => mask | (1 << (int)s));

    public static IReadOnlyList<ProposalSection> FromMask(int mask) =>
        Enum.GetValues<ProposalSection>().Where(s => (mask & (1 << (int)s)) != 0).ToList();
}

/// <summary>What the proposal said when it was submitted (or resubmitted after a clarification), field by field.</summary>
public sealed class ApplicationVersion
{
    private ApplicationVersion() { }

    public ApplicationVersion(Guid applicationId, int number, string snapshotJson, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Number = number;
        SnapshotJson = snapshotJson;
        CreatedByUserId = userId;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Number { get; private set; }
    public string SnapshotJson { get; private set; } = "";
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>
    /// The one change a submitted version allows: a delegation member's name erased at their request (ADR 0028), every
    /// other field as it was submitted. Whether anything changed.
    /// </summary>
    public bool EraseParticipantName(string name)
    {
        if (ProposalSnapshot.WithoutParticipantName(SnapshotJson, name) is not { } erased) return false;
        SnapshotJson = erased;
        return true;
    }
}
