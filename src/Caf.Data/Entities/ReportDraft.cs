using Caf.Data.Reporting;

namespace Caf.Data.Entities;

/// <summary>
/// A report's narrative as the grantee last saved it, not yet sent (issue 14: drafts save, on slow links too): one per
/// report, <see cref="ReportNumber"/> 0 for the final report, 1, 2… for the interim ones. Sending the report removes it.
/// </summary>
public sealed class ReportDraft : IAudited
{
    private ReportDraft() { }

    public ReportDraft(Guid applicationId, int? interimNumber, ReportNarrative narrative, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        ReportNumber = interimNumber ?? 0;
        Save(narrative, userId, nowUtc);
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>0 for the final report, else the interim report's number.</summary>
    public int ReportNumber { get; private set; }
    public string NarrativeJson { get; private set; } = "";
    public string SavedByUserId { get; private set; } = "";
    public DateTime SavedAtUtc { get; private set; }

    public ReportNarrative Narrative => ReportNarrative.FromJson(NarrativeJson);

    /// <summary>Keeps what was typed, however incomplete; only what cannot be stored (too long, out of range) is refused.</summary>
    public void Save(ReportNarrative narrative, string userId, DateTime nowUtc)
    {
        if (narrative.DraftProblems().FirstOrDefault() is { Message: not null } wrong) throw new DomainException(wrong.Message, wrong.Field);
        NarrativeJson = narrative.ToJson();
        SavedByUserId = userId;
        SavedAtUtc = nowUtc;
    }
}
