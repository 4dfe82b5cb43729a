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
        if (!GrantTriggers.IsDecision(Decision)) yield return (nameof(Decision), "Choose approve, reject or defer.");
        if (Approves && ApprovedAmount is null) yield return (nameof(ApprovedAmount), "Give the approved amount.");
        if (MeetingDate is { } date && date > today) yield return (nameof(MeetingDate), "The meeting cannot be in the future.");
        else if (MeetingDate is { } early && early < Bounds.EarliestDate)
            yield return (nameof(MeetingDate), "The meeting date must be between 2000 and today.");
        if (Present.Any(string.IsNullOrWhiteSpace)) yield return (nameof(Present), "Tick the members present from the list.");
        if (string.IsNullOrWhiteSpace(DecisionRationale)) yield return (nameof(DecisionRationale), "Give the committee's rationale for the decision.");
        else if (DecisionRationale.Trim().Length > MaxTextLength)
            yield return (nameof(DecisionRationale), $"Keep the rationale under {MaxTextLength:N0} characters.");
        if (Conditions is { Length: > MaxTextLength }) yield return (nameof(Conditions), $"Keep the conditions under {MaxTextLength:N0} characters.");
    }
}
