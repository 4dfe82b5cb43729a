using Caf.Data.Entities;

namespace Caf.Data.Applications;

/// <summary>
/// The comment a person gives with an action fired from the application page (withdraw, close, terminate…): it goes into
/// the audit trail and the history every reader sees, so it is bounded like any other comment.
/// </summary>
public static class TransitionComment
{
    public const int MaxLength = ApplicationComment.MaxLength;

    /// <summary>What is wrong with the comment as typed, with its field; empty when it may be recorded.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(string? comment)
    {
        if (comment is { Length: > MaxLength }) yield return ("Comment", DomainText.Get("Comment.TooLong", MaxLength));
    }
}
