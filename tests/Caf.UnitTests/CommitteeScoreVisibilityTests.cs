using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Shared;

namespace Caf.UnitTests;

/// <summary>Who reads the members' scores: one rule for the pages, the ranking and the API.</summary>
public sealed class CommitteeScoreVisibilityTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private readonly GrantApplicationBuilder _given = new();

    private static ClaimsPrincipal Person(string userId, params string[] roles) =>
        new(new ClaimsIdentity(
            new[] { new Claim(ClaimTypes.NameIdentifier, userId) }.Concat(roles.Select(r => new Claim(ClaimTypes.Role, r))), "test"));

    [Fact]
    public void The_isu_auditors_and_the_committee_read_scores_and_nobody_else_does()
    {
        Assert.Equal([CafRoles.Auditor, CafRoles.CommitteeChair, CafRoles.CommitteeMember, CafRoles.IsuOfficer],
            CafRoles.All.Where(r => CommitteeScoreVisibility.ReadsScores(Person("someone", r))).Order(StringComparer.Ordinal));
        Assert.Equal([CafRoles.Auditor, CafRoles.IsuOfficer],
            CafRoles.All.Where(r => CommitteeScoreVisibility.SeesEveryScore(Person("someone", r))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_isu_sees_every_score_at_once_a_member_only_after_scoring()
    {
        var application = _given.InCommitteeReview();
        application.AddScore(ScoringRubric.Default(Now), "member-1", "Member One", null, 4, null, Now);

        Assert.True(CommitteeScoreVisibility.SeesScores(Person("isu-1", CafRoles.IsuOfficer), application));
        Assert.True(CommitteeScoreVisibility.SeesScores(Person("member-1", CafRoles.CommitteeMember), application));
        Assert.False(CommitteeScoreVisibility.SeesScores(Person("member-2", CafRoles.CommitteeMember), application));
        Assert.False(CommitteeScoreVisibility.SeesScores(Person("finance-1", CafRoles.Finance), application));
    }
}
