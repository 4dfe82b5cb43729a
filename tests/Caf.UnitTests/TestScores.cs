using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>A shorthand for tests: one level on every criterion of the rubric, through the product's own <see cref="GrantApplication.SubmitScores"/>.</summary>
internal static class TestScores
{
    public static CommitteeScore AddScore(this GrantApplication application, ScoringRubric rubric, string memberUserId, string memberName,
        Guid? memberStateId, int level, string? comment, DateTime nowUtc) =>
        application.SubmitScores(rubric, memberUserId, memberName, memberStateId,
            rubric.Items.Select(c => new CriterionScore(c.Code, level, null)).ToList(), comment, nowUtc);
}
