namespace Caf.Data.Entities;

/// <summary>A meeting of the committee for a round: when, who was present, and the decisions it took (its minutes).</summary>
public sealed class CommitteeMeeting : IAudited
{
    private readonly List<MeetingDecision> _decisions = [];

    private CommitteeMeeting() { }

    public CommitteeMeeting(Guid roundId, DateOnly heldOn, IEnumerable<string> present, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        RoundId = roundId;
        HeldOn = heldOn;
        CreatedByUserId = userId;
        CreatedAtUtc = nowUtc;
        NoteAttendance(present);
    }

    public Guid Id { get; private set; }
    public Guid RoundId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    /// <summary>The members present, by name, separated by "; ".</summary>
    public string Present { get; private set; } = "";
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public IReadOnlyList<MeetingDecision> Decisions => _decisions;

    /// <summary>Adds the members present at this decision to those already recorded for the meeting.</summary>
    public void NoteAttendance(IEnumerable<string> present)
    {
        var names = Present.Split("; ", StringSplitOptions.RemoveEmptyEntries)
            .Concat(present.Select(p => p.Trim()).Where(p => p.Length > 0)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) throw new DomainException(DomainText.Get("Committee.TickPresentAtMeeting"), nameof(Present));
        Present = string.Join("; ", names);
    }

    /// <summary>
    /// Writes a decision on an application of this meeting's round into the minutes, while the committee reviews it. An
    /// application deferred at one meeting is decided at a later one (or later the same day), but the same decision is
    /// not written twice in one meeting's minutes.
    /// </summary>
    public MeetingDecision Record(GrantApplication application, string decision, string rationale, DateTime nowUtc)
    {
        if (!GrantTriggers.IsDecision(decision))
            throw new DomainException(DomainText.Get("Committee.ApprovesRejectsDefers"), nameof(MeetingDecision.Decision));
        if (application.Stage != GrantStages.CommitteeReview)
            throw new DomainException(
                DomainText.Get("Committee.MinutesWhileReview", application.Reference ?? application.Title, new StageName(application.Stage)));
        if (application.RoundId != RoundId)
            throw new DomainException(DomainText.Get("Committee.OtherRound", application.Reference ?? application.Title));
        if (_decisions.Any(d => d.ApplicationId == application.Id && d.Decision == decision))
            throw new DomainException(
                DomainText.Get(decision == GrantTriggers.Approve ? "Committee.AlreadyApproval" : decision == GrantTriggers.Reject ? "Committee.AlreadyRejection" : "Committee.AlreadyDeferral", application.Reference ?? application.Title),
                nameof(MeetingDecision.Decision));
        var entry = new MeetingDecision(Id, application.Id, application.Reference ?? "", application.Title, decision,
            decision == GrantTriggers.Approve ? application.ApprovedAmount?.Amount : null, application.Currency,
            decision == GrantTriggers.Approve ? application.Conditions : null, rationale, nowUtc);
        entry.ActingChair = application.ActingChairName;
        _decisions.Add(entry);
        return entry;
    }
}

/// <summary>One decision in a meeting's minutes, as it was taken.</summary>
public sealed class MeetingDecision : IAudited
{
    private MeetingDecision() { }

    internal MeetingDecision(Guid meetingId, Guid applicationId, string reference, string title, string decision, decimal? amount,
        string currency, string? conditions, string rationale, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        ApplicationId = applicationId;
        Reference = reference;
        Title = title;
        Decision = decision;
        Amount = amount;
        Currency = currency;
        Conditions = conditions;
        Rationale = rationale;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Reference { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Decision { get; private set; } = "";
    public decimal? Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public string? Conditions { get; private set; }
    public string Rationale { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    /// <summary>The member who chaired this decision in place of a recused chair, if any.</summary>
    public string? ActingChair { get; internal set; }
}
