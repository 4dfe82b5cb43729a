using System.Globalization;
using Caf.Data.Entities;

namespace Caf.Data.Committee;

/// <summary>
/// A member's scores as given on the form: per criterion code "1" to "5", or <see cref="NotApplicable"/>, each with an
/// optional comment, and an overall comment. <see cref="Problems"/> lists every broken rule at once.
/// </summary>
public sealed record ScoreSheet(IReadOnlyDictionary<string, string?> Scores, IReadOnlyDictionary<string, string?> Comments, string? Comment)
{
    public const string NotApplicable = "na";
    public const int CriterionCommentMaxLength = 2000;
    public const int CommentMaxLength = 4000;

    /// <summary>Said of a criterion left without a score, here and by <see cref="CommitteeScore"/>.</summary>
    public static string Unscored(string criterion) => DomainText.Get("Scoring.Unscored", criterion);

    /// <summary>Every rule the sheet breaks under <paramref name="rubric"/>, each with its field ("Scores[cost]").</summary>
    public IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<RubricItem> rubric)
    {
        foreach (var item in rubric)
        {
            if (Comments.GetValueOrDefault(item.Code)?.Trim().Length > CriterionCommentMaxLength)
                yield return ($"{nameof(Comments)}[{item.Code}]", DomainText.Get("Scoring.CriterionCommentTooLong", ScoringRubrics.NameOf(item), CriterionCommentMaxLength));
            if (!TryRead(item.Code, out _)) yield return ($"{nameof(Scores)}[{item.Code}]", Unscored(ScoringRubrics.NameOf(item)));
        }
        if (Comment?.Trim().Length > CommentMaxLength) yield return (nameof(Comment), DomainText.Get("Scoring.CommentTooLong", CommentMaxLength));
    }

    /// <summary>The criteria as scored; one left unscored is left out, for the score to refuse.</summary>
    public IReadOnlyList<CriterionScore> Criteria(IReadOnlyList<RubricItem> rubric)
    {
        var criteria = new List<CriterionScore>();
        foreach (var item in rubric)
            if (TryRead(item.Code, out var level)) criteria.Add(new CriterionScore(item.Code, level, Comments.GetValueOrDefault(item.Code)));
        return criteria;
    }

    /// <summary>A level from 1 to 5, or null for not applicable.</summary>
    private bool TryRead(string code, out int? level)
    {
        level = null;
        var value = Scores.GetValueOrDefault(code)?.Trim();
        if (value == NotApplicable) return true;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var typed) && typed is >= 1 and <= 5)
        {
            level = typed;
            return true;
        }
        return false;
    }
}
