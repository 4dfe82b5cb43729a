namespace Caf.Data.Entities;

/// <summary>
/// A remark on an application by the applicant state, a partner state or the ISU: partners have their say without
/// editing the proposal. Comments are never edited or deleted.
/// </summary>
public sealed class ApplicationComment : IAudited
{
    public const int MaxLength = 2000;

    private ApplicationComment() { }

    public ApplicationComment(Guid applicationId, string authorUserId, string authorName, string? authorState, string text, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException(DomainText.Get("Comment.Empty"), nameof(Text));
        if (text.Trim().Length > MaxLength) throw new DomainException(DomainText.Get("Comment.TooLong", MaxLength), nameof(Text));
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        AuthorUserId = authorUserId;
        AuthorName = authorName;
        AuthorState = authorState;
        Text = text.Trim();
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string AuthorUserId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    /// <summary>The state the author speaks for, if any (e.g. "Colombia, partner").</summary>
    public string? AuthorState { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
}
