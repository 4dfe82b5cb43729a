using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Api;
using Caf.Web.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>Applications over the API: read by reference as the caller may see them, and drafts created by an applicant's program.</summary>
public abstract class ApiApplicationTests(CafAppFactory factory)
{
    private const string Portal = "applicant-portal";
    private const string RedirectUri = "https://portal.example.org/callback";
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    private HttpClient NewHttpClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task An_application_is_read_by_reference_by_its_own_state_and_a_program_but_not_by_another_state()
    {
        await factory.ResetAsync();
        var active = await _scenario.ActiveGrantAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(30), partnerIso: "SEN");
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == active).Select(a => a.Reference).SingleAsync());
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var owner = await PersonTokenAsync(http, GrantJourney.Applicant, secret, ApiScopes.ApplicationsRead);
        var otherState = await PersonTokenAsync(http, GrantJourney.OtherApplicant, secret, ApiScopes.ApplicationsRead);
        var program = await ApiTokens.AccessTokenAsync(http, Portal, secret, ApiScopes.ApplicationsRead);

        using var byReference = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}", owner);
        using var byId = await ApiTokens.GetAsync(http, $"/api/v1/applications/{active}", owner);

        Assert.Equal(HttpStatusCode.OK, byReference.StatusCode);
        var json = await byReference.Content.ReadAsStringAsync();
        Assert.Equal(await byId.Content.ReadAsStringAsync(), json);
        var application = JsonDocument.Parse(json).RootElement;
        Assert.Equal(active.ToString(), application.GetProperty("id").GetString());
        Assert.Equal(reference, application.GetProperty("reference").GetString());
        Assert.Equal("KHM", application.GetProperty("applicantState").GetString());
        using (var asProgram = await ApiTokens.GetAsync(http, $"/api/v1/applications/{reference}", program))
        {
            Assert.Equal(HttpStatusCode.OK, asProgram.StatusCode);
            Assert.Equal(json, await asProgram.Content.ReadAsStringAsync());
        }
        foreach (var url in new[] { $"/api/v1/applications/{reference}", $"/api/v1/applications/{active}" })
        {
            using var hidden = await ApiTokens.GetAsync(http, url, otherState);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        using (var otherList = await ApiTokens.GetAsync(http, "/api/v1/applications", otherState))
            Assert.Empty((await otherList.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
                .GetProperty("applications").EnumerateArray());
        using (var unknown = await ApiTokens.GetAsync(http, "/api/v1/applications/CAF-1999-999", owner))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_applicants_program_creates_a_draft_for_the_applicants_state_that_only_that_state_sees()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var owner = await PersonTokenAsync(http, GrantJourney.Applicant, secret, $"{ApiScopes.ApplicationsRead} {ApiScopes.ApplicationsWrite}");
        var program = await ApiTokens.AccessTokenAsync(http, Portal, secret, ApiScopes.ApplicationsRead);

        using var created = await PostAsync(http, owner, await ValidDraftAsync(http));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = Guid.Parse(draft.GetProperty("id").GetString()!);
        Assert.Equal($"/api/v1/applications/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Draft", draft.GetProperty("stage").GetString());
        Assert.Equal("KHM", draft.GetProperty("applicantState").GetString());
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("reference").ValueKind);
        Assert.Equal("1850.50", draft.GetProperty("requested").GetProperty("amount").GetString());

        using (var again = await ApiTokens.GetAsync(http, created.Headers.Location!.OriginalString, owner))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(draft.GetRawText(), (await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetRawText());
        }
        using (var notYet = await ApiTokens.GetAsync(http, created.Headers.Location!.OriginalString, program))
            Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);

        var saved = await _journey.LoadAsync(id);
        var states = await _journey.StateIdsAsync();
        Assert.Equal(states["KHM"], saved.ApplicantStateId);
        Assert.Equal("Draft", saved.Stage);
        Assert.Equal("Survey exchange", saved.Title);
        Assert.Equal(new DateOnly(2027, 3, 1), saved.ActivityStart);
        var partner = Assert.Single(saved.Partners);
        Assert.Equal((states["SEN"], Caf.Data.Entities.PartnerRole.Host), (partner.StatePartyId, partner.Role));
        Assert.Equal(new[] { (2m, 900.25m), (1m, 50m) }, saved.BudgetLines.OrderBy(l => l.Position).Select(l => (l.Quantity, l.UnitCost.Amount)));
        Assert.Equal("Chanthy Sok", Assert.Single(saved.Participants).Name);
        Assert.Equal(1_200m, saved.NationalContributionCash);
    }

    [Fact]
    public async Task A_draft_with_bad_fields_is_refused_with_every_field_named_and_nothing_is_saved()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var owner = await PersonTokenAsync(http, GrantJourney.Applicant, secret, ApiScopes.ApplicationsWrite);
        var before = await CountsAsync();
        var roundId = (await ValidDraftAsync(http))["roundId"];

        using var refused = await PostAsync(http, owner, new Dictionary<string, object?>
        {
            ["roundId"] = roundId,
            ["currency"] = "JPY",
            ["title"] = new string('T', 201),
            ["activityStart"] = "2027-03-08",
            ["activityEnd"] = "2027-03-01",
            ["partners"] = new[] { new { isoCode = "XYZ", role = "host" }, new { isoCode = "KHM", role = "visiting" }, new { isoCode = "SEN", role = "guest" } },
            ["budget"] = new[]
            {
                new { category = "Travel", description = "Flights", quantity = (decimal?)0m, unitCost = (decimal?)900m },
                new { category = "Venue", description = "Room", quantity = (decimal?)-1m, unitCost = (decimal?)10.555m },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        string Message(string field) => string.Join(" ", errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("under 200 characters", Message("title"));
        Assert.Contains("end on or after", Message("activityEnd"));
        Assert.Contains("'XYZ' is not the ISO code", Message("partners[0].isoCode"));
        Assert.Contains("other than the applicant", Message("partners[1].isoCode"));
        Assert.Contains("'guest' is not one of: host, visiting", Message("partners[2].role"));
        Assert.Contains("more than zero", Message("budget[0].quantity"));
        Assert.Contains("more than zero", Message("budget[1].quantity"));
        Assert.Contains("at most two decimals", Message("budget[1].unitCost"));
        Assert.Contains("'JPY' is not accepted: budgets for this round are in CHF.", Message("currency"));
        Assert.Equal(9, errors.EnumerateObject().Count());
        Assert.Equal(before, await CountsAsync());
    }

    /// <summary>A token issued before its person was disabled still looks valid until it expires: it reads and writes nothing.</summary>
    [Fact]
    public async Task A_disabled_persons_token_reads_and_writes_nothing_from_the_moment_they_are_disabled()
    {
        await factory.ResetAsync();
        await _scenario.ActiveGrantAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(30), partnerIso: "SEN");
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var token = await PersonTokenAsync(http, GrantJourney.Applicant, secret, $"{ApiScopes.ApplicationsRead} {ApiScopes.ApplicationsWrite}");
        using (var before = await ApiTokens.GetAsync(http, "/api/v1/applications", token))
            Assert.NotEmpty((await before.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
                .GetProperty("applications").EnumerateArray());
        var draft = await ValidDraftAsync(http);

        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant);
            user.LockoutEnabled = true;
            user.LockoutEnd = CafUser.DisabledUntil;
            return await db.SaveChangesAsync();
        });
        var counts = await CountsAsync();

        using (var list = await ApiTokens.GetAsync(http, "/api/v1/applications", token))
            Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
                .GetProperty("applications").EnumerateArray());
        using var create = await PostAsync(http, token, draft);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task Malformed_json_and_an_unreadable_query_answer_400_problem_details_naming_the_field_and_save_nothing()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var owner = await PersonTokenAsync(http, GrantJourney.Applicant, secret, ApiScopes.ApplicationsWrite);
        var before = await CountsAsync();

        foreach (var (body, field) in new[]
                 {
                     ("not json", "body"),
                     ("{\"title\": \"Survey", "title"),
                     ("{\"title\": \"Survey\", \"budget\": [{\"quantity\": \"a lot\"}]}", "budget[0].quantity"),
                     ("{\"activityStart\": \"2027-13-45\"}", "activityStart"),
                     ("{\"title\": \"Sur\\u0000vey\"}", "title"),
                     ("null", "body"),
                     ("{\"title\": \"Survey\", \"partners\": [null]}", "partners[0]"),
                     ("{\"title\": \"Survey\", \"budget\": [{\"description\": \"Flights\"}, null]}", "budget[1]"),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications")
                { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner);
            using var refused = await http.SendAsync(request);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)refused.StatusCode} {problem}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
            Assert.DoesNotContain("System.", problem);
        }
        Assert.Equal(before, await CountsAsync());

        var treasury = await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
        var ledgerToken = await ApiTokens.AccessTokenAsync(http, "treasury", treasury, ApiScopes.LedgerRead);
        foreach (var asOf in new[] { "abc", "0001-01-01", "2026-02-30" })
        {
            using var ledger = await ApiTokens.GetAsync(http, $"/api/v1/ledger?asOf={asOf}", ledgerToken);
            Assert.Equal(HttpStatusCode.BadRequest, ledger.StatusCode);
            Assert.Equal("application/problem+json", ledger.Content.Headers.ContentType?.MediaType);
            Assert.Contains("YYYY-MM-DD", (await ledger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
                .GetProperty("errors").GetProperty("asOf")[0].GetString());
        }
    }

    [Fact]
    public async Task An_overflowing_or_absurd_budget_is_refused_by_field_before_anything_is_written()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var owner = await PersonTokenAsync(http, GrantJourney.Applicant, secret, $"{ApiScopes.ApplicationsRead} {ApiScopes.ApplicationsWrite}");
        var before = await CountsAsync();
        var draft = await ValidDraftAsync(http);

        draft["budget"] = new[]
        {
            new { category = "travel", description = "Flights", quantity = decimal.MaxValue, unitCost = 900m },
            new { category = "travel", description = "Hotel", quantity = 2m, unitCost = 1e15m },
        };
        draft["contributionCash"] = 1e20m;
        draft["activityStart"] = "0001-01-01";
        using (var refused = await PostAsync(http, owner, draft))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
            Assert.Equal("The quantity of 'Flights' must be at most 100,000.", errors.GetProperty("budget[0].quantity")[0].GetString());
            Assert.Equal("The unit cost of 'Hotel' must be between 0 and 10,000,000.", errors.GetProperty("budget[1].unitCost")[0].GetString());
            Assert.Equal("The national contribution in cash must be between 0 and 100,000,000.", errors.GetProperty("contributionCash")[0].GetString());
            Assert.Equal("The start of the activities must be between 2000 and 2100.", errors.GetProperty("activityStart")[0].GetString());
        }

        // Each line within its bounds, the total asking for a billion.
        draft = await ValidDraftAsync(http);
        draft["budget"] = new[] { new { category = "venue", description = "Conference centre", quantity = 100m, unitCost = 9_999_999m } };
        using (var tooMuch = await PostAsync(http, owner, draft))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
            Assert.Contains("The budget total must be at most 100,000,000",
                (await tooMuch.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("budget")[0].GetString());
        }

        draft = await ValidDraftAsync(http);
        draft["budget"] = Enumerable.Range(1, 5_000).Select(i => new { category = "travel", description = $"Line {i}", quantity = 1m, unitCost = 1m }).ToArray();
        using (var tooLong = await PostAsync(http, owner, draft))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Equal("List at most 200 budget lines.",
                (await tooLong.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("budget")[0].GetString());
        }
        Assert.Equal(before, await CountsAsync());
        using var list = await ApiTokens.GetAsync(http, "/api/v1/applications", owner);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task A_budget_stored_before_the_bounds_existed_still_shows_on_every_page_and_in_the_api()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var owner = await PersonTokenAsync(http, GrantJourney.Applicant, secret, $"{ApiScopes.ApplicationsRead} {ApiScopes.ApplicationsWrite}");
        using var created = await PostAsync(http, owner, await ValidDraftAsync(http));
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!);
        // 10^15 × 10^15 is more than a decimal holds: what an unchecked write once stored.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"BudgetLine\" SET \"Quantity\" = 1000000000000000, \"UnitCostAmount\" = 1000000000000000"));

        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        foreach (var page in new[] { "/", $"/Applications/Details/{id}", $"/Applications/Edit/{id}", $"/Applications/Summary/{id}" })
        {
            var (status, _) = await applicant.GetAsync(page);
            Assert.True((int)status < 500, $"{page}: {(int)status}");
        }
        using var list = await ApiTokens.GetAsync(http, "/api/v1/applications", owner);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Creating_a_draft_needs_the_write_scope_which_only_an_applicant_can_give()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, Portal, [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], RedirectUri);
        using var http = NewHttpClient();
        var readOnly = await PersonTokenAsync(http, GrantJourney.Applicant, secret, ApiScopes.ApplicationsRead);
        var program = await ApiTokens.AccessTokenAsync(http, Portal, secret, ApiScopes.ApplicationsWrite);
        var body = await ValidDraftAsync(http);
        var before = await CountsAsync();

        using (var withoutScope = await PostAsync(http, readOnly, body))
            Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        // A program acting for itself has no State Party to apply for.
        using (var noPerson = await PostAsync(http, program, body))
            Assert.Equal(HttpStatusCode.Forbidden, noPerson.StatusCode);
        using (var noToken = await PostAsync(http, null, body))
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        // Finance may not create drafts, so cannot let a program do it.
        using (var finance = await _journey.SignInAsync(GrantJourney.Finance))
        {
            using var denied = await finance.Client.GetAsync(AuthorizeUrl(ApiScopes.ApplicationsWrite, ApiTokens.Pkce().Challenge));
            Assert.Equal("access_denied", ApiTokens.QueryOf(denied.Headers.Location!)["error"]);
        }
        Assert.Equal(before, await CountsAsync());
        var refused = await Assert.ThrowsAsync<Caf.Data.DomainException>(() =>
            ApiTokens.RegisterClientAsync(factory, "batch-importer", [ApiScopes.ApplicationsWrite]));
        Assert.Equal(nameof(ApiClientRegistration.RedirectUri), refused.Field);
    }

    /// <summary>A complete draft for an open round (read from the public rounds endpoint), with Senegal as host.</summary>
    private static async Task<Dictionary<string, object?>> ValidDraftAsync(HttpClient http)
    {
        var rounds = await http.GetFromJsonAsync<JsonElement>("/api/v1/rounds", TestContext.Current.CancellationToken);
        return new()
        {
            ["roundId"] = rounds.EnumerateArray().First().GetProperty("id").GetString(),
            ["title"] = "Survey exchange",
            ["summary"] = "Four survey staff learn non-technical survey methods from the host's teams.",
            ["activityStart"] = "2027-03-01",
            ["activityEnd"] = "2027-03-08",
            ["partners"] = new[] { new { isoCode = "SEN", role = "host" } },
            ["budget"] = new[]
            {
                new { category = "travel", description = "Flights", quantity = 2m, unitCost = 900.25m },
                new { category = "Venue", description = "Meeting room", quantity = 1m, unitCost = 50m },
            },
            ["delegation"] = new[] { new { name = "Chanthy Sok", function = "Deputy director", organisation = "CMAA", sex = "female", ageBand = "From40To59" } },
            ["themes"] = new[] { "ClearanceAndLandRelease" },
            ["contributionCash"] = 1200m,
        };
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? accessToken, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications") { Content = JsonContent.Create(body) };
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    private Task<(int Applications, int Workflows, int Transitions, int BudgetLines)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Applications.CountAsync(), await db.WorkflowInstances.CountAsync(),
            await db.WorkflowTransitions.CountAsync(), await db.Set<Caf.Data.Entities.BudgetLine>().CountAsync()));

    private Task<string> PersonTokenAsync(HttpClient http, string email, string secret, string scope) =>
        ApiTokens.PersonTokenAsync(factory, http, email, Portal, RedirectUri, secret, scope);

    private static string AuthorizeUrl(string scope, string challenge) => ApiTokens.AuthorizeUrl(Portal, RedirectUri, scope, challenge);
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteApiApplicationTests(SqliteAppFactory factory) : ApiApplicationTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresApiApplicationTests(PostgresAppFactory factory) : ApiApplicationTests(factory);
