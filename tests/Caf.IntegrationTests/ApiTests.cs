using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caf.Data.Auditing;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Api;
using Caf.Web.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Caf.IntegrationTests;

/// <summary>The OAuth server (/connect/*), the /api/v1 endpoints and the API client pages, on each database provider.</summary>
public abstract partial class ApiTests(CafAppFactory factory)
{
    private const string Admin = "admin@caf.demo";
    private const string RedirectUri = "https://reporting.example.org/callback";
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);

    private HttpClient NewHttpClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_client_with_ledger_read_gets_the_ledger_and_its_totals_per_currency_match_the_database()
    {
        await factory.ResetAsync();
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var grant = await _scenario.ActiveGrantAsync(today.AddDays(30));
        // A second currency: before the per-currency ledger, one USD entry made this endpoint answer 500.
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            db.LedgerEntries.AddRange(
                new Data.Entities.LedgerEntry(Data.Entities.LedgerEntryKind.Contribution, new Data.Money(10_000m, "USD").InFund(today), today, "Contribution: Canada", "CA-1", null, "test", now),
                new Data.Entities.LedgerEntry(Data.Entities.LedgerEntryKind.Commitment, new Data.Money(3_000m, "USD").InFund(today), today, "USD grant", null, grant, "test", now),
                new Data.Entities.LedgerEntry(Data.Entities.LedgerEntryKind.Disbursement, new Data.Money(2_400.5m, "USD").InFund(today), today, "USD tranche", "U1", grant, "test", now));
            return await db.SaveChangesAsync();
        });
        var secret = await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
        using var http = NewHttpClient();
        var token = await ApiTokens.AccessTokenAsync(http, "treasury", secret, ApiScopes.LedgerRead);

        using var response = await ApiTokens.GetAsync(http, "/api/v1/ledger", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A program's read of the ledger is in the audit trail: which program, what it asked for, what it was answered.
        var read = Assert.Single(await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "api.read").ToListAsync()));
        Assert.Contains("\"client\":\"treasury\"", read.Details);
        Assert.Contains("\"path\":\"/api/v1/ledger\"", read.Details);
        Assert.Contains("\"status\":200", read.Details);
        var ledger = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var asOf = DateOnly.Parse(ledger.GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture);
        var entries = await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ValueDate <= asOf).ToListAsync());
        Assert.True(entries.Count >= 6, "the seed's contributions, the grant's commitment and tranche, and the USD entries are in the ledger");
        Assert.Equal("CHF", ledger.GetProperty("currency").GetString());
        Assert.Contains("in that currency: the lines are never added up", ledger.GetProperty("note").GetString());
        Assert.Equal(entries.Count, ledger.GetProperty("entryCount").GetInt32());
        Assert.Equal(entries.Count, ledger.GetProperty("entries").GetArrayLength());
        var totals = ledger.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(["CHF", "USD"], totals.Select(t => t.GetProperty("currency").GetString()));
        foreach (var line in totals)
        {
            var currency = line.GetProperty("currency").GetString();
            var mine = entries.Where(e => e.Amount.Currency == currency && !Data.Finance.LedgerKinds.IsExchangeDifference(e.Kind)).ToList();
            var cashIn = mine.Where(e => Data.Entities.LedgerEntry.CashEffectOf(e.Kind, 1m) > 0).Sum(e => e.CashEffect);
            var cashOut = -mine.Where(e => Data.Entities.LedgerEntry.CashEffectOf(e.Kind, 1m) < 0).Sum(e => e.CashEffect);
            Assert.Equal(mine.Count, line.GetProperty("entryCount").GetInt32());
            AssertMoney(cashIn, line.GetProperty("cashIn"), currency);
            AssertMoney(cashOut, line.GetProperty("cashOut"), currency);
            AssertMoney(cashIn - cashOut, line.GetProperty("balance"), currency);
            AssertMoney(mine.Sum(e => e.CommitmentEffect), line.GetProperty("openCommitments"), currency);
        }
        AssertMoney(7_599.5m, totals[1].GetProperty("balance"), "USD");
        var tranche = ledger.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Disbursement"
            && e.GetProperty("cashOut").GetProperty("currency").GetString() == "CHF");
        AssertMoney(1_600m, tranche.GetProperty("cashOut"));
        // Each entry has its amount in fund currency with the rate that made it.
        foreach (var entry in ledger.GetProperty("entries").EnumerateArray())
        {
            var stored = entries.Single(e => e.Id == entry.GetProperty("id").GetGuid());
            AssertMoney(stored.FundAmount.Amount, entry.GetProperty("fundAmount"));
            Assert.Equal(Data.Finance.ExchangeRate.Format(stored.Rate), entry.GetProperty("rate").GetString());
            Assert.Equal(stored.RateSource, entry.GetProperty("rateSource").GetString());
        }

        // The page and its workbook work too, and say that nothing is converted.
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var page = await finance.GetAsync("/Finance/Ledger");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(Web.Features.Finance.LedgerTotals.Note("CHF"), System.Net.WebUtility.HtmlDecode(page.Html));
        Assert.Matches("id=\"balance-USD\">USD 7,599.50<", page.Html);
        using var download = await finance.Client.GetAsync("/Finance/Ledger?handler=Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_scope_gets_403_and_a_client_cannot_ask_for_a_scope_it_was_not_given()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, "intake-dashboard", [ApiScopes.ApplicationsRead]);
        using var http = NewHttpClient();

        var (status, body) = await ApiTokens.ClientCredentialsAsync(http, "intake-dashboard", secret, ApiScopes.LedgerRead);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.TryGetProperty("access_token", out _));

        var token = await ApiTokens.AccessTokenAsync(http, "intake-dashboard", secret, ApiScopes.ApplicationsRead);
        using var ledger = await ApiTokens.GetAsync(http, "/api/v1/ledger", token);
        Assert.Equal(HttpStatusCode.Forbidden, ledger.StatusCode);
        using var applications = await ApiTokens.GetAsync(http, "/api/v1/applications", token);
        Assert.Equal(HttpStatusCode.OK, applications.StatusCode);
    }

    [Fact]
    public async Task Without_a_bearer_token_the_api_answers_401_even_to_a_signed_in_finance_officer()
    {
        await factory.ResetAsync();
        using var anonymous = NewHttpClient();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync("/Finance/Ledger")).Status);

        foreach (var url in new[] { "/api/v1/ledger", "/api/v1/applications", $"/api/v1/applications/{Guid.NewGuid()}" })
        {
            using var noToken = await ApiTokens.GetAsync(anonymous, url, null);
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
            Assert.Contains(noToken.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            Assert.DoesNotContain("<html", await noToken.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

            using var cookieOnly = await finance.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);

            using var forged = await ApiTokens.GetAsync(anonymous, url, "not-a-token");
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
    }

    [Fact]
    public async Task A_path_or_method_the_api_does_not_have_answers_404_problem_details_not_the_sign_in_page()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await ApiTokens.AccessTokenAsync(http, "treasury", secret, ApiScopes.LedgerRead);

        foreach (var (method, url) in new[] { ("GET", "/api/v1/nonexistent"), ("PUT", "/api/v1/rounds"), ("DELETE", "/api/v1/ledger"), ("PATCH", "/api/v2/x") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} {url}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_wrong_secret_gets_invalid_client()
    {
        await factory.ResetAsync();
        await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
        using var http = NewHttpClient();

        var (status, body) = await ApiTokens.ClientCredentialsAsync(http, "treasury", "not-the-secret", ApiScopes.LedgerRead);

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal("invalid_client", ApiTokens.Error(body));
        var (_, unknown) = await ApiTokens.ClientCredentialsAsync(http, "nobody", "whatever", ApiScopes.LedgerRead);
        Assert.Equal("invalid_client", ApiTokens.Error(unknown));
    }

    [Fact]
    public async Task A_revoked_client_can_no_longer_get_a_token_and_its_tokens_stop_working()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
        using var http = NewHttpClient();
        var token = await ApiTokens.AccessTokenAsync(http, "treasury", secret, ApiScopes.LedgerRead);
        using (var before = await ApiTokens.GetAsync(http, "/api/v1/ledger", token))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Assert.True(await ApiTokens.RevokeClientAsync(factory, "treasury"));

        var (_, body) = await ApiTokens.ClientCredentialsAsync(http, "treasury", secret, ApiScopes.LedgerRead);
        Assert.Equal("invalid_client", ApiTokens.Error(body));
        using (var after = await ApiTokens.GetAsync(http, "/api/v1/ledger", token))
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.False(await ApiTokens.RevokeClientAsync(factory, "treasury"));

        var (audit, chainBreak) = await factory.WithDbAsync(async db =>
        {
            var all = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            return (all, AuditChain.FindFirstBreak(all));
        });
        Assert.Null(chainBreak);
        Assert.Equal([ApiClientRegistry.RegisteredAction, ApiClientRegistry.RevokedAction],
            audit.Where(e => e.EntityType == "ApiClient" && e.EntityId == "treasury").Select(e => e.Action));
        Assert.DoesNotContain(audit, e => e.Details?.Contains(secret) == true);
    }

    [Fact]
    public async Task The_applications_endpoints_show_submitted_applications_but_never_drafts()
    {
        await factory.ResetAsync();
        var active = await _scenario.ActiveGrantAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(30));
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var draft = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Still a draft", "COL", ("Flights", "1", "500")));
        var secret = await ApiTokens.RegisterClientAsync(factory, "intake-dashboard", [ApiScopes.ApplicationsRead]);
        using var http = NewHttpClient();
        var token = await ApiTokens.AccessTokenAsync(http, "intake-dashboard", secret, ApiScopes.ApplicationsRead);

        using var list = await ApiTokens.GetAsync(http, "/api/v1/applications", token);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var applications = (await list.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
            .GetProperty("applications").EnumerateArray().ToList();
        var listed = Assert.Single(applications);
        Assert.Equal(active.ToString(), listed.GetProperty("id").GetString());
        Assert.Matches(@"^CAF-\d{4}-\d{3}$", listed.GetProperty("reference").GetString());
        Assert.Equal("Timers exchange", listed.GetProperty("title").GetString());
        Assert.Equal("KHM", listed.GetProperty("applicantState").GetString());
        Assert.Equal("Active", listed.GetProperty("stage").GetString());
        AssertMoney(2_000m, listed.GetProperty("requested"));

        using var one = await ApiTokens.GetAsync(http, $"/api/v1/applications/{active}", token);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(listed.GetProperty("reference").GetString(),
            (await one.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("reference").GetString());
        // Committee members' scores stay on the pages, where who may see them is decided; the API shows none.
        Assert.DoesNotContain("score", await one.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        using var hidden = await ApiTokens.GetAsync(http, $"/api/v1/applications/{draft}", token);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var unknown = await ApiTokens.GetAsync(http, $"/api/v1/applications/{Guid.NewGuid()}", token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_authorizes_a_program_with_a_code_and_PKCE_and_it_refreshes_its_token()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, "reporting-portal", [ApiScopes.LedgerRead, ApiScopes.ApplicationsRead], RedirectUri);
        using var http = NewHttpClient();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (verifier, challenge) = ApiTokens.Pkce();

        using var authorize = await finance.Client.GetAsync(AuthorizeUrl("reporting-portal", $"{ApiScopes.LedgerRead} offline_access", challenge));

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.Equal(RedirectUri, location.GetLeftPart(UriPartial.Path));
        var answer = ApiTokens.QueryOf(location);
        Assert.Equal("state-123", answer["state"]);
        var code = answer["code"];

        var exchange = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri,
            ["client_id"] = "reporting-portal", ["client_secret"] = secret,
        };
        var (withoutVerifier, refused) = await ApiTokens.RequestAsync(http, exchange);
        Assert.Equal(HttpStatusCode.BadRequest, withoutVerifier);
        Assert.Equal("invalid_request", ApiTokens.Error(refused));

        var (status, tokens) = await ApiTokens.RequestAsync(http, new(exchange) { ["code_verifier"] = verifier });
        Assert.True(status == HttpStatusCode.OK, $"code exchange failed: {tokens}");
        using (var ledger = await ApiTokens.GetAsync(http, "/api/v1/ledger", tokens.GetProperty("access_token").GetString()))
            Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        using (var notGranted = await ApiTokens.GetAsync(http, "/api/v1/applications", tokens.GetProperty("access_token").GetString()))
            Assert.Equal(HttpStatusCode.Forbidden, notGranted.StatusCode);
        var (refreshed, renewed) = await ApiTokens.RequestAsync(http, new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
            ["client_id"] = "reporting-portal", ["client_secret"] = secret,
        });
        Assert.True(refreshed == HttpStatusCode.OK, $"refresh failed: {renewed}");
        var renewedToken = renewed.GetProperty("access_token").GetString();
        using (var again = await ApiTokens.GetAsync(http, "/api/v1/ledger", renewedToken))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // A code used twice was stolen somewhere: everything issued from it is revoked (RFC 6749 §4.1.2).
        var (_, replay) = await ApiTokens.RequestAsync(http, new(exchange) { ["code_verifier"] = verifier });
        Assert.Equal("invalid_grant", ApiTokens.Error(replay));
        using (var revoked = await ApiTokens.GetAsync(http, "/api/v1/ledger", renewedToken))
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        var (_, noMore) = await ApiTokens.RequestAsync(http, new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = renewed.GetProperty("refresh_token").GetString()!,
            ["client_id"] = "reporting-portal", ["client_secret"] = secret,
        });
        Assert.Equal("invalid_grant", ApiTokens.Error(noMore));
    }

    [Fact]
    public async Task Authorization_needs_a_signed_in_person_who_may_give_the_access_asked_for()
    {
        await factory.ResetAsync();
        await ApiTokens.RegisterClientAsync(factory, "reporting-portal", [ApiScopes.LedgerRead], RedirectUri);
        var (_, challenge) = ApiTokens.Pkce();
        var url = AuthorizeUrl("reporting-portal", ApiScopes.LedgerRead, challenge);

        using var anonymous = factory.NewSession();
        using var toSignIn = await anonymous.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal("/Account/Login", toSignIn.Headers.Location!.AbsolutePath);
        Assert.StartsWith("/connect/authorize?", ApiTokens.QueryOf(toSignIn.Headers.Location)["ReturnUrl"]);

        // An applicant may not read the fund ledger, so cannot let a program read it either.
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        using var denied = await applicant.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var answer = ApiTokens.QueryOf(denied.Headers.Location!);
        Assert.Equal("access_denied", answer["error"]);
        Assert.False(answer.ContainsKey("code"));

        // PKCE is required: without a code challenge there is no code, not even for a person who may read the ledger.
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        using var withoutPkce = await finance.Client.GetAsync(url.Replace($"code_challenge={challenge}", "code_challenge="));
        Assert.Equal(HttpStatusCode.BadRequest, withoutPkce.StatusCode);
        Assert.Contains("code_challenge", await withoutPkce.Content.ReadAsStringAsync());
        using var plainPkce = await finance.Client.GetAsync(AuthorizeUrl("reporting-portal", ApiScopes.LedgerRead, challenge, method: "plain"));
        Assert.Equal(HttpStatusCode.BadRequest, plainPkce.StatusCode);
        Assert.Contains("code_challenge_method", await plainPkce.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_pruning_job_deletes_spent_tokens_older_than_the_retention_period()
    {
        await factory.ResetAsync();
        var secret = await ApiTokens.RegisterClientAsync(factory, "reporting-portal", [ApiScopes.LedgerRead], RedirectUri);
        using var http = NewHttpClient();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (verifier, challenge) = ApiTokens.Pkce();
        using var authorize = await finance.Client.GetAsync(AuthorizeUrl("reporting-portal", $"{ApiScopes.LedgerRead} offline_access", challenge));
        var (status, tokens) = await ApiTokens.RequestAsync(http, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = ApiTokens.QueryOf(authorize.Headers.Location!)["code"],
            ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier, ["client_id"] = "reporting-portal", ["client_secret"] = secret,
        });
        Assert.True(status == HttpStatusCode.OK, $"code exchange failed: {tokens}");
        Task<List<string?>> StatusesAsync() => factory.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>().Select(t => t.Status).ToListAsync());
        Assert.Contains("redeemed", await StatusesAsync());

        await RunPruningJobAsync();
        Assert.Contains("redeemed", await StatusesAsync());

        factory.Clock.Advance(TokenPruningJob.Retention + TimeSpan.FromDays(1));
        await RunPruningJobAsync();

        var left = await StatusesAsync();
        Assert.DoesNotContain("redeemed", left);
        Assert.Contains("valid", left);
    }

    [Fact]
    public async Task Only_an_admin_may_open_the_api_client_pages()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        foreach (var url in new[] { "/Api/Clients", "/Api/Clients/New" })
            Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(finance, await finance.Client.GetAsync(url)));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(finance, await finance.PostFormAsync("/Api/Clients/New", new()
        {
            ["Input.ClientId"] = "sneaky", ["Input.DisplayName"] = "Sneaky", ["Input.Scopes"] = ApiScopes.LedgerRead,
        })));
        Assert.Empty(await factory.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().ToListAsync()));

        using var admin = await _journey.SignInAsync(Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Api/Clients")).Status);
    }

    [Fact]
    public async Task An_admin_registers_a_client_sees_its_secret_once_and_revokes_it()
    {
        await factory.ResetAsync();
        using var admin = await _journey.SignInAsync(Admin);

        var invalid = await admin.PostFormAsync("/Api/Clients/New", new() { ["Input.ClientId"] = "Not Valid!", ["Input.DisplayName"] = "Treasury" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var page = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Choose at least one kind of access.", page);
        Assert.Contains("value=\"Not Valid!\"", page);

        var badId = await admin.PostFormAsync("/Api/Clients/New", new()
        {
            ["Input.ClientId"] = "Not Valid!", ["Input.DisplayName"] = "Treasury", ["Input.Scopes"] = ApiScopes.LedgerRead,
        });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("lower-case letters", await badId.Content.ReadAsStringAsync());

        var registered = await admin.PostFormAsync("/Api/Clients/New", new()
        {
            ["Input.ClientId"] = "treasury", ["Input.DisplayName"] = "Treasury reconciliation", ["Input.Scopes"] = ApiScopes.LedgerRead,
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("no-store", registered.Headers.CacheControl?.ToString());
        var secret = WebUtility.HtmlDecode(SecretPattern().Match(await registered.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.NotEmpty(secret);
        using var http = NewHttpClient();
        await ApiTokens.AccessTokenAsync(http, "treasury", secret, ApiScopes.LedgerRead);

        var again = await admin.PostFormAsync("/Api/Clients/New", new()
        {
            ["Input.ClientId"] = "treasury", ["Input.DisplayName"] = "Again", ["Input.Scopes"] = ApiScopes.LedgerRead,
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already registered", await again.Content.ReadAsStringAsync());

        var (_, list) = await admin.GetAsync("/Api/Clients");
        Assert.Contains("Treasury reconciliation", list);
        Assert.DoesNotContain(secret, list);

        var revoked = await admin.PostFormAsync("/Api/Clients", new() { ["clientId"] = "treasury" }, "Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var (_, after) = await admin.GetAsync("/Api/Clients");
        Assert.DoesNotContain("Treasury reconciliation", after);
        Assert.Contains("revoked", after);
        var (_, refused) = await ApiTokens.ClientCredentialsAsync(http, "treasury", secret, ApiScopes.LedgerRead);
        Assert.Equal("invalid_client", ApiTokens.Error(refused));

        var audit = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "ApiClient").OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal([ApiClientRegistry.RegisteredAction, ApiClientRegistry.RevokedAction], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(Admin, e.UserName));
    }

    private static string AuthorizeUrl(string clientId, string scope, string challenge, string method = "S256") =>
        "/connect/authorize" + QueryString.Create(new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = "state-123",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        });

    private async Task RunPruningJobAsync()
    {
        using var scope = factory.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<TokenPruningJob>(scope.ServiceProvider);
        await job.Execute(null!, TestContext.Current.CancellationToken);
    }

    /// <summary>The status a browser ends on: a refusal by role answers with the access-denied page.</summary>
    private static async Task<HttpStatusCode> FinalStatusAsync(CafSession session, HttpResponseMessage response)
    {
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location) return response.StatusCode;
            Assert.Contains("/Account/AccessDenied", location.OriginalString);
            return (await session.GetAsync(location.OriginalString)).Status;
        }
    }

    private static void AssertMoney(decimal expected, JsonElement money, string? currency = "CHF")
    {
        Assert.Equal(JsonValueKind.String, money.GetProperty("amount").ValueKind);
        Assert.Equal(expected.ToString("0.00", CultureInfo.InvariantCulture), money.GetProperty("amount").GetString());
        Assert.Equal(currency, money.GetProperty("currency").GetString());
    }

    [GeneratedRegex("id=\"client-secret\">([^<]+)<")]
    private static partial Regex SecretPattern();
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteApiTests(SqliteAppFactory factory) : ApiTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresApiTests(PostgresAppFactory factory) : ApiTests(factory);

/// <summary>The token keys outside Development: certificates from configuration, or no start at all; HTTPS only.</summary>
public sealed class ApiProductionTests
{
    [Fact]
    public async Task In_production_the_app_does_not_start_without_the_token_certificates()
    {
        await using var factory = new ApiProductionAppFactory(null, null);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => factory.InitializeAsync().AsTask());

        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains("CafGrants cannot start", messages);
        Assert.Contains("OpenIddict:SigningCertificate:Path", messages);
    }

    [Fact]
    public async Task In_production_tokens_are_signed_with_the_configured_certificate_and_served_over_https_only()
    {
        var path = Path.Combine(Path.GetTempPath(), "caf-tests", $"tokens-{Guid.NewGuid():N}.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var certificate = ApiProductionAppFactory.WriteTokenCertificate(path, "pfx-password");
        try
        {
            await using var factory = new ApiProductionAppFactory(path, "pfx-password");
            await factory.InitializeAsync();
            var secret = await ApiTokens.RegisterClientAsync(factory, "treasury", [ApiScopes.LedgerRead]);
            using var https = factory.CreateClient(new WebApplicationFactoryClientOptions
                { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            using var plain = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            var token = await ApiTokens.AccessTokenAsync(https, "treasury", secret, ApiScopes.LedgerRead);
            using (var ledger = await ApiTokens.GetAsync(https, "/api/v1/ledger", token))
                Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
            var jwks = await https.GetFromJsonAsync<JsonElement>("/.well-known/jwks", TestContext.Current.CancellationToken);
            var thumbprint = System.Buffers.Text.Base64Url.EncodeToString(certificate.GetCertHash());
            Assert.Contains(jwks.GetProperty("keys").EnumerateArray(), k => k.TryGetProperty("x5t", out var x5t) && x5t.GetString() == thumbprint);

            var (status, body) = await ApiTokens.ClientCredentialsAsync(plain, "treasury", secret, ApiScopes.LedgerRead);
            Assert.NotEqual(HttpStatusCode.OK, status);
            Assert.False(body.TryGetProperty("access_token", out _));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        if (exception is AggregateException aggregate)
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        else if (exception.InnerException is { } inner)
            foreach (var nested in Flatten(inner)) yield return nested;
    }
}
