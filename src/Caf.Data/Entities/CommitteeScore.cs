namespace Caf.Data.Entities;

/// <summary>One committee member's overall score (1–5) for an application.</summary>
public sealed class CommitteeScore : IAudited
{
    private CommitteeScore() { }

    internal CommitteeScore(Guid applicationId, string memberUserId, string memberName, int score, string? comment, DateTime nowUtc)
    {
        if (score is < 1 or > 5) throw new DomainException("A score is a whole number from 1 (weak) to 5 (excellent).", nameof(Score));
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        MemberUserId = memberUserId;
        MemberName = memberName;
        Score = score;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        SubmittedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string MemberUserId { get; private set; } = "";
    public string MemberName { get; private set; } = "";
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTime SubmittedAtUtc { get; private set; }
}
