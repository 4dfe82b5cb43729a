using System.Globalization;
using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Web.Features.Applications;
using Caf.Web.Features.Finance;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Api;

/// <summary>An amount as a decimal string (never a binary float) with its ISO currency.</summary>
public sealed record ApiMoney(string Amount, string Currency)
{
    public static ApiMoney From(Money money) => From(money.Amount, money.Currency);
    public static ApiMoney From(decimal amount, string currency) => new(amount.ToString("0.00", CultureInfo.InvariantCulture), currency);
}

public sealed record ApiLedgerTotals(string Currency, int EntryCount, ApiMoney CashIn, ApiMoney CashOut, ApiMoney Balance, ApiMoney OpenCommitments);

public sealed record ApiLedgerEntry(DateOnly ValueDate, string Kind, string? Grant, string Description, string? BankReference,
    ApiMoney CashIn, ApiMoney CashOut, ApiMoney CommitmentChange);

/// <summary>The fund ledger; <c>Totals</c> has one line per currency (the fund's first), never a sum across currencies.</summary>
public sealed record ApiLedger(DateOnly AsOf, string Currency, string Note, int EntryCount, IReadOnlyList<ApiLedgerTotals> Totals,
    IReadOnlyList<ApiLedgerEntry> Entries);

public sealed record ApiApplication(Guid Id, string? Reference, string Title, string? ApplicantState, string Stage, ApiMoney Requested);

public sealed record ApiApplicationList(IReadOnlyList<ApiApplication> Applications);

/// <summary>
/// The API under /api/v1. Every endpoint but the open rounds demands a bearer access token from this application's own
/// OAuth server with the endpoint's scope: 401 without one (a page cookie is not one), 403 when the scope is missing.
/// A program acting for itself reads applications past their draft; a person's token sees what that person sees on the
/// pages, and an applicant's may create drafts for their State Party. Committee scores are read only with the token of
/// a person who sees them on the pages (CommitteeScoresEndpoint).
/// </summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapCafApi(this IEndpointRouteBuilder app)
    {
        AuthorizationServerEndpoints.Map(app);

        // Status codes stay bare here: a program reading JSON should not receive the HTML error page.
        var api = app.MapGroup("/api/v1").WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        // The open calls for proposals are public, like the page that lists them; drafts and closed rounds are not listed.
        api.MapGet("/rounds", async (CafDbContext db, TimeProvider clock, CancellationToken ct) =>
            (await Rounds.OpenModel.OpenRoundsAsync(db, clock.GetUtcNow().UtcDateTime, ct)).Select(r => new
            {
                id = r.Id,
                title = r.Title,
                opensAt = r.OpensAtUtc,
                closesAt = r.ClosesAtUtc,
                description = r.Description,
                envelope = new { amount = r.Envelope.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = r.Envelope.Currency },
                ceiling = new { amount = r.Ceiling.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = r.Ceiling.Currency },
                maxDurationDays = r.MaxDurationDays,
                implementationStart = r.ImplementationStart,
                implementationEnd = r.ImplementationEnd,
                allowedCurrencies = r.AllowedCurrencies,
            })).AllowAnonymous();
        api.MapGet("/ledger", ReadLedgerAsync).RequireAuthorization(ApiScopes.Policies.LedgerRead);
        api.MapGet("/applications", ListApplicationsAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapGet("/applications/{id:guid}", ReadApplicationAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapGet($"/applications/{{reference:regex({ReferencePattern})}}", ReadApplicationByReferenceAsync)
            .RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapGet($"/applications/{{reference:regex({ReferencePattern})}}/scores", Committee.CommitteeScoresEndpoint.ReadAsync)
            .RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapPost("/applications", CreateDraftAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsWrite).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<ApiLedger>, ValidationProblem>> ReadLedgerAsync(FundLedger ledger,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, CancellationToken ct)
    {
        // Read here rather than bound, so that a date that cannot be read answers problem details naming the field.
        if (!ApiRequest.TryReadDate(asOfText, out var asOf))
            return ApiRequest.Invalid("asOf", "Give the date as YYYY-MM-DD between 2000 and 2100, for example 2026-12-31.");
        var (rows, totals) = await ledger.ReadAsync(asOf, ct);
        var entries = rows.Select(r => new ApiLedgerEntry(r.ValueDate, r.Kind.ToString(), r.Grant, r.Description, r.BankReference,
            ApiMoney.From(r.CashIn, r.Currency), ApiMoney.From(r.CashOut, r.Currency), ApiMoney.From(r.CommitmentChange, r.Currency))).ToList();
        return TypedResults.Ok(new ApiLedger(totals.AsOf, totals.PerCurrency[0].Currency, LedgerTotals.PerCurrencyNote, totals.EntryCount,
            totals.PerCurrency.Select(t => new ApiLedgerTotals(t.Currency, t.EntryCount, ApiMoney.From(t.CashIn), ApiMoney.From(t.CashOut),
                ApiMoney.From(t.Balance), ApiMoney.From(t.OpenCommitments))).ToList(),
            entries));
    }

    /// <summary>CAF-YYYY-NNN, as GrantApplication numbers them; braces doubled for the route template.</summary>
    private const string ReferencePattern = @"^CAF-\d{{4}}-\d{{3,}}$";

    private static async Task<Ok<ApiApplicationList>> ListApplicationsAsync(ApiCallers callers, ClaimsPrincipal token, CancellationToken ct)
    {
        var applications = await (await callers.VisibleApplicationsAsync(token)).ToListAsync(ct);
        return TypedResults.Ok(new ApiApplicationList(applications
            .OrderBy(a => a.Reference, StringComparer.Ordinal).Select(ToApi).ToList()));
    }

    private static Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadApplicationAsync(Guid id, ApiCallers callers,
        ClaimsPrincipal token, CancellationToken ct) =>
        ReadOneAsync(callers, token, a => a.Id == id, "There is no application with this id that you may see.", ct);

    private static Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadApplicationByReferenceAsync(string reference,
        ApiCallers callers, ClaimsPrincipal token, CancellationToken ct) =>
        ReadOneAsync(callers, token, a => a.Reference == reference, "There is no application with this reference that you may see.", ct);

    private static async Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadOneAsync(ApiCallers callers, ClaimsPrincipal token,
        System.Linq.Expressions.Expression<Func<GrantApplication, bool>> which, string notFound, CancellationToken ct) =>
        await (await callers.VisibleApplicationsAsync(token)).FirstOrDefaultAsync(which, ct) is { } application
            ? TypedResults.Ok(ToApi(application))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: notFound);

    /// <summary>
    /// A draft for the applicant's own State Party, checked by the Edit page's rules and created the way the page creates
    /// one: the workflow started and entered, then the form applied and saved as one unit of work. Nothing is written
    /// while any field is refused, and every refused field is listed at once.
    /// </summary>
    private static async Task<Results<Created<ApiApplication>, ValidationProblem, ProblemHttpResult>> CreateDraftAsync(HttpRequest request,
        ApiCallers callers, ClaimsPrincipal token, CafDbContext db, Drafts drafts, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var person = (await callers.ResolveAsync(token)).Person;
        if (person is null || !person.IsInRole(CafRoles.Applicant) || person.StatePartyId() is not { } stateId)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Only a token of an applicant, acting for their own State Party, can create a draft.");
        var (draft, unreadable) = await ApiRequest.ReadJsonAsync<ApiDraft>(request, json.Value.SerializerOptions, ct);
        if (unreadable is not null) return unreadable;

        var states = await db.StateParties.AsNoTracking().ToListAsync(ct);
        var (form, errors) = draft!.ToForm(states, stateId);
        var now = clock.GetUtcNow().UtcDateTime;
        var round = form.RoundId is { } roundId
            ? (await Rounds.OpenModel.OpenRoundsAsync(db, now, ct)).FirstOrDefault(r => r.Id == roundId)
            : null;
        if (round is null)
            errors.TryAdd("roundId", [form.RoundId is null
                ? "Choose the round you are applying to (see GET /api/v1/rounds)."
                : "There is no open round with this id (see GET /api/v1/rounds)."]);
        // Budgets are in the round's currency until exchange rates are recorded with their date and source.
        else if (draft.Currency is { } currency && !string.Equals(currency.Trim(), round.Currency, StringComparison.OrdinalIgnoreCase))
            errors.TryAdd("currency", [$"'{currency}' is not accepted: budgets for this round are in {round.Currency}."]);
        if (errors.Count > 0) return Invalid(errors.Select(e => (e.Key, e.Value)));

        var (outcome, application, _) = await drafts.CreateAsync(person, form.ToDraft(), [], id: null, ct);
        if (outcome.StatusCode == StatusCodes.Status400BadRequest)
            return Invalid(outcome.Errors.GroupBy(e => ApiDraft.FieldName(DraftForm.FieldKey(e.Field)), e => e.Message)
                .Select(g => (g.Key, g.ToList())));
        if (!outcome.Succeeded)
            return TypedResults.Problem(statusCode: outcome.StatusCode, title: string.Join(" ", outcome.Errors.Select(e => e.Message)));

        var created = await (await callers.VisibleApplicationsAsync(token)).FirstAsync(a => a.Id == application!.Id, ct);
        return TypedResults.Created($"/api/v1/applications/{created.Id}", ToApi(created));
    }

    private static ValidationProblem Invalid(IEnumerable<(string Field, List<string> Messages)> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Field, e => e.Messages.ToArray()),
            title: "The draft was not saved: correct the fields listed.");

    private static ApiApplication ToApi(GrantApplication a) =>
        new(a.Id, a.Reference, a.Title, a.ApplicantState?.IsoCode, a.Stage, ApiMoney.From(a.RequestedAmount));
}
