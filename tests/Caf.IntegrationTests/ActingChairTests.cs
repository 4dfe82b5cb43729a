using System.Net;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// A chair whose state applies or is a partner does not record the decision; the member the ISU designates as acting
/// chair for that application does, and no one else (ADR 0018).
/// </summary>
public abstract class ActingChairTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    private static readonly Dictionary<string, string> Approval = new()
    {
        ["Input.Decision"] = "approve", ["Input.ApprovedAmount"] = "1800", ["Input.DecisionRationale"] = "Good exchange.",
    };

    /// <summary>Thailand, the chair's state, hosts the exchange: the chair is recused; the three members have scored.</summary>
    private Task<Guid> ChairRecusedAsync() =>
        _scenario.AtCommitteeReviewAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(90),
            new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 4, ["member3@caf.demo"] = 4 }, partnerIso: "THA");

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true;

    [Fact]
    public async Task A_recused_chair_cannot_record_the_decision_on_the_decision_page_or_through_the_workflow()
    {
        await factory.ResetAsync();
        var id = await ChairRecusedAsync();
        using var chair = await _journey.SignInAsync(GrantJourney.Chair);

        Assert.True(Denied(await chair.Client.GetAsync($"/Committee/Decide/{id}")));
        Assert.True(Denied(await chair.PostFormAsync($"/Committee/Decide/{id}", Approval)));
        // The application page's own transition buttons go through the same rule (the actor for this application).
        var fired = await chair.FireAsync(id, "reject", "Not convinced.");
        Assert.Equal(HttpStatusCode.Forbidden, fired.StatusCode);
        var (_, details) = await chair.GetAsync($"/Applications/Details/{id}");
        Assert.DoesNotContain("value=\"reject\"", details);

        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
    }

    [Fact]
    public async Task The_acting_chair_the_isu_designates_records_the_decision_and_no_other_member_may()
    {
        await factory.ResetAsync();
        var id = await ChairRecusedAsync();
        var member1 = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "member1@caf.demo"));
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        using var acting = await _journey.SignInAsync("member1@caf.demo");
        using var other = await _journey.SignInAsync("member3@caf.demo");

        // Before any designation, no member decides.
        Assert.True(Denied(await acting.PostFormAsync($"/Committee/Decide/{id}", Approval)));

        var (_, details) = await isu.GetAsync($"/Applications/Details/{id}");
        Assert.Contains($"/Committee/ActingChair/{id}", details);
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync($"/Committee/ActingChair/{id}", new() { ["MemberUserId"] = member1.Id }), "designate");
        var audit = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "committee.acting-chair-designated").Select(e => e.Details).ToListAsync());
        Assert.Contains("Member (Belgium)", Assert.Single(audit));

        // An ordinary member, not designated, is still refused.
        Assert.True(Denied(await other.PostFormAsync($"/Committee/Decide/{id}", Approval)));
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));

        var (status, page) = await acting.GetAsync($"/Committee/Decide/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("records its decision as acting chair", page);
        await GrantJourney.ExpectRedirectAsync(acting.PostFormAsync($"/Committee/Decide/{id}", Approval), "the acting chair approves");
        Assert.Equal("Approved", await _journey.StageAsync(id));
        var (_, minutes) = await acting.GetAsync("/Committee/Minutes");
        Assert.Contains("acting chair: Member (Belgium)", minutes);
    }

    [Fact]
    public async Task A_recused_member_cannot_be_designated_acting_chair()
    {
        await factory.ResetAsync();
        var id = await ChairRecusedAsync();
        var chair = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == GrantJourney.Chair));
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);

        var refused = await isu.PostFormAsync($"/Committee/ActingChair/{id}", new() { ["MemberUserId"] = chair.Id });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is recused from this application", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Null((await _journey.LoadAsync(id)).ActingChairUserId);
        using var member = await _journey.SignInAsync("member1@caf.demo");
        Assert.True(Denied(await member.Client.GetAsync($"/Committee/ActingChair/{id}")));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteActingChairTests(SqliteAppFactory factory) : ActingChairTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresActingChairTests(PostgresAppFactory factory) : ActingChairTests(factory);
