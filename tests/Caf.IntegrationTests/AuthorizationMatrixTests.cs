using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// Every endpoint the application maps, read from its own endpoint metadata, against anonymous, each role, and an
/// applicant of another state. An endpoint missing from <see cref="Expectations"/> fails the test: nothing new can be
/// published without someone deciding who may reach it.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed partial class AuthorizationMatrixTests(SqliteAppFactory factory)
{
    private const string Owner = "applicant@caf.demo";          // Cambodia: the applicant state
    private const string OtherState = "applicant.co@caf.demo";  // Colombia: neither applicant nor partner
    private static readonly string[] Users =
        [Owner, OtherState, "isu@caf.demo", "gender@caf.demo", "member1@caf.demo", "chair@caf.demo", "finance@caf.demo", "auditor@caf.demo", "admin@caf.demo"];
    private static readonly string[] Staff = Users.Where(u => u is not (Owner or OtherState)).ToArray();

    /// <summary>Route pattern → who may reach it (besides anonymous, who may reach only public ones).</summary>
    private static readonly Dictionary<string, (bool Public, string[] Allowed)> Expectations = new()
    {
        [""] = (false, Users),
        ["Index"] = (false, Users),
        ["Error"] = (true, Users),
        ["health"] = (true, Users),
        ["Account/Login"] = (true, Users),
        ["Account/Language"] = (true, Users),
        ["Account/AccessDenied"] = (true, Users),
        ["Account/Logout"] = (false, Users),
        ["Account/LoginWith2fa"] = (true, Users),
        ["Account/SetupAuthenticator"] = (false, Users),
        ["Account/Preferences"] = (false, Users),
        ["Account/AcceptInvitation/{id:guid}"] = (true, Users),
        ["Account/ForgotPassword"] = (true, Users),
        ["Account/ResetPassword"] = (true, Users),
        ["Admin/Invite"] = (false, ["isu@caf.demo", "admin@caf.demo"]),
        ["Admin/Users"] = (false, ["admin@caf.demo"]),
        ["Admin/Outbox"] = (false, ["admin@caf.demo"]),
        ["Admin/Erasure"] = (false, ["admin@caf.demo"]),
        // The audit trail: the Auditor and the administrator (ADR 0027).
        ["Audit"] = (false, ["auditor@caf.demo", "admin@caf.demo"]),
        ["Audit/Index"] = (false, ["auditor@caf.demo", "admin@caf.demo"]),
        ["Admin/ReferenceData"] = (false, ["isu@caf.demo", "admin@caf.demo"]),
        ["Tasks"] = (false, Users),
        ["Dashboard"] = (false, Users),
        ["Dashboard/Index"] = (false, Users),
        ["Tasks/Index"] = (false, Users),
        ["Applications/Details/{id:guid}"] = (false, [Owner, .. Staff]),
        ["Applications/Summary/{id:guid}"] = (false, [Owner, .. Staff]),
        ["Applications/Edit/{id:guid?}"] = (false, [Owner]),
        ["Applications/Attachment/{id:guid}"] = (false, [Owner, .. Staff]),
        // Reached only at their stage: the matrix's application is Submitted, so these pages send everyone back to it.
        ["Applications/Respond/{id:guid}"] = (false, [Owner]),
        ["Eligibility/Screen/{id:guid}"] = (false, ["isu@caf.demo"]),
        ["Eligibility/Versions/{id:guid}"] = (false, ["isu@caf.demo", "auditor@caf.demo"]),
        ["GenderReview/Checklist/{id:guid}"] = (false, ["gender@caf.demo"]),
        ["GenderReview/Checklists"] = (false, ["isu@caf.demo", "auditor@caf.demo", "gender@caf.demo"]),
        ["GenderReview/NewChecklist"] = (false, ["isu@caf.demo"]),
        ["Committee/Score/{id:guid}"] = (false, ["member1@caf.demo", "chair@caf.demo"]),
        ["Committee/Decide/{id:guid}"] = (false, ["chair@caf.demo"]),
        // The matrix's application is Submitted: the ISU is sent back to it.
        ["Committee/ActingChair/{id:guid}"] = (false, ["isu@caf.demo"]),
        // The matrix's application is Submitted: the conflict form sends members back to it.
        ["Committee/Conflict/{id:guid}"] = (false, ["member1@caf.demo", "chair@caf.demo"]),
        ["Committee/Conflicts"] = (false, ["chair@caf.demo", "auditor@caf.demo"]),
        ["Committee/Ranking"] = (false, ["member1@caf.demo", "chair@caf.demo", "isu@caf.demo", "auditor@caf.demo"]),
        ["Committee/Minutes"] = (false, ["member1@caf.demo", "chair@caf.demo", "isu@caf.demo", "auditor@caf.demo"]),
        ["Committee/Rubrics"] = (false, ["member1@caf.demo", "chair@caf.demo", "isu@caf.demo", "auditor@caf.demo"]),
        ["Committee/NewRubric"] = (false, ["isu@caf.demo"]),
        ["Finance/Agreement/{id:guid}"] = (false, ["finance@caf.demo"]),
        // The signed agreement: finance, the ISU, the auditor and the applicant state, not its partners nor the committee (ADR 0026).
        ["Finance/SignedAgreement/{id:guid}"] = (false, [Owner, "isu@caf.demo", "finance@caf.demo", "auditor@caf.demo"]),
        ["Finance/Payment/{id:guid}"] = (false, ["finance@caf.demo"]),
        ["Finance/Tranches/{id:guid}"] = (false, ["finance@caf.demo"]),
        ["Finance/Disbursements"] = (false, ["finance@caf.demo"]),
        ["Finance/Reconcile/{id:guid}"] = (false, ["finance@caf.demo"]),
        ["Finance/Statements"] = (false, ["finance@caf.demo"]),
        ["Finance/Ledger"] = (false, ["finance@caf.demo", "auditor@caf.demo", "isu@caf.demo"]),
        // The matrix's application is submitted, with no entry yet: its grant ledger is an empty workbook for those who read the fund ledger.
        ["Finance/GrantLedger/{id:guid}"] = (false, ["finance@caf.demo", "auditor@caf.demo", "isu@caf.demo"]),
        ["Finance/Contributions"] = (false, ["finance@caf.demo"]),
        ["Finance/Charges"] = (false, ["finance@caf.demo"]),
        ["Finance/Reverse/{id:guid}"] = (false, ["finance@caf.demo"]),
        ["Finance/Rates"] = (false, ["finance@caf.demo"]),
        ["Reporting/FinalReport/{id:guid}"] = (false, [Owner]),
        ["Reporting/Extension/{id:guid}"] = (false, ["isu@caf.demo"]),
        ["Reporting/Review/{id:guid}/{number:int?}"] = (false, ["isu@caf.demo"]),
        ["Reporting/Interim/{id:guid}/{number:int}"] = (false, [Owner]),
        ["Reporting/Download/{id:guid}"] = (false, [Owner, "isu@caf.demo", "finance@caf.demo", "auditor@caf.demo"]),
        ["Workflows/Diagram/{id?}"] = (false, Staff),
        ["Rounds"] = (true, Users),
        ["Rounds/Manage"] = (false, ["isu@caf.demo", "auditor@caf.demo"]),
        ["Rounds/Edit/{id:guid?}"] = (false, ["isu@caf.demo"]),
        ["api/v1/rounds"] = (true, Users),
        // What is not an endpoint answers 404 as problem+json to everyone, never the sign-in page.
        ["api/{**path}"] = (true, Users),
        ["connect/authorize"] = (true, Users),
        ["connect/token"] = (true, Users),
        ["Api/Clients"] = (false, ["admin@caf.demo"]),
        ["Api/Clients/Index"] = (false, ["admin@caf.demo"]),
        ["Api/Clients/New"] = (false, ["admin@caf.demo"]),
        // Programs only: no page cookie reaches the API, whatever the role.
        ["api/v1/ledger"] = (false, []),
        ["api/v1/applications"] = (false, []),
        ["api/v1/applications/{id:guid}"] = (false, []),
        [@"api/v1/applications/{reference:regex(^CAF-\d{{4}}-\d{{3,}}$)}"] = (false, []),
        [@"api/v1/applications/{reference:regex(^CAF-\d{{4}}-\d{{3,}}$)}/scores"] = (false, []),
    };

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_users_it_should()
    {
        await factory.ResetAsync();
        var (applicationId, reportId) = await SubmittedApplicationWithReportAsync();
        var attachmentId = await factory.WithDbAsync(db => db.Attachments.Where(a => a.ApplicationId == applicationId).Select(a => a.Id).SingleAsync());
        var roundId = await factory.WithDbAsync(db => db.Rounds.Select(r => r.Id).FirstAsync());
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Reference).SingleAsync());
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText?.Trim('/') ?? "", Endpoint: e))
            .DistinctBy(e => e.Pattern).ToList();

        var unreviewed = endpoints.Where(e => !Expectations.ContainsKey(e.Pattern)).Select(e => e.Pattern).ToList();
        Assert.True(unreviewed.Count == 0, $"Endpoints nobody has decided access for: {string.Join(", ", unreviewed)}");
        foreach (var (pattern, endpoint) in endpoints)
        {
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(isPublic == Expectations[pattern].Public,
                isPublic ? $"/{pattern} is public but should not be." : $"/{pattern} should be marked public or is not.");
        }

        var sessions = await SignInEveryoneAsync();
        var ids = new MatrixIds(applicationId, reportId, attachmentId, roundId, reference!, await FundEntryAsync());
        var failures = new List<string>();
        foreach (var (pattern, _) in endpoints)
        {
            var url = UrlFor(pattern, ids);
            var (isPublic, allowed) = Expectations[pattern];
            foreach (var (who, session) in sessions)
            {
                var response = await session.Client.GetAsync(url);
                var expected = who == "anonymous" ? isPublic : isPublic || allowed.Contains(who);
                // Public pages may answer with an error status on purpose (the "not allowed" page says 403); reaching them is what counts.
                var actual = isPublic ? Reached(response) : Admitted(response);
                if (expected != actual)
                    failures.Add($"{url} as {who}: expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        foreach (var session in sessions.Values) session.Dispose();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Handler → who may post to it, and the form it is sent (besides a valid antiforgery token, so that what is tested is
    /// the authorization, not CSRF). Public pages take anyone. The forms are harmless: an unknown trigger, an empty
    /// form the page refuses as invalid, a throwaway person or client; the matrix's application is Submitted, so the
    /// pages of later stages send everyone they admit back to it. The sign-out is posted last.
    /// </summary>
    private static readonly Dictionary<string, (string[] Allowed, Dictionary<string, string>? Form)> PostExpectations = new()
    {
        ["Error"] = (Users, null),
        ["Account/Login"] = (Users, null),
        ["Account/Language"] = (Users, new() { ["code"] = "en", ["returnUrl"] = "/" }),
        ["Account/LoginWith2fa"] = (Users, null),
        ["Account/ForgotPassword"] = (Users, null),
        ["Account/ResetPassword"] = (Users, null),
        ["Account/AcceptInvitation/{id:guid}"] = (Users, null),
        ["Account/SetupAuthenticator"] = (Users, null),
        ["Account/SetupAuthenticator Change"] = (Users, null),
        ["Account/Preferences"] = (Users, null),
        ["Account/Logout"] = (Users, null),
        ["Admin/Invite"] = (["isu@caf.demo", "admin@caf.demo"], null),
        ["Admin/Users Disable"] = (["admin@caf.demo"], new() { ["userId"] = ThrowawayUser }),
        ["Admin/Users Enable"] = (["admin@caf.demo"], new() { ["userId"] = ThrowawayUser }),
        ["Admin/ReferenceData"] = (["isu@caf.demo", "admin@caf.demo"], null),
        ["Admin/Outbox Resend"] = (["admin@caf.demo"], null),
        ["Admin/Erasure"] = (["admin@caf.demo"], null),
        ["Audit Verify"] = (["auditor@caf.demo", "admin@caf.demo"], null),
        ["Audit Checkpoint"] = (["auditor@caf.demo", "admin@caf.demo"], null),
        ["Api/Clients Revoke"] = (["admin@caf.demo"], new() { ["clientId"] = ThrowawayClient }),
        ["Api/Clients/New"] = (["admin@caf.demo"], null),
        // The engine refuses an unknown trigger to whoever may read the application; others never learn it exists.
        ["Applications/Details/{id:guid} Fire"] = ([Owner, .. Staff], new() { ["trigger"] = "matrix-probe" }),
        // Only the applicant state, a partner state and the ISU may comment.
        ["Applications/Details/{id:guid} Comment"] = ([Owner, "isu@caf.demo"], null),
        ["Applications/Edit/{id:guid?} Save"] = ([Owner], null),
        ["Applications/Edit/{id:guid?} Submit"] = ([Owner], null),
        ["Applications/Edit/{id:guid?} RemoveAttachment"] = ([Owner], null),
        ["Applications/Respond/{id:guid}"] = ([Owner], null),
        ["Eligibility/Screen/{id:guid}"] = (["isu@caf.demo"], null),
        ["Eligibility/Screen/{id:guid} Rerun"] = (["isu@caf.demo"], null),
        ["GenderReview/Checklist/{id:guid}"] = (["gender@caf.demo"], null),
        ["GenderReview/NewChecklist"] = (["isu@caf.demo"], null),
        ["Committee/Score/{id:guid}"] = (["member1@caf.demo", "chair@caf.demo"], null),
        // A chair whose state is recused can still decide (issue 10 item 9, the committee's part): not visible here, where
        // the application is Submitted and the chair is not recused.
        ["Committee/Decide/{id:guid}"] = (["chair@caf.demo"], null),
        ["Committee/Conflict/{id:guid}"] = (["member1@caf.demo", "chair@caf.demo"], null),
        ["Committee/ActingChair/{id:guid}"] = (["isu@caf.demo"], null),
        ["Committee/NewRubric"] = (["isu@caf.demo"], null),
        ["Finance/Agreement/{id:guid}"] = (["finance@caf.demo"], null),
        ["Finance/Agreement/{id:guid} Copy"] = (["finance@caf.demo"], null),
        ["Finance/Payment/{id:guid}"] = (["finance@caf.demo"], null),
        ["Finance/Tranches/{id:guid} Request"] = (["finance@caf.demo"], null),
        ["Finance/Tranches/{id:guid} Approve"] = (["finance@caf.demo"], null),
        ["Finance/Tranches/{id:guid} Pay"] = (["finance@caf.demo"], null),
        ["Finance/Tranches/{id:guid} Cancel"] = (["finance@caf.demo"], null),
        ["Finance/Tranches/{id:guid} Bank"] = (["finance@caf.demo"], null),
        ["Finance/Tranches/{id:guid} Reveal"] = (["finance@caf.demo"], null),
        ["Finance/Reconcile/{id:guid} Termination"] = (["finance@caf.demo"], null),
        ["Finance/Reconcile/{id:guid} Waive"] = (["finance@caf.demo"], null),
        ["Finance/Statements Import"] = (["finance@caf.demo"], null),
        ["Finance/Statements Confirm"] = (["finance@caf.demo"], null),
        ["Finance/Statements Reject"] = (["finance@caf.demo"], null),
        ["Finance/Statements Match"] = (["finance@caf.demo"], null),
        ["Finance/Contributions"] = (["finance@caf.demo"], null),
        ["Finance/Charges"] = (["finance@caf.demo"], null),
        ["Finance/Reverse/{id:guid}"] = (["finance@caf.demo"], null),
        ["Finance/Rates"] = (["finance@caf.demo"], null),
        ["Finance/Rates Import"] = (["finance@caf.demo"], null),
        ["Reporting/FinalReport/{id:guid}"] = ([Owner], null),
        ["Reporting/FinalReport/{id:guid} Save"] = ([Owner], null),
        ["Reporting/Interim/{id:guid}/{number:int} Save"] = ([Owner], null),
        ["Reporting/Interim/{id:guid}/{number:int} Submit"] = ([Owner], null),
        ["Reporting/Extension/{id:guid}"] = (["isu@caf.demo"], null),
        ["Reporting/Review/{id:guid}/{number:int?} Return"] = (["isu@caf.demo"], null),
        ["Reporting/Review/{id:guid}/{number:int?} Accept"] = (["isu@caf.demo"], null),
        ["Rounds/Edit/{id:guid?}"] = (["isu@caf.demo"], null),
        ["Rounds/Edit/{id:guid?} Open"] = (["isu@caf.demo"], null),
        ["Rounds/Edit/{id:guid?} Close"] = (["isu@caf.demo"], null),
    };

    /// <summary>
    /// Named GET handlers (a page's downloads) → who may reach them. The page's authorization covers them; a row here makes
    /// someone decide, for each new one, that it should. The matrix has no meeting nor ranked round: those exports answer
    /// 404 to whoever the page admits, which still shows them past the page's authorization.
    /// </summary>
    private static readonly Dictionary<string, string[]> GetHandlerExpectations = new()
    {
        ["Committee/Minutes Export"] = ["member1@caf.demo", "chair@caf.demo", "isu@caf.demo", "auditor@caf.demo"],
        ["Committee/Ranking Export"] = ["member1@caf.demo", "chair@caf.demo", "isu@caf.demo", "auditor@caf.demo"],
        ["Finance/Ledger Download"] = ["finance@caf.demo", "auditor@caf.demo", "isu@caf.demo"],
        // The bank statements' lines, matched and not, beside the ledger: for the same readers as the ledger itself.
        ["Finance/Ledger Reconciliation"] = ["finance@caf.demo", "auditor@caf.demo", "isu@caf.demo"],
        // The latest signed checkpoint and the key that verifies it: for those who read the trail (ADR 0027).
        ["Audit Checkpoint"] = ["auditor@caf.demo", "admin@caf.demo"],
        ["Audit PublicKey"] = ["auditor@caf.demo", "admin@caf.demo"],
        ["Audit Export"] = ["auditor@caf.demo", "admin@caf.demo"],
    };

    [Fact]
    public async Task Every_named_get_handler_admits_exactly_the_users_it_should()
    {
        await factory.ResetAsync();
        var handlers = (await HandlersAsync("GET")).Where(h => h.Handler is not null).ToList();

        var unreviewed = handlers.Where(h => !GetHandlerExpectations.ContainsKey(h.Key)).Select(h => h.Key).ToList();
        Assert.True(unreviewed.Count == 0, $"GET handlers nobody has decided access for: {string.Join(", ", unreviewed)}");
        var gone = GetHandlerExpectations.Keys.Except(handlers.Select(h => h.Key)).ToList();
        Assert.True(gone.Count == 0, $"Rows for GET handlers that no longer exist: {string.Join(", ", gone)}");

        var sessions = await SignInEveryoneAsync();
        var failures = new List<string>();
        foreach (var (key, pattern, handler, _) in handlers)
        {
            var url = $"/{pattern}?handler={handler}";
            foreach (var (who, session) in sessions)
            {
                using var response = await session.Client.GetAsync(url);
                var expected = who != "anonymous" && GetHandlerExpectations[key].Contains(who);
                var actual = Admitted(response) || response.StatusCode == HttpStatusCode.NotFound;
                if (expected != actual || (int)response.StatusCode >= 500)
                    failures.Add($"GET {url} as {who}: expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        foreach (var session in sessions.Values) session.Dispose();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Every page handler of an HTTP method, by "pattern handler" (a page reached by two routes, "Api/Clients" and
    /// "Api/Clients/Index", once, by its shorter route), the sign-out last.
    /// </summary>
    private async Task<List<(string Key, string Pattern, string? Handler, string Page)>> HandlersAsync(string method)
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<(string Key, string Pattern, string? Handler, string Page)>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
            var pattern = endpoint.RoutePattern.RawText?.Trim('/') ?? "";
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
                handlers.Add(((pattern + " " + handler.Name).Trim(), pattern, handler.Name, page.ViewEnginePath));
        }
        return handlers.GroupBy(h => (h.Page, h.Handler)).Select(g => g.OrderBy(h => h.Pattern.Length).First())
            .OrderBy(h => h.Pattern == "Account/Logout").ThenBy(h => h.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Handlers whose admitted answer is a redirect to exactly this place (signing out lands on the sign-in page).</summary>
    private static readonly Dictionary<string, string> LandsOn = new() { ["Account/Logout"] = "/Account/Login" };


    private const string ThrowawayUser = "matrix-user";
    private const string ThrowawayClient = "matrix-client";

    [Fact]
    public async Task Every_post_handler_admits_exactly_the_users_it_should()
    {
        await factory.ResetAsync();
        var (applicationId, reportId) = await SubmittedApplicationWithReportAsync();
        var attachmentId = await factory.WithDbAsync(db => db.Attachments.Where(a => a.ApplicationId == applicationId).Select(a => a.Id).SingleAsync());
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Reference).SingleAsync());
        // A round of its own, so that opening or closing it changes nothing else the matrix reads.
        var roundId = await new GrantScenario(factory).OpenRoundAsync("Matrix round", 40_000m, 20_000m);
        var throwawayUser = await ThrowawayUserAsync();
        await ApiTokens.RegisterClientAsync(factory, ThrowawayClient, [Caf.Web.Features.Shared.ApiScopes.LedgerRead]);
        var ids = new MatrixIds(applicationId, reportId, attachmentId, roundId, reference!, await FundEntryAsync());

        var handlers = await HandlersAsync("POST");

        var unreviewed = handlers.Where(h => !PostExpectations.ContainsKey(h.Key)).Select(h => h.Key).ToList();
        Assert.True(unreviewed.Count == 0, $"POST handlers nobody has decided access for: {string.Join(", ", unreviewed)}");
        var gone = PostExpectations.Keys.Except(handlers.Select(h => h.Key)).ToList();
        Assert.True(gone.Count == 0, $"Rows for POST handlers that no longer exist: {string.Join(", ", gone)}");

        var sessions = await SignInEveryoneAsync();
        var tokens = new Dictionary<string, string>();
        foreach (var (who, session) in sessions) tokens[who] = await session.AntiforgeryTokenAsync();
        var failures = new List<string>();
        foreach (var (key, pattern, handler, _) in handlers)
        {
            var url = UrlFor(pattern, ids) + (handler is null ? "" : $"?handler={handler}");
            var (allowed, form) = PostExpectations[key];
            var isPublic = Expectations[pattern].Public;
            foreach (var (who, session) in sessions)
            {
                var fields = (form ?? []).ToDictionary(f => f.Key, f => f.Value == ThrowawayUser ? throwawayUser : f.Value);
                fields["__RequestVerificationToken"] = tokens[who];
                using var response = await session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
                var expected = isPublic || (who != "anonymous" && allowed.Contains(who));
                var actual = LandsOn.TryGetValue(key, out var landing) ? response.Headers.Location?.OriginalString == landing
                    : isPublic ? Reached(response) : Admitted(response);
                if (expected != actual || (int)response.StatusCode >= 500)
                    failures.Add($"POST {url} as {who}: expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        foreach (var session in sessions.Values) session.Dispose();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private sealed record MatrixIds(Guid Application, Guid Report, Guid Attachment, Guid Round, string Reference, Guid FundEntry);

    /// <summary>A seeded contribution: an entry finance may reverse from the ledger.</summary>
    private Task<Guid> FundEntryAsync() =>
        factory.WithDbAsync(db => db.LedgerEntries.Where(e => e.Kind == Caf.Data.Entities.LedgerEntryKind.Contribution).Select(e => e.Id).FirstAsync());

    private static string UrlFor(string pattern, MatrixIds ids) =>
        "/" + ReferenceParameter().Replace(pattern, ids.Reference).Replace("{**path}", "v1/no-such-endpoint")
            .Replace("{id:guid?}", pattern.StartsWith("Rounds/", StringComparison.Ordinal) ? ids.Round.ToString() : ids.Application.ToString()).Replace("{id?}", "caf-grant")
            .Replace("/{number:int?}", "").Replace("{number:int}", "1")
            .Replace("{id:guid}", pattern.StartsWith("Reporting/Download", StringComparison.Ordinal) ? ids.Report.ToString()
                : pattern.StartsWith("Applications/Attachment", StringComparison.Ordinal) ? ids.Attachment.ToString()
                : pattern.StartsWith("Finance/Reverse", StringComparison.Ordinal) ? ids.FundEntry.ToString()
                : ids.Application.ToString());

    /// <summary>Anonymous and every user of the matrix, each in a session of their own.</summary>
    private async Task<Dictionary<string, CafSession>> SignInEveryoneAsync()
    {
        var sessions = new Dictionary<string, CafSession> { ["anonymous"] = factory.NewSession() };
        foreach (var user in Users)
        {
            sessions[user] = factory.NewSession();
            await sessions[user].SignInAsync(user);
        }
        return sessions;
    }

    /// <summary>A person nobody signs in as, for the administrator to disable and enable.</summary>
    private async Task<string> ThrowawayUserAsync()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CafUser>>();
        var user = new CafUser { UserName = "matrix@caf.test", Email = "matrix@caf.test", DisplayName = "Matrix target" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    /// <summary>Denied: sent to sign in or to "not allowed", or answered 401, 403 or 404 (a record one may not know of).</summary>
    private static bool Admitted(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => false,
            HttpStatusCode.Redirect or HttpStatusCode.Found =>
                !location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) &&
                !location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase),
            _ => true,
        };
    }

    private static bool Reached(HttpResponseMessage response) =>
        response.StatusCode != HttpStatusCode.Unauthorized &&
        !(response.Headers.Location?.OriginalString ?? "").Contains("/Account/Login", StringComparison.OrdinalIgnoreCase);

    /// <summary>A submitted Cambodian application with Senegal as partner, and a report and a signed agreement on it to download.</summary>
    private async Task<(Guid Application, Guid Report)> SubmittedApplicationWithReportAsync()
    {
        var journey = new GrantJourney(factory);
        using var owner = await journey.SignInAsync(Owner);
        var fields = await journey.DraftFieldsAsync("Matrix exchange", "SEN", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(owner, fields);
        await GrantJourney.ExpectRedirectAsync(owner.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        var report = await factory.WithDbAsync(async db =>
        {
            var application = await db.Applications.WithGraph().SingleAsync(a => a.Id == id);
            // A report is sent in reporting: the application passes through it for the report, and stays submitted for the matrix.
            var submitted = application.Stage;
            application.Workflow!.RecordTransition("reports-due", GrantStages.Reporting, "seed", "Matrix seed", null, DateTime.UtcNow);
            var added = application.SubmitFinalReport("report.txt", "text/plain", "Report."u8.ToArray(), 100m, "seed", DateTime.UtcNow);
            // Likewise through approval for the signed agreement, which is kept once the agreement is recorded.
            var now = DateTime.UtcNow;
            var today = FundTime.DateOf(now);
            application.Workflow.RecordTransition("matrix", GrantStages.CommitteeReview, "seed", "Matrix seed", null, now);
            application.RecordDecision(application.RequestedAmount, "Matrix seed.", null, now);
            application.Workflow.RecordTransition("approve", GrantStages.Approved, "seed", "Matrix seed", null, DateTime.UtcNow);
            application.RecordAgreement(today, [new(application.RequestedAmount.Amount, TrancheCondition.OnSignature)], today);
            db.StoredFiles.Add(application.RecordSignedCopy("agreement.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), "seed", DateTime.UtcNow));
            application.Workflow.RecordTransition("back", submitted, "seed", "Matrix seed", null, DateTime.UtcNow);
            await db.SaveChangesAsync();
            return added.Id;
        });
        return (id, report);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{reference:.*\}(?=/|$)")]
    private static partial System.Text.RegularExpressions.Regex ReferenceParameter();
}
