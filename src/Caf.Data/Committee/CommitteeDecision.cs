namespace Caf.Data.Committee;

/// <summary>
/// What the chair records for one application: approve (with the amount), reject or defer, in a meeting on a date with
/// the members present, and the rationale the applicant will read. <see cref="Problems"/> lists every broken rule at once.
/// </summary>
public sealed record CommitteeDecision(
    string? Decision,
    decimal? ApprovedAmount,
    DateOnly? MeetingDate,
    IReadOnlyList<string> Present,
    string? DecisionRationale,
    string? Conditions)
{
    public const int MaxTextLength = 4000;

    public bool Approves => Decision == GrantTriggers.Approve;

    /// <summary>Every rule the decision breaks, each with its field; empty when it may be recorded.</summary>
    public IEnumerable<(string Field, string Message)> Problems(DateOnly today)
    {
        if (!GrantTriggers.IsDecision(Decision)) yield return (nameof(Decision), DomainText.Get("Committee.ChooseDecision"));
        if (Approves && ApprovedAmount is null) yield return (nameof(ApprovedAmount), DomainText.Get("Committee.GiveAmount"));
        if (MeetingDate is { } date && date > today) yield return (nameof(MeetingDate), DomainText.Get("Committee.MeetingInFuture"));
        else if (MeetingDate is { } early && early < Bounds.EarliestDate)
            yield return (nameof(MeetingDate), DomainText.Get("Committee.MeetingTooEarly"));
        if (Present.Any(string.IsNullOrWhiteSpace)) yield return (nameof(Present), DomainText.Get("Committee.TickPresent"));
        if (string.IsNullOrWhiteSpace(DecisionRationale)) yield return (nameof(DecisionRationale), DomainText.Get("Committee.GiveRationale"));
        else if (DecisionRationale.Trim().Length > MaxTextLength)
            yield return (nameof(DecisionRationale), DomainText.Get("Committee.RationaleTooLong", MaxTextLength));
        if (Conditions is { Length: > MaxTextLength }) yield return (nameof(Conditions), DomainText.Get("Committee.ConditionsTooLong", MaxTextLength));
    }
}
