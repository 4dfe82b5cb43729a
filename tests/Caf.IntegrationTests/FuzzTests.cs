using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// A bounded, repeatable fuzz run (issue 10, "Done when"): every POST handler of every page and every /api/v1 route,
/// found in the application's own endpoint list, gets malformed variants of its real form — NUL, CRLF, huge, negative
/// and non-numeric numbers, empty and duplicated fields, over-long text, foreign ids, broken multipart, malformed JSON —
/// sent by a person of the role the page is for, with a valid antiforgery token so that the handler is reached.
/// No answer may be 5xx, and an answer of 4xx may not have written any business row.
/// CAF_FUZZ_REQUESTS sets the number of requests (default 600; eng/fuzz.sh runs 4,000); CAF_FUZZ_SEED the seed.
/// </summary>
public abstract partial class FuzzTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    /// <summary>Handlers left out: they end the session the run relies on, and take no free text.</summary>
    private static readonly string[] Skipped = ["/Account/Logout", "/Account/SetupAuthenticator", "/Admin/Users"];

    /// <summary>Who sends the requests of each folder: the role the pages there are for.</summary>
    private static string? SenderFor(string page) => page switch
    {
        _ when page.StartsWith("/Account/Login", StringComparison.Ordinal) || page is "/Account/ForgotPassword" or "/Account/ResetPassword"
            or "/Account/AcceptInvitation" => null,
        _ when page.StartsWith("/Applications/Details", StringComparison.Ordinal) => GrantJourney.Isu,
        _ when page.StartsWith("/Applications", StringComparison.Ordinal) || page.StartsWith("/Reporting", StringComparison.Ordinal)
            || page.StartsWith("/Account", StringComparison.Ordinal) => GrantJourney.Applicant,
        _ when page.StartsWith("/Committee", StringComparison.Ordinal) => GrantJourney.Chair,
        _ when page.StartsWith("/Finance", StringComparison.Ordinal) => GrantJourney.Finance,
        _ when page.StartsWith("/GenderReview/Checklist/", StringComparison.Ordinal) => GrantJourney.Gender,
        _ when page.StartsWith("/Admin", StringComparison.Ordinal) || page.StartsWith("/Api", StringComparison.Ordinal) => "admin@caf.demo",
        _ => GrantJourney.Isu,
    };

    private static readonly string[] Numbers =
        ["79228162514264337593543950335", "-79228162514264337593543950335", "1e400", "1e15", "-1", "0", "0.001", "1,5", "NaN", "Infinity",
         "99999999999999999999999999999999999", "2147483648", "-2147483649", "0x10", "١٢٣"];
    private static readonly string[] Texts =
        ["", " ", "a lot", "\0", "x\0y", "line\r\nX-Injected: 1", "\"'<script>alert(1)</script>", "../../etc/passwd", "%00", "\u202Eevil",
         "0001-01-01", "9999-12-31", "2027-02-30", "00000000-0000-0000-0000-000000000000", "true", "null", "[]", "{}", "😀"];

    [Fact]
    public async Task Thousands_of_malformed_requests_answer_no_server_error_and_refused_ones_write_nothing()
    {
        await factory.ResetAsync();
        var requests = int.TryParse(Environment.GetEnvironmentVariable("CAF_FUZZ_REQUESTS"), out var n) && n > 0 ? n : 600;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("CAF_FUZZ_SEED"), out var seed) ? seed : 20261202);

        // Records in every stage the handlers act on, and ids that name nothing or someone else's record.
        var scenario = new GrantScenario(factory);
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var committee = await scenario.AtCommitteeReviewAsync(today.AddDays(60), GrantJourney.Members.Take(2).ToDictionary(m => m, _ => 4));
        var reporting = await scenario.ActiveGrantAsync(today.AddDays(-3), partnerIso: "SEN");
        await scenario.FireAsync(reporting, "reports-due", GrantJourney.Isu);
        var sessions = new Dictionary<string, CafSession>();
        async Task<CafSession> SessionAsync(string? email)
        {
            var key = email ?? "";
            if (sessions.TryGetValue(key, out var session)) return session;
            session = factory.NewSession();
            if (email is not null) await session.SignInAsync(email);
            return sessions[key] = session;
        }
        var applicant = await SessionAsync(GrantJourney.Applicant);
        var draft = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Fuzz draft", "COL", ("Flights", "2", "900")));
        Guid[] ids = [draft, committee, reporting, Guid.NewGuid(), Guid.Empty];

        var targets = Targets();
        Assert.Contains(targets, t => t.Page == "/Applications/Edit" && t.Handler == "Save");
        Assert.Contains(targets, t => t.Api && t.Method == "POST");
        var forms = new Dictionary<(string?, string), (string Token, List<KeyValuePair<string, string>> Fields)>();
        var failures = new List<string>();
        var partialWrites = new List<string>();
        var reached = new HashSet<string>();
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < requests; i++)
        {
            var target = targets[i % targets.Count];
            var url = target.Template.Replace("{id}", ids[random.Next(ids.Length)].ToString(), StringComparison.Ordinal);
            if (target.OptionalId && random.Next(3) == 0) url = target.Template.Replace("/{id}", "", StringComparison.Ordinal);
            var email = target.Api ? GrantJourney.Applicant : SenderFor(target.Page);
            var session = await SessionAsync(email);
            var before = await BusinessRowsAsync();
            HttpResponseMessage response;
            string variant;
            if (target.Api)
                (response, variant) = await SendApiAsync(target, url, random, session);
            else
            {
                if (!forms.TryGetValue((email, url), out var form)) forms[(email, url)] = form = await FormAsync(session, url);
                (response, variant) = await SendFormAsync(session, url, target.Handler, form.Token, form.Fields, random);
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var description = $"{target.Method} {url}{(target.Handler is null ? "" : $"?handler={target.Handler}")} as {email ?? "anonymous"} [{variant}] → {status}";
                if (status >= 500) failures.Add(description);
                if (status is not (401 or 403 or 404) && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) != true)
                    reached.Add($"{target.Page} {target.Handler}");
                // A refusal writes nothing; the one 4xx that saves is "Save and submit" on an incomplete draft, which keeps the draft.
                if (status is >= 400 and < 500 && target.Handler != "Submit" && await BusinessRowsAsync() is var after && after != before)
                    partialWrites.Add($"{description}: {before} → {after}");
            }
        }
        foreach (var session in sessions.Values) session.Dispose();

        var rows = await BusinessRowsAsync();
        ReliabilityRun.Report("fuzz", $"{(factory is PostgresAppFactory ? "PostgreSQL" : "SQLite")}, {requests} requests over {targets.Count} handlers " +
            $"({reached.Count} reached their handler): {string.Join(", ", statuses.Select(s => $"{s.Value}×{s.Key}"))}; {failures.Count} 5xx, " +
            $"{partialWrites.Count} refusals that wrote a business row (rows after: {rows})");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests answered 5xx:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct())}");
        Assert.True(partialWrites.Count == 0, $"Refused requests that wrote:{Environment.NewLine}{string.Join(Environment.NewLine, partialWrites)}");
    }

    private sealed record Target(string Page, string Template, string Method, string? Handler, bool OptionalId, bool Api);

    /// <summary>Every page POST handler and every API route, from the application's own endpoint list.</summary>
    private List<Target> Targets()
    {
        var targets = new List<Target>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var optional = raw.Contains("{id:guid?}", StringComparison.Ordinal) || raw.Contains("{id?}", StringComparison.Ordinal);
            var template = Regex.Replace(raw, @"\{id[^}]*\}", "{id}");
            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                if (Skipped.Any(s => page.ViewEnginePath.StartsWith(s, StringComparison.Ordinal)) || template.EndsWith("/Index", StringComparison.Ordinal))
                    continue;
                foreach (var handler in page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)))
                    targets.Add(new Target(page.ViewEnginePath, template, "POST", handler.Name, optional, Api: false));
            }
            else if (raw.StartsWith("/api/", StringComparison.Ordinal)
                     && endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods)
            {
                template = Regex.Replace(template, @"\{reference:regex\(.*?\)\}", "CAF-2026-001");
                foreach (var method in methods.HttpMethods)
                    targets.Add(new Target(raw, template, method, null, optional, Api: true));
            }
        }
        return targets.DistinctBy(t => (t.Template, t.Method, t.Handler)).OrderBy(t => t.Template, StringComparer.Ordinal).ThenBy(t => t.Handler).ToList();
    }

    /// <summary>The form the page shows (its fields and values, as a browser would send them) and its antiforgery token.</summary>
    private static async Task<(string Token, List<KeyValuePair<string, string>> Fields)> FormAsync(CafSession session, string url)
    {
        var (_, html) = await session.GetAsync(url);
        var token = TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value
            : TokenPattern().Match((await session.GetAsync("/Account/Login")).Html).Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match field in FieldPattern().Matches(html))
        {
            var tag = field.Value;
            var name = WebUtility.HtmlDecode(NameAttribute().Match(tag).Groups[1].Value);
            if (name is "" or "__RequestVerificationToken") continue;
            var value = ValueAttribute().Match(tag) is { Success: true } v ? WebUtility.HtmlDecode(v.Groups[1].Value) : "";
            if (tag.StartsWith("<select", StringComparison.Ordinal))
                value = OptionValue().Match(html, field.Index) is { Success: true } o ? WebUtility.HtmlDecode(o.Groups[1].Value) : "";
            if (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && value == "") value = "true";
            if (tag.Contains("type=\"file\"", StringComparison.Ordinal)) continue;
            fields.Add(new(name, value));
        }
        return (WebUtility.HtmlDecode(token), fields);
    }

    private static async Task<(HttpResponseMessage, string)> SendFormAsync(CafSession session, string url, string? handler, string token,
        List<KeyValuePair<string, string>> form, Random random)
    {
        var target = handler is null ? url : $"{url}?handler={handler}";
        var fields = form.ToList();
        string variant;
        switch (random.Next(12))
        {
            case 0 or 1 when fields.Count > 0:
            {
                var i = random.Next(fields.Count);
                var value = Numbers[random.Next(Numbers.Length)];
                fields[i] = new(fields[i].Key, value);
                variant = $"{fields[i].Key}={value}";
                break;
            }
            case 2 or 3 when fields.Count > 0:
            {
                var i = random.Next(fields.Count);
                var value = Texts[random.Next(Texts.Length)];
                fields[i] = new(fields[i].Key, value);
                variant = $"{fields[i].Key}={Printable(value)}";
                break;
            }
            case 4:
                // Every field at once: the worst number, or the longest text.
                var huge = random.Next(2) == 0;
                fields = fields.Select(f => new KeyValuePair<string, string>(f.Key, huge ? Numbers[0] : new string('é', 5_000))).ToList();
                variant = huge ? "every field 7.9e28" : "every field 5,000 characters";
                break;
            case 5 when fields.Count > 0:
            {
                var i = random.Next(fields.Count);
                fields.Add(new(fields[i].Key, Texts[random.Next(Texts.Length)]));
                variant = $"{fields[i].Key} twice";
                break;
            }
            case 6:
                fields = fields.Select(f => Guid.TryParse(f.Value, out _) ? new KeyValuePair<string, string>(f.Key, Guid.NewGuid().ToString()) : f).ToList();
                variant = "every id foreign";
                break;
            case 7:
                fields = [];
                variant = "no fields";
                break;
            case 8:
            {
                var content = new MultipartFormDataContent("fuzz");
                content.Add(new StringContent(token), "__RequestVerificationToken");
                foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
                var name = random.Next(4) switch { 0 => "let\"ter.pdf", 1 => "letter\r\n.pdf", 2 => new string('n', 300) + ".pdf", _ => "..\\..\\x.pdf" };
                var file = new ByteArrayContent(random.Next(2) == 0 ? "%PDF-1.7\n"u8.ToArray() : [0, 1, 2]);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{(random.Next(2) == 0 ? "EndorsementLetter" : "Input.File")}\"; filename=\"{name}\"");
                content.Add(file);
                return (await session.Client.PostAsync(target, content), $"upload named {Printable(name)}");
            }
            case 9:
            {
                var body = $"--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-da";
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
                return (await session.Client.PostAsync(target, content), "broken multipart");
            }
            case 10:
                fields.AddRange(Enumerable.Range(0, 1_100).Select(i => new KeyValuePair<string, string>($"f{i}", "x")));
                variant = "1,100 fields";
                break;
            default:
                variant = "the form as shown";
                break;
        }
        fields.Add(new("__RequestVerificationToken", token));
        return (await session.Client.PostAsync(target, new FormUrlEncodedContent(fields)), variant);
    }

    private async Task<(HttpResponseMessage, string)> SendApiAsync(Target target, string url, Random random, CafSession applicant)
    {
        using var request = new HttpRequestMessage(new HttpMethod(target.Method), url);
        string variant;
        if (target.Method == "GET")
        {
            var query = Texts.Concat(Numbers).ElementAt(random.Next(Texts.Length + Numbers.Length));
            request.RequestUri = new Uri($"{url}?asOf={Uri.EscapeDataString(query)}&reference={Uri.EscapeDataString(query)}", UriKind.Relative);
            variant = $"query {Printable(query)}";
        }
        else
        {
            var line = "{\"category\":\"travel\",\"description\":\"Flights\",\"quantity\":2,\"unitCost\":900}";
            var valid = $"{{\"roundId\":\"{await _journey.OpenRoundIdAsync()}\",\"title\":\"Fuzz\",\"partners\":[{{\"isoCode\":\"SEN\",\"role\":\"host\"}}],\"budget\":[{line}]}}";
            (string Body, string Name)[] bodies =
            [
                (valid[..random.Next(1, valid.Length)], "truncated JSON"),
                (valid.Replace("\"quantity\":2", $"\"quantity\":{Numbers[random.Next(Numbers.Length)]}", StringComparison.Ordinal), "odd quantity"),
                (valid.Replace("\"Fuzz\"", "\"Fu\\u0000zz\"", StringComparison.Ordinal), "NUL in the title"),
                (valid.Replace(line, string.Join(",", Enumerable.Repeat(line, 300)), StringComparison.Ordinal), "300 budget lines"),
                (valid.Replace("\"title\":\"Fuzz\"", "\"title\":[1,2]", StringComparison.Ordinal), "title a list"),
                (new string('[', 500) + new string(']', 500), "nested 500 deep"),
                ("null", "null"),
                ("", "empty"),
                (valid.Replace("SEN", Texts[random.Next(Texts.Length)].Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal), "odd partner"),
                (valid.Replace("\"roundId\":\"", $"\"roundId\":\"{Guid.NewGuid()}\",\"x\":\"", StringComparison.Ordinal), "foreign round"),
            ];
            var (body, name) = bodies[random.Next(bodies.Length)];
            request.Content = new StringContent(body, Encoding.UTF8, random.Next(8) == 0 ? "text/plain" : "application/json");
            variant = name;
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ApiTokenAsync(target));
        return (await applicant.Client.SendAsync(request), variant);
    }

    private readonly Dictionary<string, string> _apiTokens = [];

    /// <summary>An applicant's token with both application scopes, and a program's token to read the ledger.</summary>
    private async Task<string> ApiTokenAsync(Target target)
    {
        var ledger = target.Template.Contains("ledger", StringComparison.Ordinal);
        if (_apiTokens.TryGetValue(ledger ? "ledger" : "person", out var cached)) return cached;
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        string token;
        if (ledger)
        {
            var secret = await ApiTokens.RegisterClientAsync(factory, "fuzz-treasury", [ApiScopes.LedgerRead]);
            token = await ApiTokens.AccessTokenAsync(http, "fuzz-treasury", secret, ApiScopes.LedgerRead);
        }
        else
        {
            const string redirect = "https://portal.example.org/callback";
            var secret = await ApiTokens.RegisterClientAsync(factory, "fuzz-portal", [ApiScopes.ApplicationsRead, ApiScopes.ApplicationsWrite], redirect);
            token = await ApiTokens.PersonTokenAsync(factory, http, GrantJourney.Applicant, "fuzz-portal", redirect, secret,
                $"{ApiScopes.ApplicationsRead} {ApiScopes.ApplicationsWrite}");
        }
        return _apiTokens[ledger ? "ledger" : "person"] = token;
    }

    /// <summary>Rows of the tables a person's action creates; audit, outbox, sign-in and token tables may grow on a refusal.</summary>
    private Task<string> BusinessRowsAsync() => factory.WithDbAsync(async db => string.Join(",",
        await db.Applications.CountAsync(), await db.Set<BudgetLine>().CountAsync(), await db.Set<ApplicationPartner>().CountAsync(),
        await db.Set<Participant>().CountAsync(), await db.Attachments.CountAsync(), await db.Reports.CountAsync(),
        await db.LedgerEntries.CountAsync(), await db.Rounds.CountAsync(), await db.CommitteeScores.CountAsync(),
        await db.CommitteeMeetings.CountAsync(), await db.ConflictDeclarations.CountAsync(), await db.GenderReviews.CountAsync(),
        await db.ApplicationComments.CountAsync(), await db.WorkflowTransitions.CountAsync(), await db.Invitations.CountAsync(),
        await db.GenderChecklists.CountAsync(), await db.ScoringRubrics.CountAsync()));

    private static string Printable(string value) =>
        value.Length > 40 ? Printable(value[..40]) + "…" : value.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>")]
    private static partial Regex FieldPattern();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<option[^>]*value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteFuzzTests(SqliteAppFactory factory) : FuzzTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresFuzzTests(PostgresAppFactory factory) : FuzzTests(factory);
