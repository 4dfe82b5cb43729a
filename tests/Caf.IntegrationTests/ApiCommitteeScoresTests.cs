using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// GET /api/v1/applications/{reference}/scores: a committee member sees the others' scores only once they have scored
/// (or are recused), as on the pages; the ISU and auditors see them all; applicants and programs never do.
/// </summary>
public abstract class ApiCommitteeScoresTests(CafAppFactory factory)
{
    private const string Portal = "committee-portal";
    private const string RedirectUri = "https://committee.example.org/callback";
    private const string MemberA = "member1@caf.demo";  // Belgium
    private const string MemberB = "member3@caf.demo";  // Peru
    private const string Auditor = "auditor@caf.demo";
    private const string CommentOfA = "Host teams already trained three neighbouring states.";
    private const string CriterionCommentOfA = "Exchange plan names every survey method to be learnt.";
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    private HttpClient NewHttpClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_member_sees_the_other_members_scores_only_after_submitting_their_own()
    {
        await factory.ResetAsync();
        var (id, reference) = await CommitteeReviewAsync();
        var rubric = Caf.Data.Committee.ScoringRubrics.Version1;
        var scoresOfA = GrantJourney.ScoreFields(4, CommentOfA);
        scoresOfA[$"Input.Comments[{rubric[0].Code}]"] = CriterionCommentOfA;
        scoresOfA[$"Input.Scores[{rubric[^1].Code}]"] = "na";
        await ScoreAsync(MemberA, id, scoresOfA);
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead], RedirectUri);
        using var http = NewHttpClient();
        var memberB = await PersonTokenAsync(http, MemberB, secret);

        using (var before = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}/scores", memberB))
        {
            var text = await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(before.StatusCode == HttpStatusCode.OK, text);
            var hidden = JsonDocument.Parse(text).RootElement;
            Assert.Equal(reference, hidden.GetProperty("reference").GetString());
            Assert.Equal(1, hidden.GetProperty("rubricVersion").GetInt32());
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty("yourScore").ValueKind);
            Assert.True(hidden.GetProperty("scoresHidden").GetBoolean());
            Assert.Equal("Submit your own scores to see the other members' scores.", hidden.GetProperty("reason").GetString());
            Assert.Empty(hidden.GetProperty("scores").EnumerateArray());
            Assert.DoesNotContain(CommentOfA, text);
            Assert.DoesNotContain(CriterionCommentOfA, text);
            Assert.DoesNotContain("Belgium", text);
        }

        await ScoreAsync(MemberB, id, GrantJourney.ScoreFields(2, "Costs per participant are high."));

        using var after = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}/scores", memberB);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var shown = await after.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(shown.GetProperty("scoresHidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("reason").ValueKind);
        var own = shown.GetProperty("yourScore");
        Assert.Equal("Member (Peru)", own.GetProperty("member").GetString());
        Assert.Equal(2m, own.GetProperty("weightedScore").GetDecimal());
        var scores = shown.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(["Member (Belgium)", "Member (Peru)"], scores.Select(s => s.GetProperty("member").GetString()));
        var stored = await factory.WithDbAsync(db => db.CommitteeScores.AsNoTracking().SingleAsync(s => s.ApplicationId == id && s.MemberName == "Member (Belgium)"));
        var ofA = scores[0];
        Assert.Equal(stored.WeightedScore, ofA.GetProperty("weightedScore").GetDecimal());
        Assert.Equal(1, ofA.GetProperty("revision").GetInt32());
        Assert.Equal(1, ofA.GetProperty("rubricVersion").GetInt32());
        Assert.Equal(stored.SubmittedAtUtc, ofA.GetProperty("submittedAtUtc").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.False(ofA.GetProperty("recused").GetBoolean());
        Assert.Equal(CommentOfA, ofA.GetProperty("comment").GetString());
        var criteria = ofA.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(rubric.Select(c => c.Code), criteria.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(CriterionCommentOfA, criteria[0].GetProperty("comment").GetString());
        Assert.Equal(4, criteria[0].GetProperty("score").GetInt32());
        Assert.Equal(JsonValueKind.Null, criteria[^1].GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task A_recused_member_sees_no_scores_until_the_committee_has_decided()
    {
        await factory.ResetAsync();
        var (id, reference) = await CommitteeReviewAsync();
        using (var b = await _journey.SignInAsync(MemberB))
            await GrantJourney.ExpectRedirectAsync(b.PostFormAsync($"/Committee/Conflict/{id}",
                new() { ["Reason"] = "My ministry co-finances the host's survey teams." }), "declare a conflict");
        foreach (var member in new[] { MemberA, "member2@caf.demo", GrantJourney.Chair })
            await ScoreAsync(member, id, GrantJourney.ScoreFields(4, CommentOfA));
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead], RedirectUri);
        using var http = NewHttpClient();
        var url = $"/api/v1/applications/{reference}/scores";

        using (var before = await ApiTokens.GetAsync(http, url, await PersonTokenAsync(http, MemberB, secret)))
        {
            var text = await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(before.StatusCode == HttpStatusCode.OK, text);
            var hidden = JsonDocument.Parse(text).RootElement;
            Assert.True(hidden.GetProperty("scoresHidden").GetBoolean());
            Assert.Equal(Caf.Web.Features.Shared.CommitteeScoreVisibility.RecusedReason, hidden.GetProperty("reason").GetString());
            Assert.Empty(hidden.GetProperty("scores").EnumerateArray());
            Assert.DoesNotContain(CommentOfA, text);
        }

        using (var chair = await _journey.SignInAsync(GrantJourney.Chair))
            await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Decide/{id}",
                new() { ["Input.Decision"] = "reject", ["Input.DecisionRationale"] = "Outside the round's priorities.", ["Confirmed"] = "true" }), "reject");

        using var after = await ApiTokens.GetAsync(http, url, await PersonTokenAsync(http, MemberB, secret));
        var shown = await after.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(shown.GetProperty("scoresHidden").GetBoolean());
        Assert.Equal(3, shown.GetProperty("scores").GetArrayLength());
    }

    [Fact]
    public async Task The_isu_and_auditors_see_every_score_with_recused_members_marked()
    {
        await factory.ResetAsync();
        var (id, reference) = await CommitteeReviewAsync();
        await ScoreAsync(MemberA, id, GrantJourney.ScoreFields(4, CommentOfA));
        await ScoreAsync(GrantJourney.Chair, id, GrantJourney.ScoreFields(5));
        using (var chair = await _journey.SignInAsync(GrantJourney.Chair))
            await GrantJourney.ExpectRedirectAsync(chair.PostFormAsync($"/Committee/Conflict/{id}",
                new() { ["Reason"] = "My ministry co-finances the host's survey teams." }), "declare a conflict");
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead], RedirectUri);
        using var http = NewHttpClient();

        foreach (var reader in new[] { GrantJourney.Isu, Auditor })
        {
            var token = await PersonTokenAsync(http, reader, secret);
            using var response = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}/scores", token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.False(body.GetProperty("scoresHidden").GetBoolean());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("yourScore").ValueKind);
            var scores = body.GetProperty("scores").EnumerateArray()
                .ToDictionary(s => s.GetProperty("member").GetString()!, s => (Weighted: s.GetProperty("weightedScore").GetDecimal(),
                    Recused: s.GetProperty("recused").GetBoolean()));
            Assert.Equal(new Dictionary<string, (decimal, bool)> { ["Member (Belgium)"] = (4m, false), ["Chair (Thailand)"] = (5m, true) }, scores);

            // The application itself still carries no scores.
            using var application = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}", token);
            Assert.Equal(HttpStatusCode.OK, application.StatusCode);
            Assert.DoesNotContain("score", await application.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
                StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Applicants_programs_and_tokens_without_applications_read_are_refused()
    {
        await factory.ResetAsync();
        var (id, reference) = await CommitteeReviewAsync();
        await ScoreAsync(MemberA, id, GrantJourney.ScoreFields(4, CommentOfA));
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.LedgerRead], RedirectUri);
        using var http = NewHttpClient();
        var url = $"/api/v1/applications/{reference}/scores";

        // The applicant state, and Colombia, its partner: both may read the application, neither its scores.
        foreach (var applicant in new[] { GrantJourney.Applicant, GrantJourney.OtherApplicant })
        {
            var token = await PersonTokenAsync(http, applicant, secret);
            using (var application = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}", token))
                Assert.Equal(HttpStatusCode.OK, application.StatusCode);
            using var refused = await ApiTokens.GetAsync(http, url, token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(CommentOfA, await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        // A person of another role who reads the application but is not among those who see scores.
        using (var finance = await ApiTokens.GetAsync(http, url, await PersonTokenAsync(http, GrantJourney.Finance, secret)))
            Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        // A program acting for itself reads the application, but is nobody on the committee.
        var program = await ApiTokens.AccessTokenAsync(http, Portal, secret, ApiScopes.ApplicationsRead);
        using (var asProgram = await ApiTokens.GetAsync(http, url, program))
            Assert.Equal(HttpStatusCode.Forbidden, asProgram.StatusCode);
        // The ISU's token for the ledger only, and a program's: the scope is missing.
        var isuLedgerOnly = await ApiTokens.PersonTokenAsync(factory, http, GrantJourney.Isu, Portal, RedirectUri, secret, ApiScopes.LedgerRead);
        using (var withoutScope = await ApiTokens.GetAsync(http, url, isuLedgerOnly))
            Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        var ledgerProgram = await ApiTokens.AccessTokenAsync(http, Portal, secret, ApiScopes.LedgerRead);
        using (var programWithoutScope = await ApiTokens.GetAsync(http, url, ledgerProgram))
            Assert.Equal(HttpStatusCode.Forbidden, programWithoutScope.StatusCode);
        using (var noToken = await ApiTokens.GetAsync(http, url, null))
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        using (var isuPages = await _journey.SignInAsync(GrantJourney.Isu))
        using (var cookieOnly = await isuPages.Client.GetAsync(url))
            Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);

        var isu = await PersonTokenAsync(http, GrantJourney.Isu, secret);
        using var unknown = await ApiTokens.GetAsync(http, "/api/v1/applications/CAF-1999-999/scores", isu);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>An application in CommitteeReview, Cambodian with Colombia as host, so no committee member is recused by state.</summary>
    private async Task<(Guid Id, string Reference)> CommitteeReviewAsync()
    {
        var id = await _scenario.AtGenderReviewAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(90));
        await _scenario.FireAsync(id, "complete-checklist", GrantJourney.Gender, (a, actors, now) => a.CompleteGenderReview(new GenderReview(a.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)null), GenderReview.DefaultItems.Count).ToList(), 1, "Significant.",
            actors[GrantJourney.Gender].UserId, now)));
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Reference).SingleAsync());
        return (id, reference!);
    }

    private async Task ScoreAsync(string member, Guid id, Dictionary<string, string> fields)
    {
        using var session = await _journey.SignInAsync(member);
        await GrantJourney.ExpectRedirectAsync(session.PostFormAsync($"/Committee/Score/{id}", fields), $"{member} scores");
    }

    private Task<string> PersonTokenAsync(HttpClient http, string email, string secret) =>
        ApiTokens.PersonTokenAsync(factory, http, email, Portal, RedirectUri, secret, ApiScopes.ApplicationsRead);
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteApiCommitteeScoresTests(SqliteAppFactory factory) : ApiCommitteeScoresTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresApiCommitteeScoresTests(PostgresAppFactory factory) : ApiCommitteeScoresTests(factory);
